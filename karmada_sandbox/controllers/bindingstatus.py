"""Binding status controller: aggregate Work status onto the binding and the template.

`status.aggregatedStatus` holds one item per Work (sorted by cluster), `FullyApplied` says
whether every needed cluster applied, and workload templates get summed replica counts, with
`observedGeneration` moving to the template's generation once every cluster caught up.
"""

from __future__ import annotations

import copy

from karmada_sandbox.controllers import works
from karmada_sandbox.controllers.base import (
    Context,
    Key,
    cluster_of_namespace,
    condition,
    get,
    set_condition,
    spec_changed,
    write_status,
)
from karmada_sandbox.store import WatchEvent

NAME = "binding-status"
_SUMMED = {
    "Deployment": (
        "replicas",
        "updatedReplicas",
        "readyReplicas",
        "availableReplicas",
        "unavailableReplicas",
    ),
    "StatefulSet": (
        "replicas",
        "readyReplicas",
        "currentReplicas",
        "updatedReplicas",
        "availableReplicas",
    ),
    "ReplicaSet": ("replicas", "readyReplicas", "availableReplicas"),
    "DaemonSet": (
        "currentNumberScheduled",
        "desiredNumberScheduled",
        "numberAvailable",
        "numberMisscheduled",
        "numberReady",
        "updatedNumberScheduled",
        "numberUnavailable",
    ),
}


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Re-aggregate a binding when it or one of its Works changes."""
    if source:
        return
    meta = event.object["metadata"]
    if event.resource in (ctx.types.rb, ctx.types.crb):
        if not spec_changed(ctx, NAME, event) or event.type == "DELETED":
            return
        ctx.enqueue(NAME, (meta.get("namespace") or "", meta["name"]), 0)
    elif event.resource == ctx.types.work:
        annotations = meta.get("annotations") or {}
        name = annotations.get(works.RB_NAME_ANNOTATION) or annotations.get(
            works.CRB_NAME_ANNOTATION
        )
        if name:
            ctx.enqueue(NAME, (annotations.get(works.RB_NAMESPACE_ANNOTATION, ""), name), 0)


def aggregated_item(work: dict) -> dict:
    """One `aggregatedStatus` entry for a Work."""
    cluster = cluster_of_namespace(work["metadata"]["namespace"]) or ""
    applied = condition(work, "Applied")
    if applied is None or applied.get("status") != "True":
        item = {"clusterName": cluster, "applied": False, "health": "Unknown"}
        if applied is not None:
            item["appliedMessage"] = applied.get("message", "")
        return item
    item = {"clusterName": cluster, "applied": True, "health": "Unknown"}
    manifests = (work.get("status") or {}).get("manifestStatuses") or []
    if manifests:
        if manifests[0].get("status") is not None:
            item["status"] = manifests[0]["status"]
        item["health"] = manifests[0].get("health", "Unknown")
    return item


def reconcile(ctx: Context, key: Key) -> None:
    """Aggregate Work status onto one binding, then onto its template."""
    namespace, name = key
    btype = ctx.types.rb if namespace else ctx.types.crb
    binding = get(ctx.control_plane, btype, namespace or None, name)
    if binding is None or binding["metadata"].get("deletionTimestamp"):
        return
    found = ctx.works_of(works.binding_id(binding)[1])
    items = sorted(
        (aggregated_item(w) for w in found if not w["metadata"].get("deletionTimestamp")),
        key=lambda i: i["clusterName"],
    )
    status = copy.deepcopy(binding.get("status") or {})
    if items:
        status["aggregatedStatus"] = items
    else:
        status.pop("aggregatedStatus", None)
    if binding["spec"].get("clusters") or items:
        _fully_applied(ctx, binding, items, status)
    write_status(ctx.control_plane, btype, binding, status)
    _template_status(ctx, binding, items)


def _fully_applied(ctx: Context, binding: dict, items: list[dict], status: dict) -> None:
    needed = {c["name"] for c in binding["spec"].get("clusters") or []}
    for requirer in binding["spec"].get("requiredBy") or []:
        needed |= {c["name"] for c in requirer.get("clusters") or []}
    for task in binding["spec"].get("gracefulEvictionTasks") or []:
        if task.get("purgeMode") != "Directly":
            needed.add(task["fromCluster"])
    applied = {i["clusterName"] for i in items if i["applied"]}
    conditions = status.setdefault("conditions", [])
    if needed and needed <= applied:
        set_condition(
            conditions,
            "FullyApplied",
            "True",
            "FullyAppliedSuccess",
            "All works have been successfully applied",
            ctx.stamp(),
        )
    else:
        set_condition(
            conditions,
            "FullyApplied",
            "False",
            "FullyAppliedFailed",
            "Failed to apply all works, see status.aggregatedStatus for details",
            ctx.stamp(),
        )


def _template_status(ctx: Context, binding: dict, items: list[dict]) -> None:
    """Sum the member workloads' replica counts onto the template (Karmada's AggregateStatus)."""
    resource = binding["spec"]["resource"]
    fields = _SUMMED.get(resource["kind"])
    if fields is None or not items:
        return
    rtype = ctx.types.template(resource["apiVersion"], resource["kind"])
    if "status" not in rtype.subresources:
        return
    template = get(ctx.control_plane, rtype, resource.get("namespace"), resource["name"])
    if template is None:
        return
    generation = template["metadata"].get("generation", 1)
    old = template.get("status") or {}
    new = {f: 0 for f in fields}
    caught_up = True
    for item in items:
        reflected = item.get("status") or {}
        for field in fields:
            new[field] += int(reflected.get(field) or 0)
        caught_up = (
            caught_up
            and item["applied"]
            and (
                reflected.get("resourceTemplateGeneration", 0) >= generation
                and reflected.get("observedGeneration", -1) == reflected.get("generation")
            )
        )
    new = {k: v for k, v in new.items() if v}
    new["observedGeneration"] = generation if caught_up else old.get("observedGeneration", 0)
    if old.get("conditions"):
        new["conditions"] = old["conditions"]
    write_status(ctx.control_plane, rtype, template, new)
