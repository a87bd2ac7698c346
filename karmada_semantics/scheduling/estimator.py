"""Karmada's general replica estimator (`pkg/estimator/client/general.go`).

How many more replicas of one pod shape fit into a cluster, judged from
`status.resourceSummary` alone (the accurate scheduler-estimator is not modelled).
Amounts are integers in billionths of a unit, so `Value()` / `MilliValue()` round up
exactly as Kubernetes quantities do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from karmada_semantics.quantities import QuantityError, milli, nanos, whole

MAX_INT32 = 2**31 - 1
_MODEL_NODE_PODS = 110
CPU = "cpu"
PODS = "pods"

Requests = Mapping[str, int]


def parse_requests(resource_request: Mapping[str, Any] | None) -> dict[str, int] | None:
    """Per-replica requests in billionths; None when the workload has no replicaRequirements."""
    if resource_request is None:
        return None
    return {name: nanos(amount) for name, amount in resource_request.items()}


def _amount(resources: Mapping[str, Any] | None, name: str) -> int | None:
    if not resources or name not in resources:
        return None
    try:
        return nanos(resources[name])
    except QuantityError:
        return 0


def allowed_pods(summary: Mapping[str, Any]) -> int:
    """Free pod slots: allocatable minus allocated minus allocating pods (0 when negative)."""
    free = whole(_amount(summary.get("allocatable"), PODS) or 0)
    free -= whole(_amount(summary.get("allocated"), PODS) or 0)
    free -= whole(_amount(summary.get("allocating"), PODS) or 0)
    return max(free, 0)


def _fit(available: int, request: int, resource: str) -> int:
    """floor(available / request), in millis for cpu as Karmada does."""
    if resource == CPU:
        return milli(available) // milli(request)
    return whole(available) // whole(request)


def _summary_estimate(summary: Mapping[str, Any], requests: Requests) -> int | None:
    """`getMaximumReplicasBasedOnClusterSummary`; None when nothing is requested."""
    best: int | None = None
    for resource, request in requests.items():
        if whole(request) <= 0:
            continue
        allocatable = _amount(summary.get("allocatable"), resource)
        if allocatable is None:
            return 0
        free = allocatable - (_amount(summary.get("allocated"), resource) or 0)
        free -= _amount(summary.get("allocating"), resource) or 0
        if whole(free) <= 0:
            return 0
        fits = _fit(free, request, resource)
        best = fits if best is None else min(best, fits)
    return best


def _model_estimate(cluster: Mapping[str, Any], requests: Requests) -> int:
    """Replicas that fit on the virtual nodes described by the resource-model grades."""
    models = {m.get("grade"): m for m in (cluster.get("spec") or {}).get("resourceModels") or []}
    modelings = ((cluster.get("status") or {}).get("resourceSummary") or {}).get(
        "allocatableModelings"
    ) or []
    total = 0
    for modeling in sorted(modelings, key=lambda m: m.get("grade", 0)):
        count = int(modeling.get("count") or 0)
        model = models.get(modeling.get("grade"))
        if count <= 0 or model is None:
            continue
        capacity = {r.get("name"): r.get("min", 0) for r in model.get("ranges") or []}
        capacity.setdefault(PODS, _MODEL_NODE_PODS)
        per_node = _MODEL_NODE_PODS
        for resource, request in requests.items():
            if whole(request) <= 0:
                continue
            per_node = min(per_node, _fit(_amount(capacity, resource) or 0, request, resource))
        total += count * per_node
    return total


def max_available_replicas(cluster: Mapping[str, Any], requests: Requests | None) -> int:
    """The general estimator's answer for one cluster (`GeneralEstimator.maxAvailableReplicas`)."""
    summary = (cluster.get("status") or {}).get("resourceSummary")
    if summary is None:
        return 0
    maximum = allowed_pods(summary)
    if maximum <= 0:
        return 0
    if requests is None:
        return min(maximum, MAX_INT32)
    if summary.get("allocatableModelings"):
        return min(maximum, _model_estimate(cluster, requests), MAX_INT32)
    fits = _summary_estimate(summary, requests)
    if fits is not None:
        maximum = min(maximum, fits)
    return min(maximum, MAX_INT32)
