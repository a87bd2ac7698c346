"""Taint-based eviction and graceful eviction tasks.

Taint manager (Karmada's `taint_manager.go`, acting as if gate Failover and
`--enable-no-execute-taint-eviction` were on): a binding scheduled to a cluster with a NoExecute
taint its placement does not tolerate is gracefully evicted from it; a toleration with
`tolerationSeconds` delays that. Graceful eviction (`pkg/controllers/gracefuleviction`): a task
is dropped once the binding is rescheduled and healthy everywhere, or after its grace period.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime

from karmada_sandbox.controllers import events
from karmada_sandbox.controllers.base import Context, Key, get
from karmada_sandbox.store import WatchEvent
from karmada_semantics.scheduling.filters import tolerates

NAME = "eviction"
APPLIED_PLACEMENT = "policy.karmada.io/applied-placement"


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Tainted clusters fan out to their bindings; bindings with tasks are re-assessed."""
    if source or event.type == "DELETED":
        return
    obj = event.object
    if event.resource == ctx.types.cluster and ctx.settings.no_execute_taint_eviction:
        if no_execute_taints(obj):
            ctx.enqueue(NAME, ("cluster", obj["metadata"]["name"]), 0)
    elif event.resource in (ctx.types.rb, ctx.types.crb):
        meta = obj["metadata"]
        if obj["spec"].get("gracefulEvictionTasks"):
            ctx.enqueue(NAME, ("graceful", meta.get("namespace") or "", meta["name"]), 0)


def no_execute_taints(cluster: dict) -> list[dict]:
    """The cluster's NoExecute taints."""
    return [
        t for t in (cluster.get("spec") or {}).get("taints") or [] if t.get("effect") == "NoExecute"
    ]


