"""Execution controller: apply each Work's manifest into its member cluster's own store.

Like Karmada's push-mode execution controller: Works of a cluster that is not Ready wait; a
member object that Karmada does not manage is only taken over with conflict resolution
`overwrite`; deleting a Work deletes the member object (unless preserved) once the cluster
is Ready again.
"""

from __future__ import annotations

import copy
import uuid

from karmada_sandbox.controllers import events, works
from karmada_sandbox.controllers.base import (
    Context,
    Key,
    cluster_of_namespace,
    condition,
    execution_namespace,
    get,
    ready_changed,
    set_condition,
    spec_changed,
    works_in,
    write_status,
)
from karmada_sandbox.members import MemberCluster
from karmada_sandbox.store import NotFound, WatchEvent

NAME = "execution"
MANAGED_LABEL = "karmada.io/managed"
WORK_NAMESPACE_ANNOTATION = "work.karmada.io/namespace"
WORK_NAME_ANNOTATION = "work.karmada.io/name"
APPLIED_MESSAGE = "Manifest has been successfully applied"


class ApplyError(Exception):
    """Applying a manifest to a member failed; the message goes on the Applied condition."""


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Works on change; every Work of a cluster when the cluster changes."""
    if source != "":
        return
    if event.resource == ctx.types.work:
        if not spec_changed(ctx, NAME, event, with_metadata=True) or event.type == "DELETED":
            return
        meta = event.object["metadata"]
        ctx.enqueue(NAME, (meta["namespace"], meta["name"]), 0)
    elif (
        event.resource == ctx.types.cluster
        and event.type != "DELETED"
        and ready_changed(ctx, NAME, event.object)
    ):
        name = event.object["metadata"]["name"]
        for work in works_in(ctx, name):
            ctx.enqueue(NAME, (execution_namespace(name), work), 0)


def cluster_ready(cluster: dict | None) -> bool:
    """`util.IsClusterReady`."""
    return cluster is not None and (condition(cluster, "Ready") or {}).get("status") == "True"


def reconcile(ctx: Context, key: Key) -> None:
    """Sync one Work to its member cluster."""
    namespace, name = key
    work = get(ctx.control_plane, ctx.types.work, namespace, name)
    cluster_name = cluster_of_namespace(namespace)
    if work is None or cluster_name is None:
        return
    cluster = get(ctx.control_plane, ctx.types.cluster, None, cluster_name)
    member = ctx.members.get(cluster_name)
    if work["metadata"].get("deletionTimestamp"):
        _delete(ctx, work, cluster, member)
        return
    if works.WORK_ID_LABEL not in (work["metadata"].get("labels") or {}):
        _stamp_identity(ctx, work)
        return
    if (work.get("spec") or {}).get("suspendDispatching"):
        _set_conditions(ctx, work, dispatching=False)
        return
    if not cluster_ready(cluster) or member is None:
        return  # the Cluster turning Ready again re-queues every Work of its namespace
    where = f"work({namespace}/{name}) to cluster({cluster_name})"
    try:
        for manifest in work["spec"]["workload"]["manifests"]:
            apply_manifest(member, work, manifest)
    except ApplyError as exc:
        _set_conditions(ctx, work, error=str(exc))
        _event(ctx, work, "Warning", "SyncFailed", f"Failed to sync {where}, err: {exc}")
        ctx.enqueue(NAME, key, ctx.settings.cluster_status_interval)
        return
    _set_conditions(ctx, work)
    _event(ctx, work, "Normal", "SyncSucceed", f"Sync {where} successful.")


def _event(ctx: Context, work: dict, etype: str, reason: str, message: str) -> None:
    """SyncSucceed / SyncFailed on the Work, as Karmada's execution controller records them."""
    events.record(ctx, events.reference(work), etype, reason, message, "execution-controller")


def _stamp_identity(ctx: Context, work: dict) -> None:
    """The webhook's permanent id label and the execution finalizer."""
    work["metadata"].setdefault("labels", {})[works.WORK_ID_LABEL] = str(uuid.uuid4())
    finalizers = work["metadata"].setdefault("finalizers", [])
    if works.WORK_FINALIZER not in finalizers:
        finalizers.append(works.WORK_FINALIZER)
    ctx.control_plane.update(ctx.types.work, work)


def desired_object(work: dict, manifest: dict) -> dict:
    """The member object for a manifest: Karmada's work labels and annotations added."""
    obj = copy.deepcopy(manifest)
    meta = obj.setdefault("metadata", {})
    labels = meta.setdefault("labels", {})
    labels[works.WORK_ID_LABEL] = work["metadata"]["labels"][works.WORK_ID_LABEL]
    labels[MANAGED_LABEL] = "true"
    annotations = meta.setdefault("annotations", {})
    annotations[WORK_NAMESPACE_ANNOTATION] = work["metadata"]["namespace"]
    annotations[WORK_NAME_ANNOTATION] = work["metadata"]["name"]
    return obj


