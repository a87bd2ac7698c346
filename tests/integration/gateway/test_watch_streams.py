"""Watch streams from servers that do not use chunked encoding, and in-stream errors."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from karmada_gateway import KarmadaClient, KarmadaGone

from .conftest import kubeconfig_for

RELEASE = threading.Event()


def event_line(kind: str, rv: str) -> bytes:
    obj = {"metadata": {"name": "m1", "resourceVersion": rv}, "spec": {"syncMode": "Push"}}
    return json.dumps({"type": kind, "object": obj}).encode() + b"\n"


class _PlainStream(BaseHTTPRequestHandler):
    """HTTP/1.0-style watch: no length, no chunking; the stream ends when the socket closes."""

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's handler naming
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        if "resourceVersion=1" in self.path:
            gone = {"kind": "Status", "code": 410, "reason": "Expired", "message": "too old"}
            self.wfile.write(json.dumps({"type": "ERROR", "object": gone}).encode() + b"\n")
            return
        self.wfile.write(event_line("ADDED", "5"))
        self.wfile.flush()
        RELEASE.wait(timeout=10)
        self.wfile.write(event_line("MODIFIED", "6"))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture
def plain_stream() -> Iterator[KarmadaClient]:
    RELEASE.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PlainStream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with KarmadaClient.from_kubeconfig(kubeconfig_for(url)) as client:
        yield client
    RELEASE.set()
    server.shutdown()
    server.server_close()


def test_events_arrive_before_an_unchunked_stream_ends(plain_stream: KarmadaClient) -> None:
    stream = plain_stream.watch("Cluster", since="4", timeout_seconds=5)
    started = time.monotonic()
    first = next(stream)
    assert (first.type, first.resource_version) == ("ADDED", "5")
    assert time.monotonic() - started < 3
    RELEASE.set()
    assert [(e.type, e.object.name) for e in stream] == [("MODIFIED", "m1")]


def test_error_event_with_410_raises_gone(plain_stream: KarmadaClient) -> None:
    with pytest.raises(KarmadaGone, match="too old"):
        list(plain_stream.watch("Cluster", since="1", timeout_seconds=5))
