"""Operations: work queued for Karmada, claimed once by a worker, finished with an outcome."""

from __future__ import annotations

from django.db import transaction

from . import live
from .models import Operation, Outcome


def _publish(operation: Operation) -> None:
    # Operations show on their instance's page; services publish other pages themselves.
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
