"""Fixtures for running the real gateway over HTTP against a real SandboxServer (no mocks)."""

from __future__ import annotations

import base64
import copy
import datetime
import json
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from karmada_gateway import KarmadaClient
from karmada_sandbox.server import SandboxServer

TEST_NAMESPACE = "gateway-tests"

ClientFactory = Callable[..., KarmadaClient]


@pytest.fixture(scope="module")
def client_for_sandbox() -> Iterator[ClientFactory]:
    """Build gateway clients for a sandbox: `client_for_sandbox(server, **kubeconfig_changes)`.

    Keyword arguments replace fields of the sandbox's own kubeconfig user (e.g. `token="x"`).
    Every client made here is closed at the end of the module.
    """
    made: list[KarmadaClient] = []

    def make(server: SandboxServer, timeout: float = 5.0, **user: Any) -> KarmadaClient:
        kubeconfig = copy.deepcopy(server.kubeconfig())
        kubeconfig["users"][0]["user"].update(user)
        client = KarmadaClient.from_kubeconfig(kubeconfig, timeout=timeout)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    """An empty sandbox whose controllers are stopped, so that no controller write races
    the optimistic-concurrency and watch assertions of these tests."""
    server = SandboxServer(seed="empty", name="gateway-tests").start()
    if server.world is not None:
        server.world.stop()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def karmada(sandbox: SandboxServer, client_for_sandbox: ClientFactory) -> KarmadaClient:
    """A gateway client for `sandbox`, with the test namespace created."""
    client = client_for_sandbox(sandbox)
    client.apply_resource(
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": TEST_NAMESPACE}}
    )
    return client


def closed_port() -> int:
    """A local TCP port that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def unrelated_ca_pem() -> bytes:
    """A freshly generated self-signed CA certificate that signed nothing the sandbox uses."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "not-the-sandbox-ca")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


class _PlainKubernetes(BaseHTTPRequestHandler):
    """Answers /version and /apis like a Kubernetes API server without Karmada installed."""

    answers: dict[str, Any] = {
        "/version": {"major": "1", "minor": "31", "gitVersion": "v1.31.0", "platform": "linux"},
        "/apis": {
            "kind": "APIGroupList",
            "apiVersion": "v1",
            "groups": [{"name": "apps", "versions": [{"groupVersion": "apps/v1"}]}],
        },
    }

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's handler naming
        answer = self.answers.get(self.path.split("?")[0])
        body = json.dumps(answer or {"kind": "Status", "code": 404}).encode()
        self.send_response(200 if answer else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def plain_kubernetes_url() -> Iterator[str]:
    """URL of a tiny HTTP server that looks like Kubernetes but serves no Karmada groups."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PlainKubernetes)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def kubeconfig_for(url: str, token: str = "token", ca_pem: bytes | None = None) -> dict[str, Any]:
    """A one-context kubeconfig for `url` (with `ca_pem` as its certificate authority)."""
    cluster: dict[str, Any] = {"server": url}
    if ca_pem is not None:
        cluster["certificate-authority-data"] = base64.b64encode(ca_pem).decode()
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "c", "cluster": cluster}],
        "users": [{"name": "u", "user": {"token": token}}],
        "contexts": [{"name": "ctx", "context": {"cluster": "c", "user": "u"}}],
        "current-context": "ctx",
    }
