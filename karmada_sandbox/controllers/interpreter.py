"""The parts of Karmada's native resource interpreter the sandbox needs.

Replica count and per-replica requirements of a workload (what the detector copies into a
binding) and the pod template's requests (what a member cluster reserves per running pod).
"""

from __future__ import annotations

from typing import Any

from karmada_sandbox.controllers import quantity

# Kinds whose replica count the native interpreter knows (`GetReplicas`).
REPLICA_KINDS = frozenset({"Deployment", "ReplicaSet", "StatefulSet", "Job", "Pod"})
# Kinds the sandbox rolls out in member clusters (pods become ready over time).
ROLLOUT_KINDS = frozenset({"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"})


def pod_template(obj: dict[str, Any]) -> dict[str, Any] | None:
    """The pod template (metadata + spec) of a workload, the object itself for a Pod."""
    kind = obj.get("kind")
    spec = obj.get("spec") or {}
    if kind == "Pod":
        return obj
    if kind == "CronJob":
        return ((spec.get("jobTemplate") or {}).get("spec") or {}).get("template")
    if kind in ROLLOUT_KINDS or kind == "Job":
        return spec.get("template")
    return None


def replicas(obj: dict[str, Any]) -> int:
    """Desired replicas as Karmada reads them (0 for kinds without replicas)."""
    kind = obj.get("kind")
    spec = obj.get("spec") or {}
    if kind not in REPLICA_KINDS or obj.get("apiVersion") not in ("apps/v1", "batch/v1", "v1"):
        return 0
    if kind == "Pod":
        return 1
    if kind == "Job":
        parallelism = spec.get("parallelism")
        return 1 if parallelism is None else int(parallelism)
    value = spec.get("replicas")
    return 1 if value is None else int(value)


def pod_requests(template: dict[str, Any] | None) -> dict[str, int]:
    """Per-pod requests, parsed: the containers' sum (limits standing in), max with inits."""
    pod_spec = (template or {}).get("spec") or {}
    total: dict[str, int] = quantity.add_lists(
        _container_requests(c) for c in pod_spec.get("containers") or []
    )
    for init in pod_spec.get("initContainers") or []:
        for name, amount in _container_requests(init).items():
            total[name] = max(total.get(name, 0), amount)
    return total


def _container_requests(container: dict[str, Any]) -> dict[str, int]:
    resources = container.get("resources") or {}
    merged = dict(resources.get("limits") or {})
    merged.update(resources.get("requests") or {})
    return quantity.parse_list(merged)


def replica_requirements(obj: dict[str, Any]) -> dict[str, Any] | None:
    """`spec.replicaRequirements` for a binding, or None (no requests and no node claim)."""
    if obj.get("kind") not in REPLICA_KINDS:
        return None
    template = pod_template(obj)
    pod_spec = (template or {}).get("spec") or {}
    requests = pod_requests(template)
    claim: dict[str, Any] = {}
    required = ((pod_spec.get("affinity") or {}).get("nodeAffinity") or {}).get(
        "requiredDuringSchedulingIgnoredDuringExecution"
    )
    if required:
        claim["hardNodeAffinity"] = required
    if pod_spec.get("nodeSelector"):
        claim["nodeSelector"] = pod_spec["nodeSelector"]
    if pod_spec.get("tolerations"):
        claim["tolerations"] = pod_spec["tolerations"]
    if not requests and not claim:
        return None
    result: dict[str, Any] = {}
    if claim:
        result["nodeClaim"] = claim
    if requests:
        result["resourceRequest"] = quantity.format_list(requests)
    namespace = (obj.get("metadata") or {}).get("namespace")
    if namespace:
        result["namespace"] = namespace
    if pod_spec.get("priorityClassName"):
        result["priorityClassName"] = pod_spec["priorityClassName"]
    return result
