"""Replica assignment (`core/assignment.go`, `division_algorithm.go`).

Duplicated, static weights, dynamic weights (AvailableReplicas) and Aggregated, including
Steady-mode rescheduling (keep the previous split, divide only the difference) and Fresh
mode (after an explicit reschedule trigger).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from karmada_semantics.gosort import go_sort
from karmada_semantics.scheduling.errors import SchedulingFailure, UnschedulableFailure
from karmada_semantics.scheduling.model import Binding, TargetCluster
from karmada_semantics.scheduling.spread import Candidate
from karmada_semantics.scheduling.webster import allocate
from karmada_semantics.selectors import cluster_matches

DUPLICATED, AGGREGATED, STATIC_WEIGHT, DYNAMIC_WEIGHT = (
    "Duplicated",
    "Aggregated",
    "StaticWeight",
    "DynamicWeight",
)


def strategy_type(placement: Mapping[str, Any]) -> str:
    """Which assignment strategy a placement selects ("" when Divided has no preference)."""
    strategy = placement.get("replicaScheduling")
    if not strategy or strategy.get("replicaSchedulingType") == "Duplicated":
        return DUPLICATED
    if strategy.get("replicaSchedulingType") != "Divided":
        return ""
    preference = strategy.get("replicaDivisionPreference")
    if preference == "Aggregated":
        return AGGREGATED
    if preference == "Weighted":
        weights = strategy.get("weightPreference") or {}
        return DYNAMIC_WEIGHT if weights.get("dynamicWeight") else STATIC_WEIGHT
    return ""


@dataclass(frozen=True)
class AssignInput:
    """One assignment run: the binding, the selected clusters and their free replicas."""

    binding: Binding
    replicas: int
    candidates: Sequence[Candidate]
    allocatable: Mapping[str, int]  # estimator answer per candidate (without own replicas)


def _dispense(
    seats: int, weights: Sequence[TargetCluster], init: Sequence[TargetCluster], uid: str
) -> list[TargetCluster]:
    """`Dispenser.TakeByWeight` merged onto `init` (`SpreadReplicasByTargetClusters`)."""
    result = {t.name: t.replicas for t in init}
    votes = {t.name: t.replicas for t in weights}
    if sum(votes.values()) > 0:
        for name, seats_won in allocate(seats, votes, uid).items():
            result[name] = result.get(name, 0) + seats_won
    return [TargetCluster(name, replicas) for name, replicas in result.items()]


def _static_weights(data: AssignInput) -> list[TargetCluster]:
    strategy = data.binding.placement.get("replicaScheduling") or {}
    preference = strategy.get("weightPreference")
    rules = (preference or {}).get("staticWeightList") or []
    if preference is None:
        rules = [
            {"targetCluster": {"clusterNames": [c.name]}, "weight": 1} for c in data.candidates
        ]
    weights = []
    for candidate in data.candidates:
        weight = max(
            (
                int(r.get("weight") or 0)
                for r in rules
                if cluster_matches(candidate.cluster, r.get("targetCluster") or {})
            ),
            default=0,
        )
        if weight > 0:
            weights.append(TargetCluster(candidate.name, weight))
    if not weights:
        weights = [TargetCluster(c.name, 1) for c in data.candidates]
    return _dispense(data.replicas, weights, (), data.binding.uid)


def _sorted_desc(targets: list[TargetCluster]) -> list[TargetCluster]:
    go_sort(targets, lambda a, b: a.replicas > b.replicas)
    return targets


def _divide(
    kind: str,
    target: int,
    available: list[TargetCluster],
    scheduled: Sequence[TargetCluster],
    uid: str,
) -> list[TargetCluster]:
    """`dynamicDivideReplicas`: capacity check, Aggregated prefix cut, Webster by capacity."""
    total = sum(t.replicas for t in available)
    if total < target:
        raise UnschedulableFailure(
            f"Clusters available replicas {total} are not enough to schedule."
        )
    if kind == AGGREGATED:
        prior = {t.name for t in scheduled if t.replicas > 0}
        available = [t for t in available if t.name in prior] + [
            t for t in available if t.name not in prior
        ]
        running = 0
        for index, entry in enumerate(available):
            running += entry.replicas
            if running >= target:
                available = available[: index + 1]
                break
    return _dispense(target, available, scheduled, uid)


def _dynamic(data: AssignInput, kind: str) -> list[TargetCluster]:
    names = {c.name for c in data.candidates}
    scheduled = [t for t in data.binding.clusters if t.name in names]
    assigned = sum(t.replicas for t in scheduled)
    free = [TargetCluster(c.name, data.allocatable[c.name]) for c in data.candidates]
    uid = data.binding.uid
    try:
        if data.binding.reschedule_triggered:
            own = {t.name: t.replicas for t in scheduled}
            fresh = [TargetCluster(t.name, t.replicas + own.get(t.name, 0)) for t in free]
            return _divide(kind, data.replicas, _sorted_desc(fresh), (), uid)
        if assigned > data.replicas:
            return _divide(kind, data.replicas, _sorted_desc(list(scheduled)), (), uid)
        if assigned < data.replicas:
            return _divide(kind, data.replicas - assigned, _sorted_desc(free), scheduled, uid)
    except SchedulingFailure as failure:
        mode = (
            "do fresh scale"
            if data.binding.reschedule_triggered
            else ("scale down" if assigned > data.replicas else "scale up")
        )
        raise failure.wrap(f"failed to {mode}") from failure
    return scheduled


def assign(data: AssignInput) -> list[TargetCluster]:
    """Replicas per selected cluster, zero entries dropped; raises SchedulingFailure."""
    kind = strategy_type(data.binding.placement)
    if kind == DUPLICATED:
        result = [TargetCluster(c.name, data.replicas) for c in data.candidates]
    elif kind == STATIC_WEIGHT:
        result = _static_weights(data)
    elif kind in (DYNAMIC_WEIGHT, AGGREGATED):
        result = _dynamic(data, kind)
    else:
        strategy = data.binding.placement.get("replicaScheduling") or {}
        raise SchedulingFailure(
            "unsupported replica scheduling strategy, replicaSchedulingType: "
            f"{strategy.get('replicaSchedulingType', '')}, replicaDivisionPreference: "
            f"{strategy.get('replicaDivisionPreference', '')}, "
            "please try another scheduling strategy"
        )
    return [t for t in result if t.replicas > 0]
