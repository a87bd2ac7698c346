"""Binding controller: one Work per target cluster, with overrides applied.

The per-cluster manifest is the template, cleaned, with divided replicas revised to the
cluster's share, then passed through `karmada_semantics.overrides.apply_overrides`. Works of
clusters no longer targeted are deleted; a binding being deleted first loses all its Works.
"""

from __future__ import annotations

from karmada_sandbox.controllers import events, works
from karmada_sandbox.controllers.base import Context, Key, get, spec_changed
from karmada_sandbox.controllers.detector import binding_name, is_template_type
from karmada_sandbox.registry import ResourceType
from karmada_sandbox.store import WatchEvent
from karmada_semantics.interpreter import revise_replicas
from karmada_semantics.overrides import OverrideResult, apply_overrides

NAME = "binding"
_FINALIZERS = ("karmada.io/binding-controller", "karmada.io/cluster-resource-binding-controller")


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Bindings on change; their template's binding on template change; overrides fan out."""
    if source != "":
        return
    rtype, obj = event.resource, event.object
    if rtype in (ctx.types.rb, ctx.types.crb):
        if not spec_changed(ctx, NAME, event):
            return
        ctx.enqueue(NAME, _key(obj["metadata"].get("namespace") or "", obj["metadata"]["name"]), 0)
    elif rtype == ctx.types.work and event.type == "DELETED":
        annotations = obj["metadata"].get("annotations") or {}
        name = annotations.get(works.RB_NAME_ANNOTATION) or annotations.get(
            works.CRB_NAME_ANNOTATION
        )
        if name:
            ctx.enqueue(NAME, _key(annotations.get(works.RB_NAMESPACE_ANNOTATION, ""), name), 0)
    elif rtype in (ctx.types.op, ctx.types.cop):
        namespace = obj["metadata"].get("namespace") if rtype == ctx.types.op else None
        _enqueue_all(ctx, namespace)
    elif rtype == ctx.types.cluster and _labels_changed(ctx, obj):
        _enqueue_all(ctx, None)
    elif (
        is_template_type(rtype)
        and spec_changed(ctx, NAME, event, with_metadata=True)
        and event.type != "DELETED"
    ):
        name = binding_name(obj["kind"], obj["metadata"]["name"])
        ctx.enqueue(NAME, _key(obj["metadata"].get("namespace") or "", name), 0)


def _key(namespace: str, name: str) -> Key:
    return ("binding", namespace, name)


def _labels_changed(ctx: Context, cluster: dict) -> bool:
    """Cluster labels and location feed override targets; remember what was seen."""
    seen = (
        cluster["metadata"].get("labels"),
        cluster.get("spec", {}).get("provider"),
        cluster.get("spec", {}).get("region"),
        cluster.get("spec", {}).get("zones"),
    )
    memo = ("cluster-targeting", cluster["metadata"]["name"])
    changed = ctx.memory.get(memo, seen) != seen
    ctx.memory[memo] = seen
    return changed


def _enqueue_all(ctx: Context, namespace: str | None) -> None:
    for binding in ctx.control_plane.list(ctx.types.rb, namespace)[0]:
        ctx.enqueue(NAME, _key(binding["metadata"]["namespace"], binding["metadata"]["name"]), 0)
    if namespace is None:
        for binding in ctx.control_plane.list(ctx.types.crb)[0]:
            ctx.enqueue(NAME, _key("", binding["metadata"]["name"]), 0)


