"""Dependencies distributor: with `propagateDeps`, what a workload references goes along.

For an independent binding whose policy sets `propagateDeps`, the ConfigMaps, Secrets,
ServiceAccounts and PersistentVolumeClaims its pod template references get "attached"
bindings (`<name>-<kind>`) whose `spec.requiredBy` carries the workload binding's clusters;
the binding controller then writes their Works to those clusters.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from karmada_sandbox.controllers import works
from karmada_sandbox.controllers.base import Context, Key, get, spec_changed
from karmada_sandbox.controllers.detector import binding_name
from karmada_sandbox.store import WatchEvent
from karmada_semantics.interpreter import pod_template

NAME = "dependencies"
DEPENDENCIES_ANNOTATION = "resourcebinding.karmada.io/dependencies"
DEPENDED_BY_PREFIX = "resourcebinding.karmada.io/depended-by-"
_DEPENDENCY_KINDS = frozenset({"ConfigMap", "Secret", "ServiceAccount", "PersistentVolumeClaim"})


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Workload bindings on spec change; their namespace's bindings when a dependency appears."""
    if source:
        return
    meta = event.object["metadata"]
    if event.resource == ctx.types.rb and spec_changed(ctx, NAME, event):
        ctx.enqueue(NAME, (meta["namespace"], meta["name"]), 0)
    elif (
        event.type == "ADDED"
        and event.resource.kind in _DEPENDENCY_KINDS
        and event.resource.group == ""
    ):
        for binding in ctx.cached_list(ctx.types.rb, meta.get("namespace")):
            if binding["spec"].get("propagateDeps"):
                ctx.enqueue(NAME, (meta["namespace"], binding["metadata"]["name"]), 0)


# Kinds whose pod template the native dependency interpreter reads.
DEPENDENCY_KINDS = frozenset(
    {"Deployment", "ReplicaSet", "StatefulSet", "Job", "Pod", "DaemonSet", "CronJob"}
)


def dependencies(template: dict) -> list[dict[str, str]]:
    """Objects a workload's pod template references (the native dependency interpreter)."""
    pod = pod_template(template)
    if pod is None or template.get("kind") not in DEPENDENCY_KINDS:
        return []
    namespace = template["metadata"].get("namespace", "")
    spec = pod.get("spec") or {}
    found: dict[tuple[str, str], None] = {}
    for container in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        for source in container.get("envFrom") or []:
            _add(found, "ConfigMap", (source.get("configMapRef") or {}).get("name"))
            _add(found, "Secret", (source.get("secretRef") or {}).get("name"))
        for env in container.get("env") or []:
            ref = env.get("valueFrom") or {}
            _add(found, "ConfigMap", (ref.get("configMapKeyRef") or {}).get("name"))
            _add(found, "Secret", (ref.get("secretKeyRef") or {}).get("name"))
    for volume in spec.get("volumes") or []:
        _add(found, "ConfigMap", (volume.get("configMap") or {}).get("name"))
        _add(found, "Secret", (volume.get("secret") or {}).get("secretName"))
        _add(
            found,
            "PersistentVolumeClaim",
            (volume.get("persistentVolumeClaim") or {}).get("claimName"),
        )
        for projected in (volume.get("projected") or {}).get("sources") or []:
            _add(found, "ConfigMap", (projected.get("configMap") or {}).get("name"))
            _add(found, "Secret", (projected.get("secret") or {}).get("name"))
    for pull in spec.get("imagePullSecrets") or []:
        _add(found, "Secret", pull.get("name"))
    if spec.get("serviceAccountName") not in (None, "", "default"):
        _add(found, "ServiceAccount", spec["serviceAccountName"])
    return [
        {"apiVersion": "v1", "kind": kind, "namespace": namespace, "name": name}
        for kind, name in sorted(found)
    ]


def _add(found: dict[tuple[str, str], None], kind: str, name: str | None) -> None:
    if name:
        found[(kind, name)] = None


def depended_by_label(namespace: str, name: str) -> str:
    """The label an attached binding carries for each binding that requires it."""
    return DEPENDED_BY_PREFIX + works.encoded_hash(f"{namespace}/{name}")


