"""The task body: send a queued template or policy change to Karmada and mirror the answer."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from django.db import transaction

from clusters.karmada import client_for
from kairship_ui import audit, live, operations
from kairship_ui.models import Operation, Outcome
from kairship_ui.redaction import redact
from karmada_gateway import KarmadaClient, KarmadaConflict, KarmadaError, KarmadaNotFound
from workloads import sync
from workloads.inventory import mirrored

from .manifests import (
    Identity,
    Manifest,
    contains,
    editable,
    fingerprint,
    unseal,
    with_karmada_marks,
    without_payload,
)
from .writes import inventory_row

# Replaces tried while only the object's status moves under them (Karmada aggregating it).
STATUS_RETRIES = 3


def _target(operation: Operation) -> Identity:
    api_version = operation.payload["api_version"]
    return Identity(api_version, operation.kind, operation.namespace, operation.name)


def _topic(target: Identity) -> str:
    return "policy" if target.is_policy else "workload"


def _desired(operation: Operation) -> Manifest:
    return unseal(operation.payload["manifest"], operation.payload.get("sealed", ""))


def _read(client: KarmadaClient, target: Identity) -> dict[str, Any] | None:
    try:
        found = client.get_resource(target.api_version, target.kind, target.namespace, target.name)
    except KarmadaNotFound:
        return None
    return found.raw


def _send(client: KarmadaClient, operation: Operation, target: Identity) -> dict[str, Any] | None:
    """Create, replace or delete; Karmada's answer (None after a delete).

    Raises KarmadaConflict unless Karmada already holds what was asked (a task run twice).
    """
    if operation.verb.endswith(".delete"):
        # Only the object the user confirmed: not one created since under the same name.
        uid = operation.payload.get("uid", "")
        with suppress(KarmadaNotFound):  # already gone: done
            client.delete_resource(
                target.api_version, target.kind, target.namespace, target.name, uid=uid
            )
        return None
    desired, started_from = _desired(operation), operation.payload["expected_resource_version"]
    content = operation.payload.get("expected_content", "")
    for _ in range(STATUS_RETRIES):
        try:
            if started_from is None:
                return client.create_resource(desired).raw
            # Karmada refuses the replace (409) if the object moved past the version the user saw.
            meta = {**desired["metadata"], "resourceVersion": started_from}
            return client.update_resource({**desired, "metadata": meta}).raw
        except KarmadaConflict:
            current = _read(client, target)
            if current is not None and contains(current, desired):
                return current
            # Only status moved: replace the newer version.
            if started_from is None or current is None or fingerprint(current) != content:
                raise
            started_from = current["metadata"]["resourceVersion"]
    raise KarmadaConflict(f"{target} kept changing; try again.")


def _mirror(operation: Operation, target: Identity, raw: dict[str, Any] | None) -> None:
    """Bring the inventory up to Karmada's answer (None: deleted) at once, not at the next
    watch event, so the page the user returns to already shows it."""
    instance = operation.instance
    if raw is not None:
        upsert = sync.upsert_policy if target.is_policy else sync.upsert_workload
        upsert(instance, raw)
        return
    row = inventory_row(instance, target)
    if row is None:
        return
    kinds = "policies" if target.is_policy else "workloads"
    with transaction.atomic():
        row.delete()
        live.publish_list(live.all_list_group(kinds))
        if row.tenant_id is not None:
            live.publish_list(live.tenant_list_group(kinds, row.tenant_id))


def _conflict(
    operation: Operation, target: Identity, current: dict[str, Any] | None
) -> tuple[str, dict[str, Any]]:
    """The failure message and `payload["conflict"]`: the diff from Karmada's version to ours."""
    if current is None:
        return f"{target} no longer exists in Karmada; nothing was changed.", {}
    if operation.verb.endswith(".delete"):
        return (
            f"{target} was deleted and created again since you confirmed; nothing was deleted. "
            "Reload to see the new one.",
            {},
        )
    desired = with_karmada_marks(without_payload(_desired(operation)), current)
    conflict = {
        "resource_version": current["metadata"].get("resourceVersion", ""),
        "diff": audit.diff(redact(editable(mirrored(current))), redact(desired)),
    }
    if operation.payload["expected_resource_version"] is None:
        return f"{target} already exists in Karmada; reload to see it.", conflict
    message = f"{target} was changed in Karmada since you opened it"
    return f"{message}; reload to see the current version.", conflict


def _finish(operation: Operation, target: Identity, state: str, message: str, **payload) -> None:
    operation.payload = {**operation.payload, **payload}
    operation.save(update_fields=["payload"])
    operations.finish(operation, state, message)
    row = inventory_row(operation.instance, target)
    if row is not None:
        live.publish(_topic(target), row.pk)


def _forget_sealed(operation: Operation) -> None:
    """Drop a Secret's sealed payload once it is in Karmada or refused (a retry still needs it)."""
    if operation.payload.get("sealed"):
        kept = {**operation.payload, "sealed": ""}
        Operation.objects.filter(pk=operation.pk).exclude(state=Outcome.PENDING).update(
            payload=kept
        )


def run_object_change(operation_id: int) -> None:
    """Apply a queued template / policy create, update or delete to Karmada.

    On success Karmada's answer goes into the inventory at once. A 409 fails the operation with
    the diff from Karmada's current version in `payload["conflict"]`; other refusals fail it with
    Karmada's reason; transient errors put it back to pending and re-raise for a retry.
    """
    operation = operations.claim(operation_id)
    if operation is None:
        return
    try:
        _run(operation)
    finally:
        _forget_sealed(operation)


def _conflicted(client: KarmadaClient, operation: Operation, target: Identity) -> None:
    """Fail the operation with Karmada's current version mirrored and the diff to ours."""
    current = _read(client, target)
    if current is not None:
        _mirror(operation, target, current)
    message, conflict = _conflict(operation, target, current)
    _finish(operation, target, Outcome.FAILED, message, conflict=conflict)


def _run(operation: Operation) -> None:
    target = _target(operation)
    creating = operation.verb.endswith(".create")
    try:
        with client_for(operation.instance) as client:
            try:
                raw = _send(client, operation, target)
            except KarmadaConflict:
                _conflicted(client, operation, target)
                return
            except KarmadaNotFound:
                if creating:  # e.g. the namespace does not exist
                    raise
                _conflicted(client, operation, target)
                return
    except KarmadaError as exc:
        if exc.transient:
            Operation.objects.filter(pk=operation.pk).update(state=Outcome.PENDING)
            raise
        _finish(operation, target, Outcome.FAILED, f"Karmada did not accept it: {exc}")
        return
    _mirror(operation, target, raw)
    meta = (raw or {}).get("metadata") or {}
    done = {"create": "created", "update": "updated", "delete": "deleted"}
    message = f"{target} {done[operation.verb.rsplit('.', 1)[1]]}."
    _finish(
        operation,
        target,
        Outcome.SUCCEEDED,
        message,
        resource_version=meta.get("resourceVersion", ""),
        uid=meta.get("uid", operation.payload.get("uid", "")),
    )
