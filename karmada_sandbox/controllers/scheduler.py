"""Scheduler: a binding's placement becomes `spec.clusters`, via `karmada_semantics.scheduling`.

The controller only builds the scheduler's inputs from the binding and the Cluster objects,
writes the result the way karmada-scheduler patches it (spec.clusters plus the
`applied-placement` annotation, then the Scheduled condition and observed generation), and
re-examines bindings when clusters change in ways that matter to scheduling.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from karmada_sandbox.controllers import events
from karmada_sandbox.controllers.base import (
    Context,
    Key,
    annotations_of,
    condition,
    get,
    set_condition,
)
from karmada_sandbox.store import WatchEvent
from karmada_semantics.scheduling import ScheduleResult, schedule
from karmada_semantics.scheduling.gojson import encode

NAME = "scheduler"
APPLIED_PLACEMENT = "policy.karmada.io/applied-placement"
SUCCESS_MESSAGE = "Binding has been scheduled successfully."


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Bindings on change; every binding when a cluster changes in a scheduling-relevant way."""
    if source:
        return
    obj = event.object
    if event.resource in (ctx.types.rb, ctx.types.crb) and event.type != "DELETED":
        if needs_scheduling(obj):
            ctx.enqueue(NAME, (obj["metadata"].get("namespace") or "", obj["metadata"]["name"]), 0)
    elif event.resource == ctx.types.cluster and _relevant_change(ctx, event):
        for btype in (ctx.types.rb, ctx.types.crb):
            for binding in ctx.control_plane.list(btype)[0]:
                meta = binding["metadata"]
                ctx.enqueue(NAME, (meta.get("namespace") or "", meta["name"], "clusters"), 0)


def needs_scheduling(binding: dict) -> bool:
    """Karmada's scheduler only looks at bindings whose spec it has not observed yet."""
    status = binding.get("status") or {}
    if condition(binding, "Scheduled") is None:
        return True
    return status.get("schedulerObservedGeneration") != binding["metadata"].get("generation")


def _relevant_change(ctx: Context, event: WatchEvent) -> bool:
    """Labels, spec, deletion or API list changed (heartbeats and usage do not count)."""
    cluster = event.object
    status = cluster.get("status") or {}
    seen = json.dumps(
        [
            cluster["metadata"].get("labels"),
            cluster.get("spec"),
            cluster["metadata"].get("deletionTimestamp"),
            event.type,
            status.get("apiEnablements"),
        ],
        sort_keys=True,
    )
    memo = ("scheduler-cluster", cluster["metadata"]["name"])
    changed = ctx.memory.get(memo) != seen
    ctx.memory[memo] = seen
    return changed


def workload_of(binding: dict) -> dict[str, Any]:
    """The scheduler's view of the binding's workload (as the semantics library takes it)."""
    resource = binding["spec"]["resource"]
    workload: dict[str, Any] = {
        "apiVersion": resource["apiVersion"],
        "kind": resource["kind"],
        "metadata": {"name": resource["name"], "uid": resource.get("uid", "")},
    }
    if resource.get("namespace"):
        workload["metadata"]["namespace"] = resource["namespace"]
    if binding["spec"].get("replicas"):
        workload["replicas"] = binding["spec"]["replicas"]
    request = (binding["spec"].get("replicaRequirements") or {}).get("resourceRequest")
    if request:
        workload["resourceRequest"] = request
    return workload


def previous_of(binding: dict) -> dict[str, Any] | None:
    """The previous scheduling state, or None for a binding never scheduled."""
    meta, spec, status = binding["metadata"], binding["spec"], binding.get("status") or {}
    applied = (meta.get("annotations") or {}).get(APPLIED_PLACEMENT)
    if applied is None and not spec.get("clusters"):
        return None
    previous: dict[str, Any] = {
        "clusters": spec.get("clusters") or [],
        "observedGeneration": status.get("schedulerObservedGeneration", 0),
        "generation": meta.get("generation", 1),
        "gracefulEvictionTasks": spec.get("gracefulEvictionTasks") or [],
    }
    if applied is not None:
        previous["placement"] = json.loads(applied)
    if status.get("schedulerObservingAffinityName"):
        previous["observedAffinityName"] = status["schedulerObservingAffinityName"]
    triggered, last = spec.get("rescheduleTriggeredAt"), status.get("lastScheduledTime")
    if triggered and last and triggered > last:
        previous["rescheduleTriggered"] = True
    return previous