def seconds_of(stamp: str) -> float:
    """An RFC 3339 timestamp as POSIX seconds."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def reconcile(ctx: Context, key: Key) -> None:
    """Dispatch on the key kind."""
    if key[0] == "cluster":
        _fan_out(ctx, key[1])
    elif key[0] == "binding":
        _evaluate(ctx, key[1], key[2], key[3])
    else:
        _assess_tasks(ctx, key[1], key[2])


def _fan_out(ctx: Context, cluster: str) -> None:
    for btype in (ctx.types.rb, ctx.types.crb):
        for binding in ctx.control_plane.list(btype)[0]:
            if any(c["name"] == cluster for c in binding["spec"].get("clusters") or []):
                meta = binding["metadata"]
                ctx.enqueue(
                    NAME, ("binding", meta.get("namespace") or "", meta["name"], cluster), 0
                )


def eviction_delay(taints: list[dict], placement: dict) -> float | None:
    """Seconds (from the taints' timeAdded) until eviction: 0 now, None never."""
    tolerations = placement.get("clusterTolerations") or []
    delays = []
    for taint in taints:
        matching = [t for t in tolerations if tolerates(t, taint)]
        if not matching:
            return 0.0
        seconds = [
            t["tolerationSeconds"] for t in matching if t.get("tolerationSeconds") is not None
        ]
        if seconds:
            delays.append(max(min(seconds), 0))
    return float(min(delays)) if delays else None


def _placement(binding: dict) -> dict:
    applied = (binding["metadata"].get("annotations") or {}).get(APPLIED_PLACEMENT)
    return json.loads(applied) if applied else binding["spec"].get("placement") or {}


def _evaluate(ctx: Context, namespace: str, name: str, cluster_name: str) -> None:
    """Evict one binding from one tainted cluster now, later, or never."""
    btype = ctx.types.rb if namespace else ctx.types.crb
    binding = get(ctx.control_plane, btype, namespace or None, name)
    cluster = get(ctx.control_plane, ctx.types.cluster, None, cluster_name)
    if binding is None or cluster is None:
        return
    if not any(c["name"] == cluster_name for c in binding["spec"].get("clusters") or []):
        return
    taints = no_execute_taints(cluster)
    delay = eviction_delay(taints, _placement(binding)) if taints else None
    if delay is None:
        return
    added = min(
        (seconds_of(t["timeAdded"]) for t in taints if t.get("timeAdded")),
        default=seconds_of(ctx.stamp()),
    )
    remaining = added + delay - seconds_of(ctx.stamp())
    if remaining > 0:
        ctx.enqueue(NAME, ("binding", namespace, name, cluster_name), remaining)
        return
    updated = ctx.control_plane.update(
        btype, evicted(binding, cluster_name, _purge_mode(ctx, binding), ctx.stamp())
    )
    events.record_for_binding(
        ctx,
        updated,
        "Normal",
        "EvictWorkloadFromClusterSucceed",
        f"Evict from cluster {cluster_name} succeed.",
        "taint-manager",
    )


def _purge_mode(ctx: Context, binding: dict) -> str:
    failover = binding["spec"].get("failover") or {}
    return (failover.get("cluster") or {}).get("purgeMode") or ctx.settings.eviction_purge_mode


def evicted(
    binding: dict,
    cluster: str,
    purge_mode: str,
    stamp: str,
    reason: str = "TaintUntolerated",
    producer: str = "TaintManager",
    **options: object,
) -> dict:
    """`GracefulEvictCluster`: drop the cluster from the result and record an eviction task.

    `options` are extra task fields (`gracePeriodSeconds`, `suppressDeletion`).
    """
    updated = copy.deepcopy(binding)
    spec = updated["spec"]
    target = next(c for c in spec["clusters"] if c["name"] == cluster)
    spec["clusters"] = [c for c in spec["clusters"] if c["name"] != cluster]
    tasks = spec.setdefault("gracefulEvictionTasks", [])
    if not any(t.get("fromCluster") == cluster for t in tasks):
        task = {
            "fromCluster": cluster,
            "purgeMode": purge_mode,
            "reason": reason,
            "producer": producer,
            "creationTimestamp": stamp,
            **options,
        }
        if target.get("replicas"):
            task["replicas"] = target["replicas"]
        tasks.append(task)
    return updated


def task_done(task: dict, binding: dict, now_seconds: float, timeout: float) -> bool:
    """Whether a graceful eviction task can be removed (Karmada's assessment)."""
    if task.get("suppressDeletion") is not None:
        return not task["suppressDeletion"]
    grace = task.get("gracePeriodSeconds")
    limit = float(grace) if grace is not None else timeout
    if now_seconds >= seconds_of(task["creationTimestamp"]) + limit:
        return True
    status = binding.get("status") or {}
    if status.get("schedulerObservedGeneration") != binding["metadata"].get("generation"):
        return False
    items = {i["clusterName"]: i for i in status.get("aggregatedStatus") or []}
    clusters = binding["spec"].get("clusters") or []
    return bool(clusters) and all(_healthy(items.get(c["name"]), c) for c in clusters)


def _healthy(item: dict | None, target: dict) -> bool:
    """Healthy, and (for workloads) reporting the replicas now assigned, not a stale status."""
    if item is None or item.get("health") != "Healthy":
        return False
    reported = (item.get("status") or {}).get("replicas")
    return not target.get("replicas") or reported is None or reported == target["replicas"]


def _assess_tasks(ctx: Context, namespace: str, name: str) -> None:
    btype = ctx.types.rb if namespace else ctx.types.crb
    binding = get(ctx.control_plane, btype, namespace or None, name)
    if binding is None:
        return
    tasks = binding["spec"].get("gracefulEvictionTasks") or []
    now = seconds_of(ctx.stamp())
    timeout = ctx.settings.graceful_eviction_timeout
    kept = [t for t in tasks if not task_done(t, binding, now, timeout)]
    if len(kept) != len(tasks):
        binding["spec"]["gracefulEvictionTasks"] = kept
        if not kept:
            del binding["spec"]["gracefulEvictionTasks"]
        ctx.control_plane.update(btype, binding)
    if kept:
        expiries = [
            seconds_of(t["creationTimestamp"]) + float(t.get("gracePeriodSeconds") or timeout) - now
            for t in kept
        ]
        ctx.enqueue(NAME, ("graceful", namespace, name), max(min(expiries), 1.0))
