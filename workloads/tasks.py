"""Celery tasks for templates and policies: each unpacks ids and calls one service."""

from __future__ import annotations

from celery import shared_task

from clusters.tasks import RETRY
from kairship_ui.tasks import OperationTask


@shared_task(name="workloads.apply_object_change", base=OperationTask, **RETRY)
def apply_object_change(operation_id: int) -> None:
    """Send a queued create, update or delete of a template or policy to Karmada."""
    from . import services

    services.run_object_change(operation_id)
