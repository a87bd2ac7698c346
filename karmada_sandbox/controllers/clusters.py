"""Cluster controller: finalizer, execution namespace, health monitor and condition taints.

Mirrors Karmada's `cluster_controller.go`: a pull-mode cluster whose agent stopped renewing its
Lease turns Ready=Unknown after the monitor grace period, and the Ready condition drives the
automatic `not-ready` / `unreachable` NoSchedule taints.
"""

from __future__ import annotations

import copy

from karmada_sandbox.controllers import clusterstatus, events
from karmada_sandbox.controllers.base import (
    Context,
    Key,
    condition,
    execution_namespace,
    get,
    set_condition,
    write_status,
)
from karmada_sandbox.store import WatchEvent

NAME = "cluster"
FINALIZER = "karmada.io/cluster-controller"
NOT_READY_TAINT = "cluster.karmada.io/not-ready"
UNREACHABLE_TAINT = "cluster.karmada.io/unreachable"
MONITOR_PERIOD = 5.0


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Reconcile a Cluster on every change of it."""
    if source == "" and event.resource == ctx.types.cluster and event.type != "DELETED":
        ctx.enqueue(NAME, (event.object["metadata"]["name"],), 0)


def reconcile(ctx: Context, key: Key) -> None:
    """Keep one Cluster's finalizer, execution namespace, Ready-by-lease and taints right."""
    (name,) = key
    cluster = get(ctx.control_plane, ctx.types.cluster, None, name)
    if cluster is None:
        return
    if cluster["metadata"].get("deletionTimestamp"):
        _unjoin(ctx, cluster)
        return
    if FINALIZER not in (cluster["metadata"].get("finalizers") or []):
        cluster["metadata"].setdefault("finalizers", []).append(FINALIZER)
        ctx.control_plane.update(ctx.types.cluster, cluster)
        return
    _ensure_execution_space(ctx, cluster)
    if cluster["spec"].get("syncMode") == "Pull":
        ctx.enqueue(NAME, key, MONITOR_PERIOD)
        if _monitor_lease(ctx, cluster):
            return
    _taint_by_condition(ctx, cluster)


def _monitor_lease(ctx: Context, cluster: dict) -> bool:
    """Turn Ready to Unknown when the agent's Lease is older than the grace period."""
    age = clusterstatus.lease_age(ctx, cluster["metadata"]["name"])
    if age is not None and age <= ctx.settings.cluster_monitor_grace:
        return False
    if age is None and condition(cluster, "Ready") is not None:
        return False
    status = copy.deepcopy(cluster.get("status") or {})
    conditions = status.setdefault("conditions", [])
    if age is None:
        set_condition(
            conditions,
            "Ready",
            "Unknown",
            "ClusterStatusNeverUpdated",
            "Cluster status controller never posted cluster status.",
            ctx.stamp(),
        )
    else:
        set_condition(
            conditions,
            "Ready",
            "Unknown",
            "ClusterStatusUnknown",
            "Cluster status controller stopped posting cluster status.",
            ctx.stamp(),
        )
    return write_status(ctx.control_plane, ctx.types.cluster, cluster, status)


def desired_condition_taints(cluster: dict) -> tuple[set[str], set[str]]:
    """Karmada's automatic NoSchedule taint keys to add and to remove for a Cluster's Ready."""
    ready = condition(cluster, "Ready")
    if ready is None or ready.get("status") == "False":
        return {NOT_READY_TAINT}, {UNREACHABLE_TAINT}
    if ready.get("status") == "Unknown":
        return {UNREACHABLE_TAINT}, {NOT_READY_TAINT}
    return set(), {NOT_READY_TAINT, UNREACHABLE_TAINT}


def _taint_by_condition(ctx: Context, cluster: dict) -> None:
    add, remove = desired_condition_taints(cluster)
    taints = update_taints(
        cluster, [(k, "NoSchedule") for k in add], [(k, "NoSchedule") for k in remove], ctx.stamp()
    )
    if taints is not None:
        cluster["spec"]["taints"] = taints
        updated = ctx.control_plane.update(ctx.types.cluster, cluster)
        described = ",".join(f"{t['key']}:{t['effect']}" for t in taints) or "none"
        events.record(
            ctx,
            events.reference(updated),
            "Normal",
            "TaintClusterSucceed",
            f"Taint cluster succeed: {described}.",
            "cluster-controller",
        )


def update_taints(
    cluster: dict,
    add: list[tuple[str, str]],
    remove: list[tuple[str, str]],
    stamp: str,
    values: dict[tuple[str, str], str] | None = None,
) -> list[dict] | None:
    """The Cluster's taints with (key, effect) pairs added / removed; None if unchanged."""
    current = list((cluster.get("spec") or {}).get("taints") or [])
    present = {(t.get("key"), t.get("effect")) for t in current}
    kept = [t for t in current if (t.get("key"), t.get("effect")) not in set(remove)]
    added = [
        _taint(key, effect, stamp, (values or {}).get((key, effect)))
        for key, effect in add
        if (key, effect) not in present
    ]
    if len(kept) == len(current) and not added:
        return None
    return kept + added


def _taint(key: str, effect: str, stamp: str, value: str | None) -> dict:
    taint = {"key": key, "effect": effect, "timeAdded": stamp}
    if value:
        taint["value"] = value
    return taint


def _ensure_execution_space(ctx: Context, cluster: dict) -> None:
    """Create the cluster's execution namespace when missing, with Karmada's event."""
    name = cluster["metadata"]["name"]
    namespace = execution_namespace(name)
    if get(ctx.control_plane, ctx.types.namespace, None, namespace) is not None:
        return
    ctx.control_plane.create(
        ctx.types.namespace,
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}},
    )
    events.record(
        ctx,
        events.reference(cluster),
        "Normal",
        "CreateExecutionSpaceSucceed",
        f"Created execution space({namespace}) for cluster({name}).",
        "cluster-controller",
    )


def _unjoin(ctx: Context, cluster: dict) -> None:
    """Remove the execution namespace, then let the Cluster go."""
    namespace = execution_namespace(cluster["metadata"]["name"])
    if get(ctx.control_plane, ctx.types.namespace, None, namespace) is not None:
        ctx.control_plane.delete(ctx.types.namespace, None, namespace)
    works, _ = ctx.control_plane.list(ctx.types.work, namespace)
    if works:
        ctx.enqueue(NAME, (cluster["metadata"]["name"],), ctx.settings.retry_delay)
        return
    cluster["metadata"]["finalizers"] = [
        f for f in cluster["metadata"].get("finalizers") or [] if f != FINALIZER
    ]
    ctx.control_plane.update(ctx.types.cluster, cluster)
