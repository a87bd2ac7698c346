"""Member-side rollout: workloads' pods become ready over a short time, within capacity.

Stands in for a member's kube-controller-manager and kubelets: after a workload's spec changes,
ready replicas rise linearly over the member's rollout time (fault `rolloutSeconds`, else the
world default). Pods that do not fit in the member's free capacity stay pending.
"""

from __future__ import annotations

import math

from karmada_sandbox.controllers.base import Context, Key, get, write_status
from karmada_sandbox.members import MemberCluster, WorkloadUsage
from karmada_sandbox.store import WatchEvent
from karmada_semantics.interpreter import pod_request

NAME = "rollout"
_MIN_STEP = 0.05
# Usage changes reach the Cluster status in batches, like Karmada's periodic status sync.
COALESCE_SECONDS = 0.5
# Kinds the sandbox rolls out in member clusters (pods become ready over time).
ROLLOUT_KINDS = frozenset({"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"})


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """React to member workloads changing (not to our own status writes once complete)."""
    if not source or event.resource.kind not in ROLLOUT_KINDS:
        return
    meta = event.object["metadata"]
    key = (source, event.resource.kind, meta.get("namespace") or "", meta["name"])
    if event.type == "DELETED":
        member = ctx.members.get(source)
        if member is not None:
            member.set_usage((key[1], key[2], key[3]), None)
            ctx.enqueue("cluster-status", (source,), COALESCE_SECONDS)
            wake_pending(ctx, source)
        return
    ctx.enqueue(NAME, key, 0)


def wake_pending(ctx: Context, cluster: str) -> None:
    """Capacity was freed or added: let workloads waiting for room try again."""
    waiting = ctx.memory.pop(("rollout-waiting", cluster), set())
    for key in waiting:
        ctx.enqueue(NAME, key, 0)


def desired_replicas(member: MemberCluster, obj: dict) -> int:
    """Replicas the member runs: spec.replicas (default 1), or one per node for DaemonSets."""
    if obj["kind"] == "DaemonSet":
        return len(member.nodes())
    value = (obj.get("spec") or {}).get("replicas")
    return 1 if value is None else int(value)


def reconcile(ctx: Context, key: Key) -> None:
    """Advance one workload's rollout and write its status."""
    cluster, kind, namespace, name = key
    member = ctx.members.get(cluster)
    if member is None:
        return
    rtype = member.store.registry.by_kind("apps/v1", kind)
    obj = get(member.store, rtype, namespace or None, name)
    if obj is None:
        member.set_usage((kind, namespace, name), None)
        return
    desired = desired_replicas(member, obj)
    generation = int(obj["metadata"].get("generation") or 1)
    started = _rollout_start(ctx, key, generation)
    seconds = (
        member.rollout_seconds
        if member.rollout_seconds is not None
        else (ctx.settings.rollout_seconds)
    )
    per_pod = pod_request(obj)
    ready = _ready(ctx, member, obj, (kind, namespace, name), desired, started, seconds, per_pod)
    before = member.usage.get((kind, namespace, name))
    member.set_usage((kind, namespace, name), WorkloadUsage(desired, ready, per_pod))
    if before is not None and ready < before.ready:
        wake_pending(ctx, cluster)
    updated = (
        desired
        if seconds <= 0
        else min(desired, math.floor(desired * (ctx.now() - started) / seconds))
    )
    if write_status(member.store, rtype, obj, workload_status(kind, obj, desired, ready, updated)):
        ctx.enqueue("cluster-status", (cluster,), COALESCE_SECONDS)
    if updated >= desired > ready:
        # Only capacity holds the rest back: wait until some is freed instead of polling.
        ctx.memory.setdefault(("rollout-waiting", cluster), set()).add(key)
    elif ready < desired or updated < desired:
        ctx.enqueue(NAME, key, max(seconds / max(desired, 1), _MIN_STEP))


def _rollout_start(ctx: Context, key: Key, generation: int) -> float:
    memo = ("rollout", *key)
    seen = ctx.memory.get(memo)
    if seen is None or seen[0] != generation:
        seen = (generation, ctx.now())
        ctx.memory[memo] = seen
    return float(seen[1])


def _ready(
    ctx: Context,
    member: MemberCluster,
    obj: dict,
    usage_key: tuple[str, str, str],
    desired: int,
    started: float,
    seconds: float,
    per_pod: dict[str, int],
) -> int:
    """Ready replicas now: the time-based target, never more than fits, never dropping."""
    current = min(_current_ready(obj), desired)
    target = (
        desired
        if seconds <= 0
        else min(desired, math.floor(desired * (ctx.now() - started) / seconds))
    )
    if target <= current:
        return current
    free = member.free(exclude=usage_key)
    room = free.get("pods", 0)
    for resource, amount in per_pod.items():
        if amount > 0:
            room = min(room, free.get(resource, 0) // amount)
    return max(current, min(target, max(room, 0)))


def _current_ready(obj: dict) -> int:
    status = obj.get("status") or {}
    return int(status.get("numberReady") or status.get("readyReplicas") or 0)


def workload_status(kind: str, obj: dict, desired: int, ready: int, updated: int) -> dict:
    """The status a member's controllers would report for this progress."""
    generation = int(obj["metadata"].get("generation") or 1)
    updated = max(min(updated, desired), 0)
    if kind == "DaemonSet":
        return {
            "observedGeneration": generation,
            "desiredNumberScheduled": desired,
            "currentNumberScheduled": desired,
            "numberReady": ready,
            "numberAvailable": ready,
            "updatedNumberScheduled": updated,
            **({"numberUnavailable": desired - ready} if desired > ready else {}),
        }
    status: dict = {
        "observedGeneration": generation,
        "replicas": desired,
        "readyReplicas": ready,
        "availableReplicas": ready,
    }
    if kind in ("Deployment", "StatefulSet"):
        status["updatedReplicas"] = updated
    if kind == "StatefulSet":
        status["currentReplicas"] = desired
    if kind == "Deployment":
        if desired > ready:
            status["unavailableReplicas"] = desired - ready
        status["conditions"] = _deployment_conditions(obj, ready >= desired)
    return {k: v for k, v in status.items() if v != 0 or k == "observedGeneration"}


def _deployment_conditions(obj: dict, available: bool) -> list[dict]:
    name = obj["metadata"]["name"]
    avail = {
        "type": "Available",
        "status": "True" if available else "False",
        "reason": "MinimumReplicasAvailable" if available else "MinimumReplicasUnavailable",
        "message": "Deployment has minimum availability."
        if available
        else "Deployment does not have minimum availability.",
    }
    progress = {
        "type": "Progressing",
        "status": "True",
        "reason": "NewReplicaSetAvailable" if available else "ReplicaSetUpdated",
        "message": f'ReplicaSet "{name}" has successfully progressed.'
        if available
        else f'ReplicaSet "{name}" is progressing.',
    }
    return [avail, progress]
