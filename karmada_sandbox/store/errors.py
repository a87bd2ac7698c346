"""Errors the object store raises, carrying Kubernetes-style messages."""

from __future__ import annotations

from karmada_sandbox.registry import ResourceType


def resource_name(rtype: ResourceType) -> str:
    """The `plural.group` form Kubernetes uses in error messages."""
    return f"{rtype.plural}.{rtype.group}" if rtype.group else rtype.plural


class StoreError(Exception):
    """Base class of store errors; `message` is the Kubernetes-style text."""

    reason = "InternalError"
    code = 500

    def __init__(self, message: str, *, rtype: ResourceType | None = None, name: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.rtype = rtype
        self.name = name


class NotFound(StoreError):
    """The object does not exist."""

    reason, code = "NotFound", 404


class AlreadyExists(StoreError):
    """An object with that name already exists."""

    reason, code = "AlreadyExists", 409


class Conflict(StoreError):
    """The given resourceVersion (or precondition) does not match the stored object."""

    reason, code = "Conflict", 409


class Gone(StoreError):
    """The requested resourceVersion is older than the kept watch history."""

    reason, code = "Gone", 410


class Invalid(StoreError):
    """The object is invalid; `field` names the first bad field, `causes` lists all of them."""

    reason, code = "Invalid", 422

    def __init__(
        self,
        field: str,
        message: str,
        *,
        rtype: ResourceType | None = None,
        name: str = "",
        causes: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(f"{field}: {message}" if field else message, rtype=rtype, name=name)
        self.field = field
        self.detail = message
        self.causes = causes or [(field, message)]


def conflict(rtype: ResourceType, name: str) -> Conflict:
    """The Conflict a stale resourceVersion or failed precondition gets."""
    return Conflict(
        f'Operation cannot be fulfilled on {resource_name(rtype)} "{name}": the object has '
        "been modified; please apply your changes to the latest version and try again",
        rtype=rtype,
        name=name,
    )
