"""WorkloadRebalancer controller: the console's "Rebalance now".

For each listed workload, sets `spec.rescheduleTriggeredAt` on its binding so the scheduler
does a fresh (not incremental) scheduling, and records the per-workload result; a finished
rebalancer is deleted `ttlSecondsAfterFinished` after `finishTime`.
"""

from __future__ import annotations

import copy

from karmada_sandbox.controllers.base import Context, Key, get, write_status
from karmada_sandbox.controllers.detector import binding_name
from karmada_sandbox.controllers.eviction import seconds_of
from karmada_sandbox.store import WatchEvent

NAME = "workload-rebalancer"


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Reconcile a rebalancer when it is created or changed."""
    if source or event.type == "DELETED" or event.resource.kind != "WorkloadRebalancer":
        return
    ctx.enqueue(NAME, (event.object["metadata"]["name"],), 0)


def _trigger(ctx: Context, workload: dict, stamp: str) -> dict:
    """Mark one workload's binding for a fresh reschedule; returns its observed entry."""
    namespace = workload.get("namespace") or ""
    btype = ctx.types.rb if namespace else ctx.types.crb
    name = binding_name(workload.get("kind", ""), workload.get("name", ""))
    binding = get(ctx.control_plane, btype, namespace or None, name)
    if binding is None:
        return {"workload": workload, "result": "Failed", "reason": "ReferencedBindingNotFound"}
    if (binding["spec"].get("rescheduleTriggeredAt") or "") < stamp:
        binding["spec"]["rescheduleTriggeredAt"] = stamp
        ctx.control_plane.update(btype, binding)
    return {"workload": workload, "result": "Successful"}


def reconcile(ctx: Context, key: Key) -> None:
    """Trigger every listed workload once per generation, then expire after the TTL."""
    rtype = ctx.types.template("apps.karmada.io/v1alpha1", "WorkloadRebalancer")
    rebalancer = get(ctx.control_plane, rtype, None, key[0])
    if rebalancer is None:
        return
    status = copy.deepcopy(rebalancer.get("status") or {})
    generation = rebalancer["metadata"].get("generation", 1)
    if status.get("observedGeneration") != generation:
        stamp = ctx.stamp()
        workloads = rebalancer.get("spec", {}).get("workloads") or []
        status["observedWorkloads"] = [_trigger(ctx, w, stamp) for w in workloads]
        status["observedGeneration"] = generation
        status["finishTime"] = stamp
        write_status(ctx.control_plane, rtype, rebalancer, status)
    ttl = rebalancer.get("spec", {}).get("ttlSecondsAfterFinished")
    if ttl is None:
        return
    remaining = seconds_of(status["finishTime"]) + float(ttl) - seconds_of(ctx.stamp())
    if remaining <= 0:
        ctx.control_plane.delete(rtype, None, key[0])
    else:
        ctx.enqueue(NAME, key, remaining)