def reconcile(ctx: Context, key: Key) -> None:
    """Schedule one binding if Karmada would, and record the outcome.

    A key with a third element comes from a cluster change and always runs the scheduler's
    entry point; otherwise a binding whose generation was already observed is left alone.
    """
    namespace, name = key[0], key[1]
    btype = ctx.types.rb if namespace else ctx.types.crb
    binding = get(ctx.control_plane, btype, namespace or None, name)
    if binding is None or binding["metadata"].get("deletionTimestamp"):
        return
    if len(key) == 2 and not needs_scheduling(binding):
        return
    placement = binding["spec"].get("placement")
    if placement is None or (binding["spec"].get("suspension") or {}).get("scheduling"):
        return
    clusters = ctx.cached_list(ctx.types.cluster)
    previous = previous_of(binding)
    result = schedule(clusters, workload_of(binding), placement, previous=previous, explain=False)
    if result.rescheduled is False:
        _observe(ctx, btype, binding, result, advance=True, moved=False)
        return
    updated = _write_clusters(ctx, btype, binding, result)
    triggered = bool(previous and previous.get("rescheduleTriggered"))
    moved = updated is not binding or condition(binding, "Scheduled") is None or triggered
    _observe(ctx, btype, updated, result, advance=result.scheduled, moved=moved, ran=True)


def _target_list(result: ScheduleResult) -> list[dict[str, Any]]:
    return [
        {"name": c.name, "replicas": c.replicas} if c.replicas else {"name": c.name}
        for c in result.clusters
    ]


def _write_clusters(ctx: Context, btype: Any, binding: dict, result: ScheduleResult) -> dict:
    """Patch spec.clusters (and, on success, the applied-placement annotation)."""
    updated = copy.deepcopy(binding)
    if result.scheduled or not result.clusters:
        updated["spec"]["clusters"] = _target_list(result)
    if result.scheduled:
        annotations_of(updated)[APPLIED_PLACEMENT] = encode(result.effective_placement, "Placement")
    if not updated["spec"].get("clusters"):
        updated["spec"].pop("clusters", None)
    if updated == binding:
        return binding
    return ctx.control_plane.update(btype, updated)


def _event(ctx: Context, binding: dict, result: ScheduleResult) -> None:
    """ScheduleBindingSucceed / ScheduleBindingFailed on the binding and its template."""
    if result.error is not None:
        events.record_for_binding(
            ctx,
            binding,
            "Warning",
            "ScheduleBindingFailed",
            result.error.message,
            "default-scheduler",
        )
        return
    placed = ", ".join(f"{c.name}:{c.replicas}" for c in result.clusters)
    events.record_for_binding(
        ctx,
        binding,
        "Normal",
        "ScheduleBindingSucceed",
        f"{SUCCESS_MESSAGE} Result: {{{placed}}}",
        "default-scheduler",
    )


def _observe(
    ctx: Context,
    btype: Any,
    binding: dict,
    result: ScheduleResult,
    *,
    advance: bool,
    moved: bool,
    ran: bool = False,
) -> None:
    """Write the Scheduled condition, observed generation, time and affinity name.

    lastScheduledTime moves only when the result changed, so repeated identical scheduling
    (Duplicated bindings are scheduled on every pass) does not churn the binding.
    """
    status = copy.deepcopy(binding.get("status") or {})
    conditions = status.setdefault("conditions", [])
    if ran and result.scheduled:
        changed = set_condition(
            conditions, "Scheduled", "True", "Success", SUCCESS_MESSAGE, ctx.stamp()
        )
        if moved or changed or "lastScheduledTime" not in status:
            status["lastScheduledTime"] = ctx.stamp()
            _event(ctx, binding, result)
    elif ran and result.error is not None:
        error = result.error
        changed = set_condition(
            conditions, "Scheduled", "False", error.reason, error.message, ctx.stamp()
        )
        if changed:
            _event(ctx, binding, result)
    if result.observed_affinity_name:
        status["schedulerObservingAffinityName"] = result.observed_affinity_name
    if advance:
        status["schedulerObservedGeneration"] = binding["metadata"].get("generation", 1)
    if status != binding.get("status"):
        updated = dict(binding)
        updated["status"] = status
        ctx.control_plane.update(btype, updated, subresource="status")
