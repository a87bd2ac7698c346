"""`SandboxServer`: a Karmada-compatible Kubernetes API server on a background thread."""

from __future__ import annotations

import base64
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
from karmada_sandbox.api.tls import ServerCertificate, generate
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
        self.control_plane = ObjectStore(control_plane_registry())
        _create_namespaces(self.control_plane)
        self.world: Any = None
        if KarmadaWorld is not None:
            self.world = KarmadaWorld(self.control_plane, seed)
        self._certificate: ServerCertificate | None = generate(host) if tls else None
        self._httpd = _HTTPServer((host, port), make_handler(self.handle, self.token))
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

    def kubeconfig(self) -> dict[str, Any]:
        """A kubeconfig for this server: one cluster, a token user and context `name`."""
        cluster: dict[str, Any] = {"server": self.url}
        if self._certificate is not None:
            cluster["certificate-authority-data"] = base64.b64encode(
                self._certificate.ca_pem
            ).decode()
        return {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": self.name, "cluster": cluster}],
            "users": [{"name": self.name, "user": {"token": self.token}}],
            "contexts": [{"name": self.name, "context": {"cluster": self.name, "user": self.name}}],
            "current-context": self.name,
            "preferences": {},
        }

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
