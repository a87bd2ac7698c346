"""What the native interpreter reads from a workload's pod template (`GetReplicas` requirements).

The per-replica request is `AddPodTemplateRequest`: the containers summed, limits standing in
for missing requests, the max with every init container, plus pod overhead — in the units the
scheduler's estimator counts (see `karmada_semantics.quantities.amount`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from karmada_semantics.interpreter.replicas import interpret_replicas, knows_replicas
from karmada_semantics.quantities import QuantityError, amount, format_quantity

_COUNTED = ("cpu", "memory", "ephemeral-storage", "pods")


def pod_template(obj: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The pod template (metadata + spec) of a workload; the object itself for a Pod."""
    kind, spec = obj.get("kind"), obj.get("spec") or {}
    if kind == "Pod":
        return obj
    if kind == "CronJob":
        return ((spec.get("jobTemplate") or {}).get("spec") or {}).get("template")
    template = spec.get("template")
    return template if isinstance(template, Mapping) else None


def _counted(name: str) -> bool:
    """`Resource.Add` keeps cpu, memory, storage, pods and scalar (extended) resources."""
    return name in _COUNTED or "/" in name or name.startswith(("hugepages-", "attachable-"))


def _amounts(resources: Mapping[str, Any]) -> dict[str, int]:
    counted = {}
    for name, value in resources.items():
        if _counted(name):
            try:
                counted[name] = amount(name, value)
            except (QuantityError, TypeError):
                counted[name] = 0
    return counted


def _container_requests(container: Mapping[str, Any]) -> dict[str, int]:
    resources = container.get("resources") or {}
    return _amounts({**(resources.get("limits") or {}), **(resources.get("requests") or {})})


def pod_request(obj: Mapping[str, Any]) -> dict[str, int]:
    """Per-replica request of a workload (or Pod): millicores for cpu, whole units otherwise."""
    spec = (pod_template(obj) or {}).get("spec") or {}
    total: dict[str, int] = {}
    for container in spec.get("containers") or []:
        for name, value in _container_requests(container).items():
            total[name] = total.get(name, 0) + value
    for container in spec.get("initContainers") or []:
        for name, value in _container_requests(container).items():
            total[name] = max(total.get(name, 0), value)
    for name, value in _amounts(spec.get("overhead") or {}).items():
        total[name] = total.get(name, 0) + value
    return {name: value for name, value in total.items() if value > 0}


def format_request(request: Mapping[str, int]) -> dict[str, str]:
    """A parsed request back to a ResourceList, keys sorted."""
    return {name: format_quantity(name, request[name]) for name in sorted(request)}


def _node_claim(spec: Mapping[str, Any]) -> dict[str, Any]:
    claim: dict[str, Any] = {}
    required = ((spec.get("affinity") or {}).get("nodeAffinity") or {}).get(
        "requiredDuringSchedulingIgnoredDuringExecution"
    )
    if required:
        claim["hardNodeAffinity"] = required
    if spec.get("nodeSelector"):
        claim["nodeSelector"] = spec["nodeSelector"]
    if spec.get("tolerations"):
        claim["tolerations"] = spec["tolerations"]
    return claim


def replica_requirements(obj: Mapping[str, Any]) -> dict[str, Any] | None:
    """A binding's `spec.replicaRequirements`, or None (no requests and no node claim)."""
    if not knows_replicas(obj):
        return None
    spec = (pod_template(obj) or {}).get("spec") or {}
    request, claim = pod_request(obj), _node_claim(spec)
    if not request and not claim:
        return None
    result: dict[str, Any] = {}
    if claim:
        result["nodeClaim"] = claim
    if request:
        result["resourceRequest"] = format_request(request)
    namespace = (obj.get("metadata") or {}).get("namespace")
    if namespace:
        result["namespace"] = namespace
    if spec.get("priorityClassName"):
        result["priorityClassName"] = spec["priorityClassName"]
    return result


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
        summary["resourceRequest"] = format_request(request)
    return summary
