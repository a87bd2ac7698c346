"""Queue creates, updates and deletes of resource templates and policies.

Every check happens before anything is queued, in this order: permission, validation,
concurrency (the resourceVersion the user started from), reachability. Then one transaction
starts the Operation, records the audit entry and enqueues the task on commit.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import Http404

from clusters.models import KarmadaInstance
from clusters.services.members import require_reachable
from kairship_ui import audit, live, operations
from kairship_ui.errors import AlreadyExists, NotAllowed
from kairship_ui.models import Operation, Outcome
from kairship_ui.redaction import redact
from workloads import tasks
from workloads.models import Policy, Workload
from workloads.validation import Problem, errors

from .access import require_writer
from .checks import manifest_problems
from .errors import StaleEdit, ValidationFailed
from .manifests import (
    API_VERSIONS,
    Identity,
    Manifest,
    editable,
    fingerprint,
    identity,
    seal,
    with_karmada_marks,
    without_payload,
)


def inventory_row(instance: KarmadaInstance, target: Identity) -> Workload | Policy | None:
    """The mirrored template or policy `target` names, if the inventory has it."""
    model = Policy if target.is_policy else Workload
    rows = model.objects.filter(
        instance=instance, kind=target.kind, namespace=target.namespace, name=target.name
    )
    return rows.first()


def _verb(target: Identity, action: str) -> str:
    return f"{'policy' if target.is_policy else 'workload'}.{action}"


def _audit_target(instance: KarmadaInstance, target: Identity) -> dict[str, Any]:
    # No tenant until the actor may write there: refusals stay in the operators' log only.
    return {
        "kind": target.kind,
        "instance": instance,
        "namespace": target.namespace,
        "name": target.name,
    }


def _last_writer(
    instance: KarmadaInstance, target: Identity, started_from: str, now: Workload | Policy | None
) -> str:
    """Who wrote the version the user did not see, if the console did it; else "someone else"."""
    ours = Q(payload__expected_resource_version=started_from)
    if now is not None:
        ours |= Q(payload__resource_version=now.resource_version)
    else:
        ours |= Q(verb__endswith=".delete")
    operation = (
        Operation.objects.filter(
            ours,
            instance=instance,
            kind=target.kind,
            namespace=target.namespace,
            name=target.name,
            state=Outcome.SUCCEEDED,
        )
        .select_related("actor")
        .order_by("-pk")
        .first()
    )
    return operation.actor.username if operation and operation.actor else "someone else"


def _require_current(
    instance: KarmadaInstance,
    target: Identity,
    row: Workload | Policy | None,
    started_from: str,
    started_content: str,
    manifest: Manifest,
) -> str:
    """The resourceVersion to replace: the one the user started from, or the current one when
    only fields users do not edit changed since (its `fingerprint` is still `started_content`).
    Raises StaleEdit when the object itself changed."""
    if row is not None and row.resource_version == started_from:
        return started_from
    if row is not None and started_content and fingerprint(row.raw) == started_content:
        return row.resource_version
    who = _last_writer(instance, target, started_from, row)
    if row is None:
        raise StaleEdit(
            f"{target} was deleted by {who} since you opened it; nothing was changed.",
            current=None,
            diff=[],
        )
    raise StaleEdit(
        f"{target} was changed by {who} since you opened it; nothing was changed. "
        "Review the current version and apply your edit to it.",
        current=row.raw,
        diff=audit.diff(redact(editable(row.raw)), redact(manifest)),
        resource_version=row.resource_version,
    )


def _queued(operation: Operation, target: Identity, row: Workload | Policy | None) -> None:
    """Enqueue the task on commit; an open page of the object shows the pending operation."""
    tasks.apply_object_change.delay_on_commit(operation_id=operation.pk)
    if row is not None:
        live.publish("policy" if target.is_policy else "workload", row.pk)


def _start(
    actor, verb: str, instance: KarmadaInstance, tenant, target: Identity, payload: dict
) -> Operation:
    """The pending Operation for `target`; the payload also names its apiVersion."""
    return operations.start(
        actor=actor,
        verb=verb,
        instance=instance,
        tenant=tenant,
        kind=target.kind,
        namespace=target.namespace,
        name=target.name,
        payload={"api_version": target.api_version, **payload},
    )


def check_object(*, actor, instance: KarmadaInstance, manifest: dict) -> list[Problem]:
    """The problems `submit_object` would refuse `manifest` for, without queueing anything: its
    kind and scope, the actor's permission (at metadata.namespace, or kind for cluster-scoped
    kinds) and validation, plus the warnings it would not refuse for. Concurrency and
    reachability are judged on submit. Raises Http404 when the actor cannot see `instance`."""
    try:
        target = identity(manifest)
    except ValidationFailed as exc:
        return exc.problems
    try:
        require_writer(actor, instance, target)
    except NotAllowed as exc:
        return [Problem("kind" if target.cluster_scoped else "metadata.namespace", exc.message)]
    return manifest_problems(instance, editable(manifest), target)


def submit_object(
    *,
    actor,
    instance: KarmadaInstance,
    manifest: dict,
    expected_resource_version: str | None = None,
    expected_content: str | None = None,
) -> Operation:
    """Queue creating (no `expected_resource_version`) or replacing a template or policy.
    `expected_content` is the `fingerprint` of the version the user started from: with it,
    status written since (Karmada aggregates it all through a rollout) is not a conflict.

    Raises ValidationFailed (problems at their fields), Http404 (instance not visible),
    NotAllowed, AlreadyExists (at metadata.name), StaleEdit (409: the object changed since
    the user read `expected_resource_version`) and InstanceUnreachable.
    """
    target = identity(manifest)
    creating = expected_resource_version is None
    verb = _verb(target, "create" if creating else "update")
    audited = _audit_target(instance, target)
    with audit.failures_recorded(actor, verb, audited), transaction.atomic():
        tenant = require_writer(actor, instance, target)
        audited["tenant"] = tenant
        manifest = editable(manifest)
        problems = errors(manifest_problems(instance, manifest, target))
        if problems:
            raise ValidationFailed(problems, what=str(target))
        row = inventory_row(instance, target)
        if creating and row is not None:
            raise AlreadyExists(
                f"{target} already exists on {instance}; open it to edit it.",
                field="metadata.name",
            )
        if not creating:
            manifest = with_karmada_marks(manifest, row.raw) if row else manifest
            expected_resource_version = _require_current(
                instance,
                target,
                row,
                str(expected_resource_version),
                expected_content or "",
                manifest,
            )
        require_reachable(instance)
        payload = {
            "manifest": without_payload(manifest),
            "sealed": seal(manifest),
            "expected_resource_version": expected_resource_version,
            "expected_content": expected_content or "",
        }
        operation = _start(actor, verb, instance, tenant, target, payload)
        before = editable(row.raw) if row is not None and not creating else None
        audit.record(actor, verb, audited, before=before, after=manifest)
        _queued(operation, target, row)
    return operation


def delete_object(
    *,
    actor,
    instance: KarmadaInstance,
    kind: str,
    namespace: str,
    name: str,
    expected_uid: str = "",
) -> Operation:
    """Queue deleting a template or policy (see `deletion_impact` for what that removes): the
    object the inventory holds now, or with `expected_uid` only that object; the task deletes
    it with that uid as a precondition, so an object created since under its name survives.

    Raises ValidationFailed (a kind the console does not write), Http404 (instance or object
    not visible), NotAllowed, StaleEdit (not the object the user saw) and InstanceUnreachable.
    """
    target = identity(
        {
            "apiVersion": API_VERSIONS.get(kind, ""),
            "kind": kind,
            "metadata": {"namespace": namespace, "name": name},
        }
    )
    verb = _verb(target, "delete")
    audited = _audit_target(instance, target)
    with audit.failures_recorded(actor, verb, audited), transaction.atomic():
        tenant = require_writer(actor, instance, target)
        audited["tenant"] = tenant
        row = inventory_row(instance, target)
        if row is None:
            raise Http404(f"No {target} on {instance}.")
        if expected_uid and row.uid != expected_uid:
            raise StaleEdit(
                f"{target} was deleted and created again since you opened it; "
                "review the new one before deleting it.",
                current=without_payload(editable(row.raw)),
                diff=[],
            )
        require_reachable(instance)
        operation = _start(actor, verb, instance, tenant, target, {"uid": row.uid})
        audit.record(actor, verb, audited, before=editable(row.raw))
        _queued(operation, target, row)
    return operation
