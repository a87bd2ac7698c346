"""HTTP to the Kubernetes API through the official ApiClient: JSON requests, retries, streams.

Everything goes through `ApiClient.param_serialize` + `call_api`, so authentication, TLS and
proxies come from the kubeconfig exactly as the generated typed APIs would use them.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Generator, Iterator, Sequence
from typing import Any

from kubernetes.client import ApiClient
from kubernetes.client.exceptions import ApiException

from karmada_gateway.errors import KarmadaError, KarmadaUnavailable, translated_errors

Query = Sequence[tuple[str, str | int | bool]]

JSON = "application/json"
PATCH_TYPES = {
    "merge": "application/merge-patch+json",
    "json": "application/json-patch+json",
    "strategic": "application/strategic-merge-patch+json",
}


class Transport:
    """One API server connection: JSON calls with timeouts, and retries with backoff for reads."""

    def __init__(
        self, api: ApiClient, timeout: float, retries: int = 3, backoff: float = 0.25
    ) -> None:
        self._api = api
        self.timeout = timeout
        self._retries = retries
        self._backoff = backoff

    @property
    def host(self) -> str:
        """The API server URL from the kubeconfig."""
        return str(self._api.configuration.host)

    def close(self) -> None:
        """Release pooled connections."""
        self._api.close()  # type: ignore[no-untyped-call]

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Query = (),
        body: Any = None,
        content_type: str = JSON,
    ) -> Any:
        """Send one request and return the decoded JSON answer.

        GETs are retried with exponential backoff on transient errors. Raises KarmadaError.
        """
        max_retries = self._retries if method == "GET" else 0
        attempt = 0
        while True:
            try:
                with translated_errors():
                    return _decode(self._open(method, path, query, body, content_type, None))
            except KarmadaError as exc:
                if not exc.transient or attempt >= max_retries:
                    raise
                time.sleep(self._delay(attempt, exc))
                attempt += 1

    def stream_lines(
        self, path: str, query: Query, read_timeout: float
    ) -> Generator[str, None, None]:
        """GET `path` and yield the answer line by line as it arrives (for watches).

        Raises KarmadaError, also while iterating. Closing the generator closes the connection.
        """
        with translated_errors():
            response = self._open("GET", path, query, None, JSON, read_timeout).response
        try:
            with translated_errors():
                yield from _lines(response)
        finally:
            # A half-read stream must not go back to the pool: close the socket first.
            response.close()
            response.release_conn()

    def _open(
        self,
        method: str,
        path: str,
        query: Query,
        body: Any,
        content_type: str,
        read_timeout: float | None,
    ) -> Any:
        """Send the request; raise ApiException for a non-2xx answer, else return it unread."""
        headers = {"Accept": JSON}
        if body is not None:
            headers["Content-Type"] = content_type
        method, url, headers, body, post = self._api.param_serialize(
            method,
            path,
            query_params=list(query) or None,
            header_params=headers,
            body=body,
            auth_settings=["BearerToken"],
        )
        response: Any = self._api.call_api(
            method,
            url,
            headers,
            body,
            post,
            _request_timeout=(self.timeout, read_timeout or self.timeout),
        )
        if not 200 <= response.status <= 299:
            response.read()
            text = response.data.decode("utf-8", "replace") if response.data else None
            raise ApiException.from_response(http_resp=response, body=text, data=None)
        return response

    def _delay(self, attempt: int, exc: KarmadaError) -> float:
        """Wait before retry `attempt + 1`: Retry-After if sent, else 2^n with jitter."""
        retry_after = _retry_after(exc)
        if retry_after is not None:
            return min(retry_after, 10.0)
        base = self._backoff * (2**attempt)
        return float(base + random.uniform(0, base / 2))


def _decode(response: Any) -> Any:
    """Read a RESTResponse and parse its JSON body (None for an empty body)."""
    data = response.read()
    if not data:
        return None
    try:
        return json.loads(data)
    except ValueError as exc:
        raise KarmadaUnavailable("Karmada answered with something that is not JSON.") from exc


def _retry_after(exc: KarmadaError) -> float | None:
    """Seconds from the Retry-After header of the ApiException behind `exc`, if any."""
    cause = exc.__cause__
    headers = getattr(cause, "headers", None)
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _lines(response: Any) -> Iterator[str]:
    """Split a streaming urllib3 response into text lines without waiting for full buffers."""
    buffer = b""
    for chunk in _chunks(response):
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            if line.strip():
                yield line.decode("utf-8", "replace")
    if buffer.strip():
        yield buffer.decode("utf-8", "replace")


def _chunks(response: Any) -> Iterator[bytes]:
    """Raw chunks as the server sends them (chunked encoding or a plain stream until EOF)."""
    if response.chunked:
        yield from response.stream(amt=None)
        return
    while chunk := response.read1(65536):
        yield chunk
