"""The request and response values passed between the HTTP handler and the API routes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import ujson

from karmada_sandbox.api.errors import ApiError, bad_request
from karmada_sandbox.store import dumps


@dataclass
class ApiRequest:
    """One parsed HTTP request: method, path, first query values, lower-case headers, body."""

    method: str
    path: str
    query: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json_body(self) -> Any:
        """The body parsed as JSON. Raises ApiError (400) when it is not JSON."""
        if not self.body:
            raise bad_request("the request body is empty")
        try:
            return ujson.loads(self.body)
        except ValueError as exc:
            if self.headers.get("content-type", "").startswith(
                "application/vnd.kubernetes.protobuf"
            ):
                raise ApiError(
                    415, "UnsupportedMediaType", "the sandbox only accepts JSON request bodies"
                ) from exc
            raise bad_request(f"the body is not valid JSON: {exc}") from exc

    @property
    def accept(self) -> str:
        """The Accept header ("" when missing)."""
        return self.headers.get("accept", "")

    def wants_table(self) -> bool:
        """Whether the client asked for a meta.k8s.io Table rendering."""
        return "as=Table" in self.accept

    def flag(self, name: str) -> bool:
        """A boolean query parameter ("true"/"1")."""
        return self.query.get(name, "").lower() in ("true", "1")


@dataclass
class ApiResponse:
    """An answer: a status and JSON body, or a stream of chunks (watch, logs)."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    stream: Iterator[bytes] | None = None
    headers: dict[str, str] = field(default_factory=dict)


def json_response(obj: Any, status: int = 200) -> ApiResponse:
    """A JSON answer for a Python value."""
    return ApiResponse(status=status, body=dumps(obj))


def error_response(error: ApiError) -> ApiResponse:
    """The Status answer for an ApiError."""
    return ApiResponse(status=error.code, body=dumps(error.status()))