def reconcile(ctx: Context, key: Key) -> None:
    """Attach the binding's dependencies (or detach them when it no longer needs them)."""
    namespace, name = key
    binding = get(ctx.control_plane, ctx.types.rb, namespace, name)
    wanted: list[dict[str, str]] = []
    if binding is not None and _independent(binding):
        resource = binding["spec"]["resource"]
        rtype = ctx.types.template(resource["apiVersion"], resource["kind"])
        template = get(ctx.control_plane, rtype, namespace, resource["name"])
        if template is not None:
            wanted = dependencies(template)
            _annotate(ctx, binding, wanted)
    memo = (NAME, namespace, name)
    if not wanted and memo not in ctx.memory:
        return
    clusters = (binding or {}).get("spec", {}).get("clusters") or []
    label = depended_by_label(namespace, name)
    attached = {
        b["metadata"]["name"]: b
        for b in ctx.control_plane.list(ctx.types.rb, namespace, label_selector=label)[0]
    }
    if wanted:
        ctx.memory[memo] = True
    else:
        ctx.memory.pop(memo, None)
    for dep in wanted:
        _attach(
            ctx,
            dep,
            namespace,
            name,
            label,
            clusters,
            attached.pop(binding_name(dep["kind"], dep["name"]), None),
        )
    for stale in attached.values():
        _detach(ctx, stale, namespace, name, label)


def _independent(binding: dict) -> bool:
    return (
        bool(binding["spec"].get("propagateDeps"))
        and not binding["metadata"].get("deletionTimestamp")
        and not any(
            k.startswith(DEPENDED_BY_PREFIX) for k in binding["metadata"].get("labels") or {}
        )
    )


def _annotate(ctx: Context, binding: dict, wanted: list[dict[str, str]]) -> None:
    annotations = binding["metadata"].setdefault("annotations", {})
    value = json.dumps(wanted, separators=(",", ":")) if wanted else None
    if annotations.get(DEPENDENCIES_ANNOTATION) == value:
        return
    if value is None:
        del annotations[DEPENDENCIES_ANNOTATION]
    else:
        annotations[DEPENDENCIES_ANNOTATION] = value
    ctx.control_plane.update(ctx.types.rb, binding)


def _attach(
    ctx: Context,
    dep: dict[str, str],
    namespace: str,
    name: str,
    label: str,
    clusters: list[dict],
    existing: dict | None,
) -> None:
    """Create or update the attached binding of one dependency."""
    if existing is None:
        existing = get(
            ctx.control_plane, ctx.types.rb, namespace, binding_name(dep["kind"], dep["name"])
        )
    template = get(ctx.control_plane, ctx.types.template("v1", dep["kind"]), namespace, dep["name"])
    if template is None:
        return
    entry = {
        "namespace": namespace,
        "name": name,
        "clusters": [{"name": c["name"]} for c in clusters],
    }
    if existing is None:
        ctx.control_plane.create(ctx.types.rb, _new_attached(template, label, entry))
        return
    spec = existing["spec"]
    required = [
        r
        for r in spec.get("requiredBy") or []
        if (r.get("namespace"), r.get("name")) != (namespace, name)
    ]
    required = sorted([*required, entry], key=lambda r: (r["namespace"], r["name"]))
    labels = existing["metadata"].setdefault("labels", {})
    if spec.get("requiredBy") != required or label not in labels:
        spec["requiredBy"] = required
        labels[label] = f"{namespace}_{name}"
        ctx.control_plane.update(ctx.types.rb, existing)


def _new_attached(template: dict, label: str, entry: dict[str, Any]) -> dict:
    meta = template["metadata"]
    return {
        "apiVersion": "work.karmada.io/v1alpha2",
        "kind": "ResourceBinding",
        "metadata": {
            "name": binding_name(template["kind"], meta["name"]),
            "namespace": meta["namespace"],
            "labels": {
                label: f"{entry['namespace']}_{entry['name']}",
                works.RB_ID_LABEL: str(uuid.uuid4()),
            },
            "finalizers": ["karmada.io/binding-controller"],
            "ownerReferences": [
                {
                    "apiVersion": template["apiVersion"],
                    "kind": template["kind"],
                    "name": meta["name"],
                    "uid": meta["uid"],
                    "controller": True,
                    "blockOwnerDeletion": True,
                }
            ],
        },
        "spec": {
            "resource": {
                "apiVersion": template["apiVersion"],
                "kind": template["kind"],
                "namespace": meta["namespace"],
                "name": meta["name"],
                "uid": meta["uid"],
                "resourceVersion": meta.get("resourceVersion", ""),
            },
            "requiredBy": [entry],
        },
    }


def _detach(ctx: Context, attached: dict, namespace: str, name: str, label: str) -> None:
    """Drop one requirer from an attached binding; delete it when nothing needs it any more."""
    spec = attached["spec"]
    spec["requiredBy"] = [
        r
        for r in spec.get("requiredBy") or []
        if (r.get("namespace"), r.get("name")) != (namespace, name)
    ]
    attached["metadata"].get("labels", {}).pop(label, None)
    if not spec["requiredBy"] and not spec.get("placement"):
        ctx.control_plane.delete(ctx.types.rb, namespace, attached["metadata"]["name"])
        return
    if not spec["requiredBy"]:
        del spec["requiredBy"]
    ctx.control_plane.update(ctx.types.rb, attached)
