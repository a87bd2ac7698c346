"""`SandboxServer`: a Karmada-compatible Kubernetes API server on a background thread."""

from __future__ import annotations

import base64
import hmac
import logging
import os
import secrets
import threading
from http.server import ThreadingHTTPServer
from typing import Any

import yaml

from karmada_sandbox.api.handler import make_handler
from karmada_sandbox.api.messages import ApiRequest, ApiResponse
from karmada_sandbox.api.router import route
from karmada_sandbox.api.tls import ServerCertificate, client_certificate, generate
from karmada_sandbox.controllers.tokens import account_of, is_token_secret
from karmada_sandbox.registry import control_plane_registry
from karmada_sandbox.store import AlreadyExists, ObjectStore

log = logging.getLogger(__name__)

try:  # the simulated members and controllers live in another module, built separately
    from karmada_sandbox.world import KarmadaWorld
except ImportError as exc:  # pragma: no cover - only while world.py is incomplete
    log.warning("karmada_sandbox.world is unavailable (%s); serving without a world", exc)
    KarmadaWorld = None  # type: ignore[assignment,misc]

# Namespaces every kube-apiserver (and a Karmada control plane) starts with.
SYSTEM_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease", "karmada-system")


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set on stop, so open watch streams end instead of outliving the server.
        self.stopping = threading.Event()


class SandboxServer:
    """A Karmada-compatible Kubernetes API server on a background thread."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        seed: str = "empty",
        tls: bool = False,
        token: str | None = None,
        name: str = "sandbox",
    ) -> None:
        self.host, self.name, self.seed, self.tls = host, name, seed, tls
        self.token = token or secrets.token_urlsafe(24)
        self.read_only_token = secrets.token_urlsafe(24)  # authenticated, but writes get 403
        self.control_plane = ObjectStore(control_plane_registry())
        _create_namespaces(self.control_plane)
        self.world: Any = None
        if KarmadaWorld is not None:
            self.world = KarmadaWorld(self.control_plane, seed)
        self._certificate: ServerCertificate | None = generate(host) if tls else None
        if self.world is not None and self._certificate is not None:
            self.world.ctx.ca_pem = self._certificate.ca_pem
        self._httpd = _HTTPServer((host, port), make_handler(self.handle, self.authenticate))
        if self._certificate is not None:
            context = self._certificate.server_context()
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self.port = self._httpd.server_address[1]
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The server's base URL, e.g. http://127.0.0.1:41234."""
        scheme = "https" if self.tls else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"

    def handle(self, request: ApiRequest) -> ApiResponse:
        """Answer one authenticated request (the HTTP handler calls this). Raises ApiError."""
        return route(self.control_plane, request, lambda: self.world)

    def authenticate(self, bearer: str, client_certificate: bool) -> str | None:
        """Who may do what: the server's token, the token of a filled service-account token
        Secret whose account exists, or a client certificate of the server's CA may write; the
        read-only token may read.
        """
        if client_certificate or (bearer and hmac.compare_digest(bearer, self.token)):
            return "write"
        if bearer and hmac.compare_digest(bearer, self.read_only_token):
            return "read"
        if bearer and bearer in self._service_account_tokens():
            return "write"
        return None

    def _service_account_tokens(self) -> set[str]:
        registry = self.control_plane.registry
        accounts = {
            (account["metadata"]["namespace"], account["metadata"]["name"])
            for account in self.control_plane.list(registry.by_kind("v1", "ServiceAccount"))[0]
        }
        return {
            base64.b64decode(secret["data"]["token"]).decode()
            for secret in self.control_plane.list(registry.by_kind("v1", "Secret"))[0]
            if is_token_secret(secret)
            and (secret["metadata"]["namespace"], account_of(secret)) in accounts
        }

    def start(self) -> SandboxServer:
        """Start the world's controllers and serve requests on a daemon thread."""
        if self.world is not None:
            self.world.start()
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name=f"{self.name}-api", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Start the world and serve requests on the calling thread until interrupted."""
        if self.world is not None:
            self.world.start()
        try:
            self._httpd.serve_forever()
        finally:
            self._shutdown_world()
            self._httpd.server_close()

    def stop(self) -> None:
        """Stop serving (ending open watch streams) and stop the world's controllers."""
        self._httpd.stopping.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()
        self._shutdown_world()

    def _shutdown_world(self) -> None:
        if self.world is not None:
            self.world.stop()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def kubeconfig(self, user: dict[str, Any] | None = None) -> dict[str, Any]:
        """A kubeconfig for this server: one cluster, a user (the token's by default), context
        `name`.
        """
        cluster: dict[str, Any] = {"server": self.url}
        if self._certificate is not None:
            cluster["certificate-authority-data"] = base64.b64encode(
                self._certificate.ca_pem
            ).decode()
        return {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": self.name, "cluster": cluster}],
            "users": [{"name": self.name, "user": user or {"token": self.token}}],
            "contexts": [{"name": self.name, "context": {"cluster": self.name, "user": self.name}}],
            "current-context": self.name,
            "preferences": {},
        }

    def client_certificate_kubeconfig(self, user: str = "kubernetes-admin") -> dict[str, Any]:
        """A kubeconfig authenticating with a client certificate of the server's CA, as kind's,
        minikube's and kubeadm's admin.conf do (group system:masters). HTTPS servers only.
        """
        if self._certificate is None:
            raise ValueError("client certificates need a server started with tls=True")
        cert_pem, key_pem = client_certificate(self._certificate, user, "system:masters")
        return self.kubeconfig(
            {
                "client-certificate-data": base64.b64encode(cert_pem).decode(),
                "client-key-data": base64.b64encode(key_pem).decode(),
            }
        )

    def read_only_kubeconfig(self) -> dict[str, Any]:
        """A kubeconfig whose token may read but not write (writes are answered 403)."""
        return self.kubeconfig({"token": self.read_only_token})

    def write_kubeconfig(self, path: str) -> None:
        """Write the kubeconfig as YAML, readable only by the owner (replaced atomically)."""
        partial = f"{path}.partial"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            yaml.safe_dump(self.kubeconfig(), fh, sort_keys=False)
        os.replace(partial, path)


def _create_namespaces(store: ObjectStore) -> None:
    ns_type = store.registry.by_plural("", "v1", "namespaces")
    for name in SYSTEM_NAMESPACES:
        try:
            store.create(
                ns_type,
                {
                    "metadata": {"name": name},
                    "spec": {"finalizers": ["kubernetes"]},
                    "status": {"phase": "Active"},
                },
            )
        except AlreadyExists:
            continue
