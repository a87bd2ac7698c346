"""Operations: work queued for Karmada, claimed once by a worker, finished with an outcome."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from . import live
from .models import Operation, Outcome

# kind -> (operation -> URL of the object it changed, or None while it is not mirrored yet)
TargetResolver = Callable[[Operation], str | None]
_TARGETS: dict[str, TargetResolver] = {}


def register_target(kinds: tuple[str, ...], resolver: TargetResolver) -> None:
    """Let the operation page link to the objects of `kinds` (called from an app's ready())."""
    for kind in kinds:
        _TARGETS[kind] = resolver


def target_url(operation: Operation) -> str | None:
    """The page of the object `operation` changed, when an app knows it and it exists."""
    resolver = _TARGETS.get(operation.kind)
    return resolver(operation) if resolver else None


def _publish(operation: Operation) -> None:
    # Operations show on their own page and their instance's; services publish other pages.
    live.publish("operation", operation.pk)
    if operation.instance_id:
        live.publish("instance", operation.instance_id)


def start(**fields) -> Operation:
    """Create a pending operation (inside the caller's transaction) and tell its pages."""
    operation = Operation.objects.create(**fields)
    _publish(operation)
    return operation


def claim(operation_id: int) -> Operation | None:
    """Compare-and-set pending → running; None when another worker already has it."""
    claimed = Operation.objects.filter(pk=operation_id, state=Outcome.PENDING).update(
        state=Outcome.RUNNING
    )
    return (
        Operation.objects.select_related("instance", "actor").get(pk=operation_id)
        if claimed
        else None
    )


def finish(operation: Operation, state: str, message: str = "") -> Operation:
    """Record the outcome and tell every page showing the operation."""
    with transaction.atomic():
        operation.state, operation.message = state, message
        operation.save(update_fields=["state", "message", "updated_at"])
        _publish(operation)
    return operation