def reconcile(ctx: Context, key: Key) -> None:
    """Make the binding's Works match its scheduling result."""
    _, namespace, name = key
    btype = ctx.types.rb if namespace else ctx.types.crb
    binding = get(ctx.control_plane, btype, namespace or None, name)
    if binding is None:
        return
    if binding["metadata"].get("deletionTimestamp"):
        _finalize(ctx, btype, binding)
        return
    resource = binding["spec"]["resource"]
    rtype = ctx.types.template(resource["apiVersion"], resource["kind"])
    template = get(ctx.control_plane, rtype, resource.get("namespace"), resource["name"])
    if template is None:
        return
    existing = _existing_works(ctx, binding)
    targets = target_clusters(binding)
    synced = [
        _ensure_work(ctx, binding, template, cluster, replicas, existing.get(cluster))
        for cluster, replicas in targets.items()
    ]
    if any(synced):
        kind = "resourceBinding" if namespace else "clusterResourceBinding"
        where = f"{namespace}/{name}" if namespace else name
        events.record_for_binding(
            ctx,
            binding,
            "Normal",
            "SyncWorkSucceed",
            f"Sync work of {kind}({where}) successful.",
            "binding-controller",
        )
    for cluster, work in existing.items():
        if cluster not in targets and not work["metadata"].get("deletionTimestamp"):
            ctx.control_plane.delete(
                ctx.types.work, work["metadata"]["namespace"], work["metadata"]["name"]
            )


def target_clusters(binding: dict) -> dict[str, int]:
    """Clusters that need a Work: scheduled ones, graceful-eviction sources, requiredBy ones."""
    spec = binding.get("spec") or {}
    targets = {c["name"]: int(c.get("replicas") or 0) for c in spec.get("clusters") or []}
    for task in spec.get("gracefulEvictionTasks") or []:
        if task.get("purgeMode") != "Directly":
            targets.setdefault(task["fromCluster"], int(task.get("replicas") or 0))
    for requirer in spec.get("requiredBy") or []:
        for cluster in requirer.get("clusters") or []:
            targets.setdefault(cluster["name"], 0)
    return targets


def _existing_works(ctx: Context, binding: dict) -> dict[str, dict]:
    found = ctx.works_of(works.binding_id(binding)[1])
    return {w["metadata"]["namespace"].removeprefix("karmada-es-"): w for w in found}


def _ensure_work(
    ctx: Context, binding: dict, template: dict, cluster: str, replicas: int, existing: dict | None
) -> bool:
    """Create or update one cluster's Work. Returns whether it was written."""
    cluster_obj = next(
        (c for c in ctx.cached_list(ctx.types.cluster) if c["metadata"]["name"] == cluster), None
    )
    if cluster_obj is None:
        return False
    manifest = works.clean_manifest(template)
    if binding["spec"].get("replicas") and works.is_divided(binding["spec"].get("placement")):
        manifest = revise_replicas(manifest, replicas)
    result = _overrides(ctx, manifest, cluster_obj)
    if result.error or result.manifest is None:
        events.record(
            ctx,
            events.reference(binding),
            "Warning",
            "ApplyOverridePolicyFailed",
            f"Apply override policy for cluster {cluster} failed: {result.error}",
            "binding-controller",
        )
        return False
    conflict = works.conflict_resolution(binding, template)
    works.mark_manifest(result.manifest, binding, template, conflict)
    annotations = works.override_annotations(result.annotations)
    work = works.build_work(binding, cluster, result.manifest, annotations, conflict, existing)
    if existing is None:
        ctx.control_plane.create(ctx.types.work, work)
    elif work != existing:
        ctx.control_plane.update(ctx.types.work, work)
    else:
        return False
    return True


def _overrides(ctx: Context, manifest: dict, cluster: dict) -> OverrideResult:
    namespace = manifest["metadata"].get("namespace")
    ops = ctx.cached_list(ctx.types.op, namespace) if namespace else []
    cops = ctx.cached_list(ctx.types.cop)
    return apply_overrides(manifest, cluster, ops, cops)


def _finalize(ctx: Context, btype: ResourceType, binding: dict) -> None:
    """Delete every Work of a binding being deleted, then drop the binding's finalizer."""
    remaining = _existing_works(ctx, binding)
    for work in remaining.values():
        if not work["metadata"].get("deletionTimestamp"):
            ctx.control_plane.delete(
                ctx.types.work, work["metadata"]["namespace"], work["metadata"]["name"]
            )
    if remaining:
        ctx.enqueue(
            NAME,
            _key(binding["metadata"].get("namespace") or "", binding["metadata"]["name"]),
            ctx.settings.retry_delay,
        )
        return
    binding["metadata"]["finalizers"] = [
        f for f in binding["metadata"].get("finalizers") or [] if f not in _FINALIZERS
    ]
    ctx.control_plane.update(btype, binding)