def apply_manifest(member: MemberCluster, work: dict, manifest: dict) -> None:
    """Create or update one manifest in the member. Raises ApplyError."""
    if not member.reachable:
        raise ApplyError(
            f'Get "https://{member.name}.sandbox.local:6443/api": dial tcp: '
            "connect: connection refused"
        )
    try:
        rtype = member.store.registry.by_kind(manifest["apiVersion"], manifest["kind"])
    except KeyError:
        raise ApplyError(
            f'no matches for kind "{manifest["kind"]}" in version "{manifest["apiVersion"]}"'
        ) from None
    desired = desired_object(work, manifest)
    namespace = desired["metadata"].get("namespace")
    if rtype.namespaced and namespace:
        ensure_member_namespace(member, namespace)
    current = get(member.store, rtype, namespace, desired["metadata"]["name"])
    if current is None:
        member.store.create(rtype, desired)
        return
    _check_takeover(member, current, desired)
    merged = _retain(current, desired)
    if merged != current:
        member.store.update(rtype, merged)


def _check_takeover(member: MemberCluster, current: dict, desired: dict) -> None:
    """`allowUpdate`: only Karmada's own objects, or with conflict resolution `overwrite`."""
    if works.WORK_ID_LABEL in (current["metadata"].get("labels") or {}):
        return
    annotations = desired["metadata"].get("annotations") or {}
    if annotations.get(works.CONFLICT_ANNOTATION) == "overwrite":
        return
    meta = desired["metadata"]
    raise ApplyError(
        f"resource(kind={desired['kind']}, {meta.get('namespace', '')}/{meta['name']}) already "
        f"exists in the cluster {member.name} and the {works.CONFLICT_ANNOTATION} strategy value "
        "is empty, Karmada will not manage this resource"
    )


def _retain(current: dict, desired: dict) -> dict:
    """The updated member object: desired content, the member's identity, status and IPs."""
    merged = copy.deepcopy(desired)
    meta = merged["metadata"]
    for field in ("uid", "resourceVersion", "creationTimestamp", "generation"):
        if field in current["metadata"]:
            meta[field] = current["metadata"][field]
    if "status" in current:
        merged["status"] = current["status"]
    if merged.get("kind") == "Service":
        for field in ("clusterIP", "clusterIPs"):
            if field in (current.get("spec") or {}):
                merged.setdefault("spec", {})[field] = current["spec"][field]
    return merged


def ensure_member_namespace(member: MemberCluster, namespace: str) -> None:
    """Create a namespace in the member when missing (Karmada's namespace sync does this)."""
    ntype = member.store.registry.by_kind("v1", "Namespace")
    if get(member.store, ntype, None, namespace) is None:
        member.store.create(
            ntype, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}
        )


def _set_conditions(
    ctx: Context, work: dict, *, error: str | None = None, dispatching: bool = True
) -> None:
    """Dispatching plus, when dispatched, Applied (with the apply error if any)."""
    status = copy.deepcopy(work.get("status") or {})
    conditions = status.setdefault("conditions", [])
    stamp = ctx.stamp()
    if not dispatching:
        set_condition(
            conditions,
            "Dispatching",
            "False",
            "SuspendDispatching",
            "Work dispatching is in a suspended state.",
            stamp,
        )
        write_status(ctx.control_plane, ctx.types.work, work, status)
        return
    set_condition(
        conditions,
        "Dispatching",
        "True",
        "Dispatching",
        "Work is being dispatched to member clusters.",
        stamp,
    )
    if error is not None:
        set_condition(conditions, "Applied", "False", "AppliedFailed", error, stamp)
    else:
        set_condition(conditions, "Applied", "True", "AppliedSuccessful", APPLIED_MESSAGE, stamp)
    write_status(ctx.control_plane, ctx.types.work, work, status)


def _delete(ctx: Context, work: dict, cluster: dict | None, member: MemberCluster | None) -> None:
    """Remove the member copy (unless preserved) once the cluster is Ready, then the finalizer."""
    if cluster is not None and not cluster["metadata"].get("deletionTimestamp"):
        if not cluster_ready(cluster) or member is None or not member.reachable:
            return  # retried when the Cluster turns Ready again
        if not (work.get("spec") or {}).get("preserveResourcesOnDeletion"):
            for manifest in work["spec"]["workload"]["manifests"]:
                _delete_member_object(member, work, manifest)
    work["metadata"]["finalizers"] = [
        f for f in work["metadata"].get("finalizers") or [] if f != works.WORK_FINALIZER
    ]
    ctx.control_plane.update(ctx.types.work, work)


def _delete_member_object(member: MemberCluster, work: dict, manifest: dict) -> None:
    """Delete the member object only if this Work owns it."""
    try:
        rtype = member.store.registry.by_kind(manifest["apiVersion"], manifest["kind"])
    except KeyError:
        return
    namespace, name = manifest["metadata"].get("namespace"), manifest["metadata"]["name"]
    current = get(member.store, rtype, namespace, name)
    work_id = (work["metadata"].get("labels") or {}).get(works.WORK_ID_LABEL)
    if (
        current is None
        or (current["metadata"].get("labels") or {}).get(works.WORK_ID_LABEL) != work_id
    ):
        return
    try:
        member.store.delete(rtype, namespace, name)
    except NotFound:
        return
