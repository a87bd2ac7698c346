"""Retries with backoff: transient answers to reads are retried, writes are sent once."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from karmada_gateway import KarmadaClient, KarmadaUnavailable

from .conftest import kubeconfig_for

CLUSTER = {
    "apiVersion": "cluster.karmada.io/v1alpha1",
    "kind": "Cluster",
    "metadata": {"name": "m1", "resourceVersion": "1"},
    "spec": {"syncMode": "Push"},
}


class _Flaky(BaseHTTPRequestHandler):
    """Fails the first `failures` requests with 503 (Retry-After: 0), then answers CLUSTER."""

    failures = 0
    calls: list[str] = []

    def _answer(self) -> None:
        type(self).calls.append(self.command)
        if len(self.calls) <= self.failures:
            self._send(503, {"kind": "Status", "code": 503, "message": "etcd is busy"})
        else:
            self._send(200 if self.command == "GET" else 201, CLUSTER)

    do_GET = do_POST = _answer  # noqa: N815 - the stdlib's handler naming

    def _send(self, code: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if code == 503:
            self.send_header("Retry-After", "0")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture
def flaky() -> Iterator[tuple[type[_Flaky], KarmadaClient]]:
    handler = type("Flaky", (_Flaky,), {"calls": [], "failures": 0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with KarmadaClient.from_kubeconfig(kubeconfig_for(url)) as client:
        yield handler, client
    server.shutdown()
    server.server_close()


def test_read_is_retried_through_transient_errors(
    flaky: tuple[type[_Flaky], KarmadaClient],
) -> None:
    handler, client = flaky
    handler.failures = 2
    assert client.get_cluster("m1").name == "m1"
    assert handler.calls == ["GET", "GET", "GET"]


def test_read_gives_up_after_the_retry_budget(flaky: tuple[type[_Flaky], KarmadaClient]) -> None:
    handler, client = flaky
    handler.failures = 100
    with pytest.raises(KarmadaUnavailable, match="etcd is busy"):
        client.get_cluster("m1")
    assert handler.calls == ["GET"] * 4


def test_write_is_not_retried(flaky: tuple[type[_Flaky], KarmadaClient]) -> None:
    handler, client = flaky
    handler.failures = 1
    with pytest.raises(KarmadaUnavailable):
        client.create_cluster({"metadata": {"name": "m1"}, "spec": {"syncMode": "Push"}})
    assert handler.calls == ["POST"]
