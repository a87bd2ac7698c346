"""One run of Karmada's generic scheduler (`genericScheduler.Schedule`).

filter -> score (cluster locality) -> available replicas -> select (spread) -> assign.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from karmada_semantics.scheduling.assignment import AssignInput, assign
from karmada_semantics.scheduling.errors import (
    FitFailure,
    SchedulingFailure,
    UnschedulableFailure,
)
from karmada_semantics.scheduling.estimator import MAX_INT32, max_available_replicas
from karmada_semantics.scheduling.filters import (
    Verdicts,
    affinity_tier,
    evaluate,
    first_failure,
    term_affinities,
)
from karmada_semantics.scheduling.model import (
    Binding,
    Cluster,
    TargetCluster,
    cluster_name,
    is_deleting,
)
from karmada_semantics.scheduling.spread import Candidate, order_key, select_best_clusters

LOCALITY_SCORE = 100


@dataclass
class Cycle:
    """Per-call caches: estimator answers and filter verdicts, shared by every term."""

    binding: Binding
    cache: dict[str, int] = field(default_factory=dict)
    verdicts: dict[tuple[str | None, str], Verdicts] = field(default_factory=dict)

    def verdict(self, cluster: Cluster, term: str | None) -> Verdicts:
        """The failing filter plugins for this cluster under this affinity term."""
        key = (term, cluster_name(cluster))
        if key not in self.verdicts:
            self.verdicts[key] = evaluate(self.binding, cluster, term)
        return self.verdicts[key]

    def estimate(self, cluster: Cluster) -> int:
        """The general estimator's own answer for one cluster."""
        name = cluster_name(cluster)
        if name not in self.cache:
            self.cache[name] = max_available_replicas(cluster, self.binding.requests)
        return self.cache[name]

    def allocatable(self, cluster: Cluster) -> int:
        """`calAvailableReplicas` for one cluster (non-workloads are never estimated)."""
        if self.binding.replicas == 0:
            return MAX_INT32
        answer = self.estimate(cluster)
        return self.binding.replicas if answer == MAX_INT32 else answer


def _score(binding: Binding, name: str) -> int:
    """ClusterLocality: 100 for clusters already holding replicas of this binding."""
    holds = sum(t.replicas for t in binding.clusters) > 0 and binding.target_contains(name)
    return LOCALITY_SCORE if holds else 0


def _feasible(clusters: Sequence[Cluster], cycle: Cycle, term: str | None) -> list[Cluster]:
    diagnosis: dict[str, str] = {}
    feasible = []
    for cluster in clusters:
        if is_deleting(cluster):
            continue
        reason = first_failure(cycle.verdict(cluster, term))
        if reason is None:
            feasible.append(cluster)
        else:
            diagnosis[cluster_name(cluster)] = reason
    if not feasible:
        raise FitFailure.from_diagnosis(len(clusters), diagnosis)
    return feasible


def _candidates(
    feasible: Sequence[Cluster], binding: Binding, term: str | None, cycle: Cycle
) -> tuple[list[Candidate], dict[str, int]]:
    allocatable: dict[str, int] = {}
    candidates = []
    for cluster in feasible:
        name = cluster_name(cluster)
        allocatable[name] = cycle.allocatable(cluster)
        tier = affinity_tier(binding, cluster, term) or 0
        available = min(allocatable[name], MAX_INT32) + binding.assigned_to(name)
        candidates.append(Candidate(name, cluster, _score(binding, name), available, tier))
    candidates.sort(key=order_key)
    return candidates, allocatable


def _overflow_active(binding: Binding, term: str | None) -> bool:
    return (
        binding.replicas > 0
        and len(term_affinities(binding.placement, term)) > 1
        and bool(binding.placement.get("clusterAffinities"))
    )


def _assign_tiers(
    binding: Binding, selected: Sequence[Candidate], allocatable: Mapping[str, int]
) -> list[TargetCluster]:
    """Overflow tiers: fill the primary group first, spill the rest tier by tier."""
    remaining, result = binding.replicas, []
    for tier in sorted({c.tier for c in selected}):
        members = [c for c in selected if c.tier == tier]
        portion = min(remaining, sum(c.available for c in members))
        if portion > 0:
            result += assign(AssignInput(binding, portion, members, allocatable))
            remaining -= portion
        if remaining <= 0:
            return result
    total = sum(c.available for c in selected)
    raise UnschedulableFailure(f"Clusters available replicas {total} are not enough to schedule.")


def _assign_replicas(
    binding: Binding,
    selected: Sequence[Candidate],
    allocatable: Mapping[str, int],
    term: str | None,
) -> list[TargetCluster]:
    """`AssignReplicas`: workloads are divided, everything else goes everywhere with 0."""
    if not selected:
        raise SchedulingFailure("no clusters available to schedule")
    if not binding.is_workload:
        return [TargetCluster(c.name, 0) for c in selected]
    if _overflow_active(binding, term):
        return _assign_tiers(binding, selected, allocatable)
    return assign(AssignInput(binding, binding.replicas, selected, allocatable))


def schedule_once(
    clusters: Sequence[Cluster],
    binding: Binding,
    term: str | None,
    cycle: Cycle,
    empty_workload_propagation: bool = False,
) -> list[TargetCluster]:
    """Suggested clusters for one affinity term; raises SchedulingFailure."""
    feasible = _feasible(clusters, cycle, term)
    candidates, allocatable = _candidates(feasible, binding, term, cycle)
    try:
        selected = select_best_clusters(binding.placement, candidates, binding.replicas)
    except SchedulingFailure as failure:
        raise failure.wrap("failed to select clusters") from failure
    try:
        result = _assign_replicas(binding, selected, allocatable, term)
    except SchedulingFailure as failure:
        raise failure.wrap("failed to assign replicas") from failure
    if empty_workload_propagation:
        present = {t.name for t in result}
        result += [TargetCluster(c.name, 0) for c in selected if c.name not in present]
    return result
