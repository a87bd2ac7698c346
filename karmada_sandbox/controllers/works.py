"""Building Works from a binding: names, labels, the cleaned manifest and replica revision.

Pure functions over dicts, used by the binding controller (`binding.py`).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from karmada_sandbox.controllers.base import execution_namespace
from karmada_semantics.interpreter import prune

WORK_ID_LABEL = "work.karmada.io/permanent-id"
WORK_FINALIZER = "karmada.io/execution-controller"
RB_ID_LABEL = "resourcebinding.karmada.io/permanent-id"
CRB_ID_LABEL = "clusterresourcebinding.karmada.io/permanent-id"
RB_NAMESPACE_ANNOTATION = "resourcebinding.karmada.io/namespace"
RB_NAME_ANNOTATION = "resourcebinding.karmada.io/name"
CRB_NAME_ANNOTATION = "clusterresourcebinding.karmada.io/name"
CONFLICT_ANNOTATION = "work.karmada.io/conflict-resolution"
TEMPLATE_UID_ANNOTATION = "resourcetemplate.karmada.io/uid"
TEMPLATE_GENERATION_ANNOTATION = "resourcetemplate.karmada.io/generation"
MANAGED_LABELS_ANNOTATION = "resourcetemplate.karmada.io/managed-labels"
MANAGED_ANNOTATIONS_ANNOTATION = "resourcetemplate.karmada.io/managed-annotations"
APPLIED_OVERRIDES = "policy.karmada.io/applied-overrides"
APPLIED_CLUSTER_OVERRIDES = "policy.karmada.io/applied-cluster-overrides"
_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"


def _fnv32a(text: str) -> int:
    value = 0x811C9DC5
    for byte in text.encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def encoded_hash(text: str) -> str:
    """FNV-32a of `text` in decimal, each digit mapped like `rand.SafeEncodeString`."""
    return "".join(_ALPHANUMS[ord(c) % len(_ALPHANUMS)] for c in str(_fnv32a(text)))


def work_name(kind: str, name: str, namespace: str) -> str:
    """`GenerateWorkName`: `<lower name>-<encoded hash of namespace-name-kind>`."""
    name = name.replace(":", ".").lower()
    basis = f"{namespace}-{name}-{kind}" if namespace else f"{name}-{kind}"
    return f"{name}-{encoded_hash(basis.lower())}"


def binding_id(binding: dict) -> tuple[str, str]:
    """The (label key, value) linking Works and member objects to a binding."""
    labels = binding["metadata"].get("labels") or {}
    key = RB_ID_LABEL if binding["kind"] == "ResourceBinding" else CRB_ID_LABEL
    return key, labels.get(key, "")


def is_divided(placement: dict | None) -> bool:
    """Whether the placement divides replicas (the binding controller then revises them)."""
    scheduling = (placement or {}).get("replicaScheduling")
    if not scheduling:
        return False
    return bool(scheduling.get("replicaSchedulingType", "Divided") == "Divided")


def clean_manifest(template: dict) -> dict:
    """A copy of the template as a Work manifest holds it (Karmada's `RemoveIrrelevantFields`)."""
    return copy.deepcopy(prune(template))


def mark_manifest(manifest: dict, binding: dict, template: dict, conflict: str) -> None:
    """Karmada's labels and annotations on the propagated copy of the template."""
    meta = manifest.setdefault("metadata", {})
    labels = meta.setdefault("labels", {})
    annotations = meta.setdefault("annotations", {})
    managed_labels = ",".join(sorted(labels))
    managed_annotations = ",".join(sorted(annotations))
    id_key, id_value = binding_id(binding)
    labels[id_key] = id_value
    labels.pop(WORK_ID_LABEL, None)
    annotations.update(_binding_annotations(binding))
    annotations[TEMPLATE_UID_ANNOTATION] = template["metadata"].get("uid", "")
    annotations[TEMPLATE_GENERATION_ANNOTATION] = str(template["metadata"].get("generation", 0))
    annotations[CONFLICT_ANNOTATION] = conflict
    if managed_labels:
        annotations[MANAGED_LABELS_ANNOTATION] = managed_labels
    if managed_annotations:
        annotations[MANAGED_ANNOTATIONS_ANNOTATION] = managed_annotations


def _binding_annotations(binding: dict) -> dict[str, str]:
    meta = binding["metadata"]
    if binding["kind"] == "ResourceBinding":
        return {RB_NAMESPACE_ANNOTATION: meta["namespace"], RB_NAME_ANNOTATION: meta["name"]}
    return {CRB_NAME_ANNOTATION: meta["name"]}


def conflict_resolution(binding: dict, template: dict) -> str:
    """`overwrite` or `abort`: the template's annotation wins over the policy setting."""
    own = ((template["metadata"].get("annotations") or {}).get(CONFLICT_ANNOTATION) or "").lower()
    if own in ("overwrite", "abort"):
        return own
    return "overwrite" if binding["spec"].get("conflictResolution") == "Overwrite" else "abort"


def build_work(
    binding: dict,
    cluster: str,
    manifest: dict,
    override_annotations: dict[str, str],
    conflict: str,
    existing: dict | None,
) -> dict:
    """The Work for one cluster (keeping an existing Work's identity and status)."""
    work = copy.deepcopy(existing) if existing else _new_work(binding, cluster)
    meta = work["metadata"]
    id_key, id_value = binding_id(binding)
    meta.setdefault("labels", {})[id_key] = id_value
    annotations = meta.setdefault("annotations", {})
    for key in (APPLIED_OVERRIDES, APPLIED_CLUSTER_OVERRIDES):
        annotations.pop(key, None)
    annotations.update(_binding_annotations(binding))
    annotations.update(override_annotations)
    annotations[CONFLICT_ANNOTATION] = conflict
    spec: dict[str, Any] = {"workload": {"manifests": [manifest]}}
    if _dispatch_suspended(binding, cluster):
        spec["suspendDispatching"] = True
    if binding["spec"].get("preserveResourcesOnDeletion"):
        spec["preserveResourcesOnDeletion"] = True
    work["spec"] = spec
    return work


def _new_work(binding: dict, cluster: str) -> dict[str, Any]:
    resource = binding["spec"]["resource"]
    name = work_name(resource["kind"], resource["name"], resource.get("namespace", ""))
    return {
        "apiVersion": "work.karmada.io/v1alpha1",
        "kind": "Work",
        "metadata": {
            "name": name,
            "namespace": execution_namespace(cluster),
            "finalizers": [WORK_FINALIZER],
        },
    }


def _dispatch_suspended(binding: dict, cluster: str) -> bool:
    suspension = binding["spec"].get("suspension") or {}
    if suspension.get("dispatching"):
        return True
    on = (suspension.get("dispatchingOnClusters") or {}).get("clusterNames") or []
    return cluster in on


def override_annotations(applied: dict[str, str] | None) -> dict[str, str]:
    """The applied-overrides annotations, dropping empty lists as Karmada does."""
    out = {}
    for key, value in (applied or {}).items():
        if value and json.loads(value):
            out[key] = value
    return out
