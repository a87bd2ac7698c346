"""The HTTP/1.1 request handler: parsing, authentication, JSON and chunked stream answers."""

from __future__ import annotations

import logging
import select
import socket
import ssl
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, unquote, urlsplit

from karmada_sandbox.api.errors import ApiError, forbidden, unauthorized
from karmada_sandbox.api.messages import ApiRequest, ApiResponse, error_response

log = logging.getLogger(__name__)

Router = Callable[[ApiRequest], ApiResponse]
# (bearer token or "", whether a client certificate signed by the server's CA was presented)
# -> "write" (may do anything), "read" (GET and HEAD only) or None (401).
Authenticator = Callable[[str, bool], str | None]
_READ_METHODS = ("GET", "HEAD")


def make_handler(router: Router, authenticate: Authenticator) -> type[BaseHTTPRequestHandler]:
    """A handler class that authenticates with `authenticate` and answers through `router`."""

    class Handler(_Handler):
        pass

    Handler.router = staticmethod(router)
    Handler.authenticate = staticmethod(authenticate)
    return Handler


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "karmada-sandbox"
    router: Router
    authenticate: Authenticator

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        log.debug("%s %s", self.address_string(), format % args)

    def _serve(self) -> None:
        try:
            request = self._request()
            access = self._access()
            if access is None:
                raise unauthorized()
            if access == "read" and self.command not in _READ_METHODS:
                raise forbidden(f"this identity may only read; {self.command} is not allowed")
            response = self.router(request)
        except ApiError as exc:
            response = error_response(exc)
        except Exception:  # the server must answer, not drop the connection
            log.exception("sandbox request failed: %s %s", self.command, self.path)
            response = error_response(ApiError(500, "InternalError", "internal error"))
        self._write(response)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve

    def _request(self) -> ApiRequest:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        headers = {k.lower(): v for k, v in self.headers.items()}
        return ApiRequest(self.command, unquote(url.path), query, headers, body)

    def _access(self) -> str | None:
        scheme, _, given = self.headers.get("Authorization", "").partition(" ")
        bearer = given.strip() if scheme.lower() == "bearer" else ""
        # The TLS context only accepts client certificates its CA signed.
        certified = isinstance(self.connection, ssl.SSLSocket) and bool(
            self.connection.getpeercert()
        )
        return self.authenticate(bearer, certified)

    def _write(self, response: ApiResponse) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.stream is None:
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self._stream(response)

    def _stream(self, response: ApiResponse) -> None:
        stream = response.stream
        assert stream is not None
        finished = False
        try:
            finished = self._write_chunks(stream)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        finally:
            close = getattr(stream, "close", None)
            if close:
                close()
        # A stream that ended cleanly (timeoutSeconds) leaves a reusable keep-alive connection,
        # as clients with connection pools expect.
        self.close_connection = not finished or self._server_stopping()

    def _write_chunks(self, stream: Iterator[bytes]) -> bool:
        """Copy a stream to the socket; empty chunks are chances to notice a hang-up or a stop.

        Returns whether the stream was terminated properly (False when the peer went away).
        """
        for chunk in stream:
            if chunk:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
            elif self._peer_closed():
                return False
            elif self._server_stopping():
                break
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
        return True

    def _server_stopping(self) -> bool:
        stopping = getattr(self.server, "stopping", None)
        return bool(stopping is not None and stopping.is_set())

    def _peer_closed(self) -> bool:
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            if not readable:
                return False
            if isinstance(self.connection, ssl.SSLSocket):
                # Watch clients send nothing; readable TLS means close_notify or EOF.
                return True
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True
