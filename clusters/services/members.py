"""Steer member clusters: labels, location, taints, cordon, drain, demo faults.

Each change is validated here, queued as an Operation, applied by a task through the gateway,
and comes back through the inventory (the task upserts Karmada's answer at once).
"""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction

from clusters import sync, tasks
from clusters.karmada import client_for
from clusters.models import KarmadaInstance, MemberCluster
from kairship_ui import audit, live, operations
from kairship_ui.errors import InvalidInput, KairshipError
from kairship_ui.models import Operation, Outcome
from kairship_ui.permissions import scoped_get
from karmada_gateway import KarmadaError

from .instances import require_operator

UNSCHEDULABLE = "cluster.karmada.io/unschedulable"
EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")


class InstanceUnreachable(KairshipError):
    status = 409


def require_reachable(instance: KarmadaInstance) -> None:
    """Refuse a write while the instance is unreachable. Raises InstanceUnreachable."""
    if not instance.reachable:
        since = (
            instance.last_contact_at.strftime("%Y-%m-%d %H:%M:%S UTC")
            if instance.last_contact_at
            else "never"
        )
        raise InstanceUnreachable(
            f"{instance} is unreachable (last contact: {since}); "
            "nothing was changed. Try again when it is back."
        )


def _queue_change(
    actor, cluster: MemberCluster, verb: str, patch: dict[str, Any], before: Any, after: Any
) -> Operation:
    """Permission, reachability, audit and the task, for one merge patch of the Cluster."""
    with audit.failures_recorded(actor, verb, cluster), transaction.atomic():
        require_operator(actor)
        cluster = scoped_get(MemberCluster, actor, "admin", pk=cluster.pk)
        require_reachable(cluster.instance)
        operation = operations.start(
            actor=actor,
            verb=verb,
            instance=cluster.instance,
            kind="Cluster",
            name=cluster.name,
            payload={"cluster_id": cluster.pk, "patch": patch},
        )
        audit.record(actor, verb, cluster, before=before, after=after)
        tasks.apply_cluster_change.delay_on_commit(operation_id=operation.pk)
    return operation


def _validate_taint(taint: dict[str, str]) -> dict[str, str]:
    key, effect = taint.get("key", "").strip(), taint.get("effect", "")
    if not key:
        raise InvalidInput("A taint needs a key.", field="key")
    if effect not in EFFECTS:
        raise InvalidInput(f"Effect must be one of {', '.join(EFFECTS)}.", field="effect")
    cleaned = {"key": key, "effect": effect}
    if taint.get("value"):
        cleaned["value"] = taint["value"].strip()
    return cleaned


def _taints_patch(taints: list[dict]) -> dict:
    # karmadactl sends the whole list, and null when it becomes empty.
    return {"spec": {"taints": taints or None}}


def set_cluster_labels(*, actor, cluster: MemberCluster, labels: dict[str, str]) -> Operation:
    """Replace the cluster's labels."""
    removed = {key: None for key in cluster.labels if key not in labels}
    return _queue_change(
        actor,
        cluster,
        "cluster.labels",
        {"metadata": {"labels": {**removed, **labels}}},
        before=cluster.labels,
        after=labels,
    )


def set_cluster_location(
    *, actor, cluster: MemberCluster, provider: str, region: str, zones: list[str]
) -> Operation:
    """Set provider / region / zones (the fields spread constraints and field selectors use)."""
    after = {"provider": provider, "region": region, "zones": zones}
    before = {"provider": cluster.provider, "region": cluster.region, "zones": cluster.zones}
    return _queue_change(
        actor,
        cluster,
        "cluster.location",
        {"spec": {k: v or None for k, v in after.items()}},
        before,
        after,
    )


def add_taint(*, actor, cluster: MemberCluster, taint: dict[str, str]) -> Operation:
    """Add a taint; an existing one with the same key and effect is replaced."""
    taint = _validate_taint(taint)
    before = copy.deepcopy(cluster.taints)
    after = [
        t for t in before if (t.get("key"), t.get("effect")) != (taint["key"], taint["effect"])
    ]
    after.append(taint)
    return _queue_change(
        actor, cluster, "cluster.taint", _taints_patch(after), {"taints": before}, {"taints": after}
    )


def remove_taint(*, actor, cluster: MemberCluster, key: str, effect: str) -> Operation:
    """Remove the taint with `key` and `effect`."""
    before = copy.deepcopy(cluster.taints)
    after = [t for t in before if (t.get("key"), t.get("effect")) != (key, effect)]
    if after == before:
        raise InvalidInput(f"{cluster.name} has no {key}:{effect} taint.", field="key")
    return _queue_change(
        actor,
        cluster,
        "cluster.untaint",
        _taints_patch(after),
        {"taints": before},
        {"taints": after},
    )


def cordon_cluster(*, actor, cluster: MemberCluster) -> Operation:
    """No new placements (what `karmadactl cordon` does): the unschedulable NoSchedule taint."""
    return add_taint(
        actor=actor, cluster=cluster, taint={"key": UNSCHEDULABLE, "effect": "NoSchedule"}
    )


def uncordon_cluster(*, actor, cluster: MemberCluster) -> Operation:
    return remove_taint(actor=actor, cluster=cluster, key=UNSCHEDULABLE, effect="NoSchedule")


def drain_cluster(*, actor, cluster: MemberCluster) -> Operation:
    """Evict workloads: the unschedulable NoExecute taint, which Karmada's taint manager acts on."""
    return add_taint(
        actor=actor, cluster=cluster, taint={"key": UNSCHEDULABLE, "effect": "NoExecute"}
    )


def apply_demo_fault(*, actor, cluster: MemberCluster, fault: dict[str, Any]) -> MemberCluster:
    """Sandbox demo controls: make a cluster unreachable / ready, change its capacity."""
    verb = "cluster.demo-fault"
    with audit.failures_recorded(actor, verb, cluster):
        require_operator(actor)
        cluster = scoped_get(MemberCluster, actor, "admin", pk=cluster.pk)
        if not cluster.instance.is_sandbox:
            raise InvalidInput("Demo controls only work on sandbox instances.")
        try:
            with client_for(cluster.instance) as client:
                client.sandbox_fault(cluster.name, fault)
                raw = client.get_cluster(cluster.name).raw
        except KarmadaError as exc:
            raise InvalidInput(str(exc)) from exc
        audit.record(actor, verb, cluster, after=fault)
        return sync.upsert_cluster(cluster.instance, raw) or cluster


def run_cluster_change(operation_id: int) -> None:
    """The task: merge-patch the Cluster, store Karmada's answer, finish the operation."""
    operation = operations.claim(operation_id)
    if operation is None:
        return
    cluster = MemberCluster.objects.select_related("instance").get(
        pk=operation.payload["cluster_id"]
    )
    try:
        with client_for(cluster.instance) as client:
            updated = client.patch_cluster(cluster.name, operation.payload["patch"])
    except KarmadaError as exc:
        if exc.transient:
            Operation.objects.filter(pk=operation.pk).update(state=Outcome.PENDING)
            raise
        operations.finish(operation, Outcome.FAILED, str(exc))
        live.publish("cluster", cluster.pk)
        return
    sync.upsert_cluster(cluster.instance, updated.raw)
    operations.finish(operation, Outcome.SUCCEEDED)
    live.publish("cluster", cluster.pk)
