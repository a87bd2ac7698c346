"""Kubernetes `Status` error bodies and the exception the request handlers raise."""

from __future__ import annotations

from typing import Any

from karmada_sandbox.registry import ResourceType
from karmada_sandbox.store import Invalid, StoreError

_CAUSE_REASONS = (
    ("Required value", "FieldValueRequired"),
    ("Unsupported value", "FieldValueNotSupported"),
    ("unknown field", "FieldValueInvalid"),
    ("Too long", "FieldValueTooLong"),
    ("Too many", "FieldValueTooMany"),
)


class ApiError(Exception):
    """An error answered as a Kubernetes Status object."""

    def __init__(
        self, code: int, reason: str, message: str, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details

    def status(self) -> dict[str, Any]:
        """The Status body."""
        body: dict[str, Any] = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        }
        if self.details:
            body["details"] = self.details
        return body


def bad_request(message: str) -> ApiError:
    """400 BadRequest."""
    return ApiError(400, "BadRequest", message)


def not_found(message: str = "the server could not find the requested resource") -> ApiError:
    """404 NotFound for a path that is not served."""
    return ApiError(404, "NotFound", message, {})


def method_not_allowed(method: str) -> ApiError:
    """405 MethodNotAllowed."""
    return ApiError(
        405,
        "MethodNotAllowed",
        f"the server does not allow this method on the requested resource ({method})",
    )


def unauthorized() -> ApiError:
    """401 Unauthorized."""
    return ApiError(401, "Unauthorized", "Unauthorized")


def forbidden(message: str) -> ApiError:
    """403 Forbidden."""
    return ApiError(403, "Forbidden", message)


def unavailable(message: str) -> ApiError:
    """503 ServiceUnavailable."""
    return ApiError(503, "ServiceUnavailable", message)


def _kind_name(rtype: ResourceType) -> str:
    return f"{rtype.kind}.{rtype.group}" if rtype.group else rtype.kind


def _cause_reason(message: str) -> str:
    return next(
        (r for prefix, r in _CAUSE_REASONS if message.startswith(prefix)), "FieldValueInvalid"
    )


def from_store(exc: StoreError) -> ApiError:
    """Translate a store error into its Status answer."""
    details: dict[str, Any] = {"name": exc.name}
    if exc.rtype is not None:
        details["group"] = exc.rtype.group
        details["kind"] = exc.rtype.kind if isinstance(exc, Invalid) else exc.rtype.plural
    if not isinstance(exc, Invalid):
        return ApiError(exc.code, exc.reason, exc.message, details)
    details["causes"] = [
        {"reason": _cause_reason(m), "message": m, "field": f} for f, m in exc.causes
    ]
    listed = [f"{f}: {m}" if f else m for f, m in exc.causes]
    summary = listed[0] if len(listed) == 1 else "[" + ", ".join(listed) + "]"
    subject = f'{_kind_name(exc.rtype)} "{exc.name}"' if exc.rtype is not None else "object"
    return ApiError(422, "Invalid", f"{subject} is invalid: {summary}", details)
