"""Work status controller: reflect member objects' status and health into their Works.

Karmada's native interpreter reflects a few status fields per kind (plus `generation` and
`resourceTemplateGeneration` for workloads) and judges health; kinds without a health rule
are Healthy.
"""

from __future__ import annotations

import copy

from karmada_sandbox.controllers import works
from karmada_sandbox.controllers.base import (
    Context,
    Key,
    cluster_of_namespace,
    execution_namespace,
    get,
    ready_changed,
    spec_changed,
    works_in,
    write_status,
)
from karmada_sandbox.controllers.execution import WORK_NAME_ANNOTATION, WORK_NAMESPACE_ANNOTATION
from karmada_sandbox.members import MemberCluster
from karmada_sandbox.store import WatchEvent

NAME = "work-status"
_REFLECTED = {
    "Deployment": (
        "replicas",
        "updatedReplicas",
        "readyReplicas",
        "availableReplicas",
        "unavailableReplicas",
        "observedGeneration",
    ),
    "StatefulSet": (
        "replicas",
        "readyReplicas",
        "currentReplicas",
        "updatedReplicas",
        "availableReplicas",
        "observedGeneration",
    ),
    "DaemonSet": (
        "currentNumberScheduled",
        "desiredNumberScheduled",
        "numberAvailable",
        "numberMisscheduled",
        "numberReady",
        "updatedNumberScheduled",
        "numberUnavailable",
        "observedGeneration",
    ),
    "ReplicaSet": ("replicas", "readyReplicas", "availableReplicas", "observedGeneration"),
}


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Member objects owned by a Work, and the Works themselves."""
    meta = event.object.get("metadata") or {}
    if source:
        annotations = meta.get("annotations") or {}
        if WORK_NAME_ANNOTATION in annotations:
            ctx.enqueue(
                NAME, (annotations[WORK_NAMESPACE_ANNOTATION], annotations[WORK_NAME_ANNOTATION]), 0
            )
    elif event.resource == ctx.types.cluster and event.type != "DELETED":
        if ready_changed(ctx, NAME, event.object):
            name = event.object["metadata"]["name"]
            for work in works_in(ctx, name):
                ctx.enqueue(NAME, (execution_namespace(name), work), 0)
    elif (
        event.resource == ctx.types.work
        and spec_changed(ctx, NAME, event)
        and event.type != "DELETED"
    ):
        ctx.enqueue(NAME, (meta["namespace"], meta["name"]), 0)


def reflect_status(obj: dict) -> dict | None:
    """The status Karmada copies from a member object into the Work."""
    status = obj.get("status")
    fields = _REFLECTED.get(obj.get("kind", ""))
    if fields is None:
        return copy.deepcopy(status) if status else None
    reflected = {f: status[f] for f in fields if status and f in status}
    reflected["generation"] = obj["metadata"].get("generation", 0)
    template_generation = (obj["metadata"].get("annotations") or {}).get(
        works.TEMPLATE_GENERATION_ANNOTATION
    )
    if template_generation is not None:
        reflected["resourceTemplateGeneration"] = int(template_generation)
    return reflected


def health(obj: dict) -> str:
    """Healthy / Unhealthy by Karmada's native health rules; other kinds are Healthy."""
    kind, spec, status = obj.get("kind"), obj.get("spec") or {}, obj.get("status") or {}
    generation = obj["metadata"].get("generation", 0)
    if kind not in _REFLECTED:
        return "Healthy"
    if status.get("observedGeneration") != generation:
        return "Unhealthy"
    if kind == "DaemonSet":
        ok = status.get("updatedNumberScheduled", 0) >= status.get("desiredNumberScheduled", 0)
        ok = ok and status.get("numberAvailable", 0) >= status.get("updatedNumberScheduled", 0)
    elif kind == "ReplicaSet":
        ok = status.get("availableReplicas", 0) >= spec.get("replicas", 1)
    else:
        wanted = spec.get("replicas", 1)
        ok = status.get("updatedReplicas", 0) >= wanted
        ok = ok and status.get("availableReplicas", 0) >= status.get("updatedReplicas", 0)
    return "Healthy" if ok else "Unhealthy"


def _manifest_status(member: MemberCluster, ordinal: int, manifest: dict) -> dict | None:
    """One `manifestStatuses` item, or None when the member object is not there."""
    try:
        rtype = member.store.registry.by_kind(manifest["apiVersion"], manifest["kind"])
    except KeyError:
        return None
    meta = manifest["metadata"]
    obj = get(member.store, rtype, meta.get("namespace"), meta["name"])
    if obj is None:
        return None
    identifier = {
        "ordinal": ordinal,
        "group": rtype.group,
        "version": rtype.version,
        "kind": rtype.kind,
        "resource": rtype.plural,
        "name": meta["name"],
    }
    if meta.get("namespace"):
        identifier["namespace"] = meta["namespace"]
    item: dict = {"identifier": identifier}
    reflected = reflect_status(obj)
    if reflected is not None:
        item["status"] = reflected
    item["health"] = health(obj)
    return item


def reconcile(ctx: Context, key: Key) -> None:
    """Collect the member objects' status into `status.manifestStatuses` of one Work."""
    namespace, name = key
    work = get(ctx.control_plane, ctx.types.work, namespace, name)
    member = ctx.members.get(cluster_of_namespace(namespace) or "")
    if work is None or member is None or not member.reachable:
        return
    if work["metadata"].get("deletionTimestamp"):
        return
    manifests = work["spec"]["workload"]["manifests"]
    found = (_manifest_status(member, i, m) for i, m in enumerate(manifests))
    statuses = [item for item in found if item is not None]
    status = copy.deepcopy(work.get("status") or {})
    if statuses:
        status["manifestStatuses"] = statuses
    else:
        status.pop("manifestStatuses", None)
    write_status(ctx.control_plane, ctx.types.work, work, status)
