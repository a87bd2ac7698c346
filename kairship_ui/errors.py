"""Domain errors; their messages are safe to show. Views put them at the field or in a banner."""

from __future__ import annotations


class KairshipError(Exception):
    """Base of every domain error; `field` names the form field at fault, if any."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(KairshipError):
    """The actor's role does not allow this action on an object they can see."""

    status = 403


class AlreadyExists(KairshipError):
    status = 409


class InvalidInput(KairshipError):
    status = 400
