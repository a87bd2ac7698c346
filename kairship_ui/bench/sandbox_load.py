"""Sandbox at fleet scale, measured in a process of its own (so its memory is its own).

`python -m kairship_ui.bench.sandbox_load MEMBERS TEMPLATES` builds the load, serves it over
HTTP and prints `BENCH sandbox.*` lines: time to settle, peak RSS, a list of every template,
and how fast a watch delivers a change. Needs no Django.
"""

from __future__ import annotations

import contextlib
import json
import resource
import statistics
import sys
import threading
import time
import urllib.request

from karmada_sandbox.seed.load import NAMESPACE, apply_load
from karmada_sandbox.server import SandboxServer

from .report import line, percentile

DEPLOYMENTS = "/apis/apps/v1/deployments"


def _get(server: SandboxServer, path: str) -> dict:
    request = urllib.request.Request(
        server.url + path, headers={"Authorization": f"Bearer {server.token}"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def _list_ms(server: SandboxServer, rounds: int = 5) -> tuple[int, float]:
    samples, count = [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        count = len(_get(server, DEPLOYMENTS)["items"])
        samples.append((time.perf_counter() - start) * 1000)
    return count, statistics.median(samples)


def _watch_ms(server: SandboxServer, rounds: int = 20) -> list[float]:
    """Label one Deployment per round and time its MODIFIED event on an open watch."""
    version = _get(server, f"{DEPLOYMENTS}?limit=1")["metadata"]["resourceVersion"]
    request = urllib.request.Request(
        f"{server.url}{DEPLOYMENTS}?watch=true&resourceVersion={version}&timeoutSeconds=120",
        headers={"Authorization": f"Bearer {server.token}"},
    )
    arrivals: dict[str, float] = {}
    seen = threading.Condition()

    def read(stream) -> None:
        with contextlib.suppress(OSError, ValueError, AttributeError):  # the stream was closed
            for raw in stream:
                labels = json.loads(raw)["object"]["metadata"].get("labels") or {}
                with seen:
                    arrivals.setdefault(labels.get("bench", ""), time.perf_counter())
                    seen.notify_all()

    stream = urllib.request.urlopen(request, timeout=120)
    threading.Thread(target=read, args=(stream,), daemon=True).start()
    store = server.control_plane
    rtype = store.registry.by_kind("apps/v1", "Deployment")
    samples = []
    for i in range(rounds):
        obj = store.get(rtype, NAMESPACE, f"d{i}")
        obj["metadata"]["labels"]["bench"] = str(i)
        start = time.perf_counter()
        store.update(rtype, obj)
        with seen:
            seen.wait_for(lambda key=str(i): key in arrivals, timeout=10)
        samples.append((arrivals.get(str(i), time.perf_counter()) - start) * 1000)
    stream.close()
    return samples


def main(members: int, templates: int) -> None:
    with SandboxServer(seed="empty", name="bench-load") as server:
        world = server.world
        start = time.perf_counter()
        apply_load(world, members=members, templates=templates)
        world.settle(timeout=3600)
        world.advance(10)
        world.settle(timeout=3600)
        settle_s = time.perf_counter() - start
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            line(
                "sandbox.load",
                members=members,
                templates=templates,
                settle_s=settle_s,
                rss_mb=rss_mb,
            ),
            flush=True,
        )
        rows, list_ms = _list_ms(server)
        print(line("sandbox.list", rows=rows, median_ms=list_ms), flush=True)
        samples = _watch_ms(server)
        print(
            line(
                "sandbox.watch",
                rounds=len(samples),
                p50_ms=percentile(samples, 50),
                p95_ms=percentile(samples, 95),
            ),
            flush=True,
        )


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
