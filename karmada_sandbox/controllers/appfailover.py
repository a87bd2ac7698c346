"""Application failover: move a workload off a cluster where it stays unhealthy.

For bindings whose policy sets `failover.application`, a cluster whose aggregated health stays
`Unhealthy` for `decisionConditions.tolerationSeconds` (default 300) is gracefully evicted with
reason `ApplicationFailure`; `purgeMode` decides how the old copy goes (Gracefully after
`gracePeriodSeconds`, default 600; Never keeps it with `suppressDeletion`; Directly at once).
"""

from __future__ import annotations

from karmada_sandbox.controllers import events
from karmada_sandbox.controllers.base import Context, Key, get
from karmada_sandbox.controllers.eviction import evicted
from karmada_sandbox.store import WatchEvent

NAME = "application-failover"
PRODUCERS = {
    "ResourceBinding": "resource-binding-application-failover-controller",
    "ClusterResourceBinding": "cluster-resource-binding-application-failover-controller",
}


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Bindings with application failover are re-assessed whenever they change."""
    if source or event.type == "DELETED":
        return
    if event.resource in (ctx.types.rb, ctx.types.crb):
        application = (event.object["spec"].get("failover") or {}).get("application")
        if application is not None:
            meta = event.object["metadata"]
            ctx.enqueue(NAME, (meta.get("namespace") or "", meta["name"]), 0)


def _unhealthy_since(ctx: Context, key: Key, binding: dict) -> dict[str, float]:
    """Remember since when each scheduled cluster has been Unhealthy (others are forgotten)."""
    memo = ctx.memory.setdefault((NAME, key), {})
    scheduled = {c["name"] for c in binding["spec"].get("clusters") or []}
    for item in (binding.get("status") or {}).get("aggregatedStatus") or []:
        cluster = item["clusterName"]
        if cluster in scheduled and item.get("health") == "Unhealthy":
            memo.setdefault(cluster, ctx.now())
        else:
            memo.pop(cluster, None)
    for cluster in [c for c in memo if c not in scheduled]:
        del memo[cluster]
    return memo


def reconcile(ctx: Context, key: Key) -> None:
    """Evict the binding from clusters unhealthy for longer than the toleration."""
    namespace, name = key
    btype = ctx.types.rb if namespace else ctx.types.crb
    binding = get(ctx.control_plane, btype, namespace or None, name)
    application = ((binding or {}).get("spec", {}).get("failover") or {}).get("application")
    if binding is None or application is None:
        ctx.memory.pop((NAME, key), None)
        return
    tolerate = float((application.get("decisionConditions") or {}).get("tolerationSeconds", 300))
    since = _unhealthy_since(ctx, key, binding)
    due = [c for c, t in since.items() if ctx.now() - t >= tolerate]
    for cluster in due:
        binding = ctx.control_plane.update(btype, _evict(ctx, binding, cluster, application))
        since.pop(cluster)
        events.record_for_binding(
            ctx,
            binding,
            "Normal",
            "EvictWorkloadFromClusterSucceed",
            f"Evict from cluster {cluster} succeed.",
            PRODUCERS[binding["kind"]],
        )
    if since:
        ctx.enqueue(NAME, key, max(min(since.values()) + tolerate - ctx.now(), 0.1))


def _evict(ctx: Context, binding: dict, cluster: str, application: dict) -> dict:
    purge = application.get("purgeMode") or "Gracefully"
    options: dict[str, object] = {}
    if purge == "Gracefully":
        options["gracePeriodSeconds"] = int(application.get("gracePeriodSeconds") or 600)
    elif purge == "Never":
        options["suppressDeletion"] = True
    return evicted(
        binding,
        cluster,
        purge,
        ctx.stamp(),
        "ApplicationFailure",
        PRODUCERS[binding["kind"]],
        **options,
    )
