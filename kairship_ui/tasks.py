"""Base task: Django-aware (delay_on_commit); fails its Operation when retries run out."""

from __future__ import annotations

from celery.contrib.django.task import DjangoTask

from .models import Operation, Outcome


class OperationTask(DjangoTask):
    """When a task taking `operation_id` gives up, its Operation is marked failed with why."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        operation_id = kwargs.get("operation_id")
        if operation_id is not None:
            from . import operations

            operation = Operation.objects.filter(pk=operation_id).first()
            if operation is not None and operation.state != Outcome.SUCCEEDED:
                operations.finish(operation, Outcome.FAILED, f"Gave up: {exc}")
