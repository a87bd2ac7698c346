"""Record every mutating action; secrets never reach the log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models

from .errors import KairshipError
from .models import AuditEntry, Outcome
from .redaction import redact


def diff(before: Any, after: Any, path: str = "") -> list[dict[str, Any]]:
    """Field-level changes between two JSON-like values, as [{path, before, after}]."""
    if isinstance(before, dict) and isinstance(after, dict):
        changes: list[dict[str, Any]] = []
        for key in sorted(set(before) | set(after), key=str):
            changes += diff(before.get(key), after.get(key), f"{path}.{key}" if path else str(key))
        return changes
    if before == after:
        return []
    return [{"path": path or "(object)", "before": before, "after": after}]


def target_fields(target: Any) -> dict[str, Any]:
    """kind / instance / namespace / name / tenant for a model instance or a plain description."""
    if isinstance(target, dict):
        return target
    if hasattr(target, "audit_fields"):
        return target.audit_fields()
    fields: dict[str, Any] = {"kind": type(target).__name__, "name": str(target)}
    for attr in ("tenant", "instance"):
        if isinstance(target, models.Model) and hasattr(target, f"{attr}_id"):
            fields[attr] = getattr(target, attr)
    if hasattr(target, "namespace") and isinstance(target.namespace, str):
        fields["namespace"] = target.namespace
    if type(target).__name__ == "Tenant":
        fields["tenant"] = target
    return fields


def record(
    actor,
    action: str,
    target: Any,
    *,
    before: Any = None,
    after: Any = None,
    outcome: str = Outcome.SUCCEEDED,
    message: str = "",
) -> AuditEntry:
    """Write one audit entry; `target` is a model instance or a dict of kind/instance/name."""
    fields = target_fields(target)
    before, after = redact(before), redact(after)
    instance = fields.get("instance")
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "username", "") or "system",
        action=action,
        outcome=outcome,
        kind=fields.get("kind", ""),
        tenant=fields.get("tenant"),
        instance=instance,
        instance_name=str(instance) if instance else fields.get("instance_name", ""),
        namespace=fields.get("namespace", ""),
        name=fields.get("name", ""),
        before=before,
        after=after,
        changes=diff(before, after),
        message=message,
    )


@contextmanager
def failures_recorded(actor, action: str, target: Any) -> Iterator[None]:
    """Record a failed entry (outside the rolled-back transaction) when a domain error escapes."""
    try:
        yield
    except KairshipError as exc:
        record(actor, action, target, outcome=Outcome.FAILED, message=exc.message)
        raise
