"""Karmada's general replica estimator (`pkg/estimator/client/general.go`).

How many more replicas of one pod shape fit into a cluster, judged from
`status.resourceSummary` alone (the accurate scheduler-estimator is not modelled).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from karmada_semantics.scheduling.quantities import (
    QuantityError,
    milli_value,
    parse_quantity,
    value,
)

MAX_INT32 = 2**31 - 1
_MODEL_NODE_PODS = 110
CPU = "cpu"
PODS = "pods"

Requests = Mapping[str, Fraction]


def parse_requests(resource_request: Mapping[str, Any] | None) -> dict[str, Fraction] | None:
    """Per-replica requests as fractions; None when the workload has no replicaRequirements."""
    if resource_request is None:
        return None
    return {name: parse_quantity(amount) for name, amount in resource_request.items()}


def _amount(resources: Mapping[str, Any] | None, name: str) -> Fraction | None:
    if not resources or name not in resources:
        return None
    try:
        return parse_quantity(resources[name])
    except QuantityError:
        return Fraction(0)


def allowed_pods(summary: Mapping[str, Any]) -> int:
    """Free pod slots: allocatable minus allocated minus allocating pods (0 when negative)."""
    free = Fraction(0)
    for part, sign in (("allocatable", 1), ("allocated", -1), ("allocating", -1)):
        free += sign * (_amount(summary.get(part), PODS) or 0)
    return max(value(free), 0)


def _fit(available: Fraction, request: Fraction, resource: str) -> int:
    """floor(available / request), in millis for cpu as Karmada does."""
    if resource == CPU:
        return milli_value(available) // milli_value(request)
    return value(available) // value(request)


def _summary_estimate(summary: Mapping[str, Any], requests: Requests) -> int | None:
    """`getMaximumReplicasBasedOnClusterSummary`; None when nothing is requested."""
    best: int | None = None
    for resource, request in requests.items():
        if value(request) <= 0:
            continue
        allocatable = _amount(summary.get("allocatable"), resource)
        if allocatable is None:
            return 0
        free = allocatable - (_amount(summary.get("allocated"), resource) or 0)
        free -= _amount(summary.get("allocating"), resource) or 0
        if value(free) <= 0:
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
            if value(request) <= 0:
                continue
            have = _amount(capacity, resource) or Fraction(0)
            per_node = min(per_node, _fit(have, request, resource))
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
