"""What Karmada's native resource interpreter reads from a template, and how it revises a copy.

Replicas come from `karmada_semantics.detector.interpret_replicas`; the per-replica request is
`AddPodTemplateRequest` (containers summed, limits standing in for missing requests, the max
with every init container, plus pod overhead), the shape the scheduler's estimator expects.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from karmada_semantics.detector import interpret_replicas
from karmada_semantics.detector.replicas import knows_replicas
from karmada_semantics.scheduling import TargetCluster
from karmada_semantics.scheduling.quantities import QuantityError, milli, nanos, whole
from karmada_semantics.scheduling.webster import allocate

_CPU = "cpu"
_WHOLE_UNITS = ("memory", "ephemeral-storage", "pods")
_REVISED_FIELD = {
    ("apps/v1", "Deployment"): "replicas",
    ("apps/v1", "StatefulSet"): "replicas",
    ("batch/v1", "Job"): "parallelism",
}
_BINARY = (("Gi", 2**30), ("Mi", 2**20), ("Ki", 2**10))


def pod_spec(template: Mapping[str, Any]) -> Mapping[str, Any]:
    """The pod spec a workload's replicas run (the object's own spec for a Pod)."""
    spec = template.get("spec") or {}
    if template.get("kind") == "Pod":
        return spec
    return (spec.get("template") or {}).get("spec") or {}


def _counted(name: str) -> bool:
    """`Resource.Add` keeps cpu, memory, storage, pods and scalar (extended) resources."""
    return (
        name == _CPU
        or name in _WHOLE_UNITS
        or "/" in name
        or name.startswith(("hugepages-", "attachable-volumes-"))
    )


def _amount(name: str, value: Any) -> int:
    """Millicores for cpu, whole units otherwise, rounded up as `Quantity` does."""
    try:
        amount = nanos(value)
    except (QuantityError, TypeError):
        return 0
    return milli(amount) if name == _CPU else whole(amount)


def _container_requests(container: Mapping[str, Any]) -> dict[str, int]:
    resources = container.get("resources") or {}
    merged = {**(resources.get("limits") or {}), **(resources.get("requests") or {})}
    return {name: _amount(name, value) for name, value in merged.items() if _counted(name)}


def pod_request(template: Mapping[str, Any]) -> dict[str, int]:
    """Per-replica request: millicores for cpu, whole units for everything else."""
    spec = pod_spec(template)
    total: dict[str, int] = {}
    for container in spec.get("containers") or []:
        for name, amount in _container_requests(container).items():
            total[name] = total.get(name, 0) + amount
    for container in spec.get("initContainers") or []:
        for name, amount in _container_requests(container).items():
            total[name] = max(total.get(name, 0), amount)
    for name, value in (spec.get("overhead") or {}).items():
        if _counted(name):
            total[name] = total.get(name, 0) + _amount(name, value)
    return {name: amount for name, amount in total.items() if amount > 0}


def format_amount(name: str, amount: int) -> str:
    """A readable quantity: `500m` / `2` cpu, `512Mi` memory, plain counts otherwise."""
    if name == _CPU:
        return str(amount // 1000) if amount % 1000 == 0 else f"{amount}m"
    for suffix, size in _BINARY:
        if name in ("memory", "ephemeral-storage") and amount % size == 0:
            return f"{amount // size}{suffix}"
    return str(amount)


def workload_summary(template: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a ResourceBinding the scheduler reads (`karmada_semantics.scheduling`)."""
    meta = template.get("metadata") or {}
    summary: dict[str, Any] = {
        "apiVersion": template.get("apiVersion", ""),
        "kind": template.get("kind", ""),
        "metadata": {
            "name": meta.get("name", ""),
            "namespace": meta.get("namespace", ""),
            "uid": meta.get("uid", ""),
        },
    }
    if not knows_replicas(template):
        return summary
    summary["replicas"] = interpret_replicas(template)
    request = pod_request(template)
    if request:
        summary["resourceRequest"] = {n: format_amount(n, a) for n, a in request.items()}
    return summary


def revise_replicas(manifest: dict[str, Any], replicas: int) -> dict[str, Any]:
    """`ReviseReplica`: a copy with this cluster's share, where the template sets the field."""
    field = _REVISED_FIELD.get((manifest.get("apiVersion", ""), manifest.get("kind", "")))
    spec = manifest.get("spec")
    if field is None or not isinstance(spec, dict) or not isinstance(spec.get(field), int):
        return manifest
    revised = copy.deepcopy(manifest)
    revised["spec"][field] = replicas
    return revised


def job_completions(
    template: Mapping[str, Any], targets: Sequence[TargetCluster]
) -> dict[str, int] | None:
    """`divideReplicasByJobCompletions`: a Job's completions spread by each cluster's share."""
    completions = (template.get("spec") or {}).get("completions")
    if template.get("kind") != "Job" or not isinstance(completions, int):
        return None
    votes = {t.name: t.replicas for t in targets}
    if sum(votes.values()) <= 0:
        return dict.fromkeys(votes, 0)
    uid = (template.get("metadata") or {}).get("uid") or ""
    return allocate(completions, votes, uid)
