"""The console's own processes (daphne, the sync process) run against the current database.

Used by the benchmark and the browser tests: they start the real servers in subprocesses on
the database and Redis this process uses.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

REPO_ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """A DATABASE_URL for the database this process is connected to (the test one, in tests)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def console_env() -> dict[str, str]:
    """The environment of the console's processes: this database and this Redis."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kairship_ui.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
    }


class AsgiServer:
    """daphne serving kairship_ui.asgi in a subprocess; restartable on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start daphne and wait until /healthz answers. Raises RuntimeError."""
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "kairship_ui.asgi:application",
            ],
            cwd=REPO_ROOT,
            env=console_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()[-2000:]) from None
                time.sleep(0.2)
        raise RuntimeError("daphne did not answer /healthz within 30 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Background:
    """The console's background processes (Celery worker, inventory sync)."""

    COMMANDS = {
        "worker": [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "kairship_ui",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-mingle",
        ],
        "sync": [sys.executable, "manage.py", "run_sync"],
    }

    def __init__(self, *names: str) -> None:
        self.processes = [
            subprocess.Popen(
                self.COMMANDS[name],
                cwd=REPO_ROOT,
                env=console_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for name in names or self.COMMANDS
        ]

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)
