"""When Karmada schedules an existing binding at all (`doScheduleBinding`), and the
`clusterAffinities` loop that tries one term after another.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from karmada_semantics.scheduling.errors import SchedulingFailure
from karmada_semantics.scheduling.model import (
    Binding,
    Cluster,
    TargetCluster,
    cluster_name,
    is_deleting,
)
from karmada_semantics.scheduling.pipeline import Cycle, schedule_once

# Placement fields Go holds as pointers: an empty object there differs from an absent one.
_POINTERS = frozenset(
    {
        "clusterAffinity",
        "replicaScheduling",
        "weightPreference",
        "labelSelector",
        "fieldSelector",
        "tolerationSeconds",
        "workloadAffinity",
        "affinity",
        "antiAffinity",
    }
)


def normalized(value: Any) -> Any:
    """A placement as Go sees it after a JSON round trip (omitempty zero values dropped)."""
    if isinstance(value, Mapping):
        result = {}
        for key, item in value.items():
            item = normalized(item)
            if item is None:
                continue
            if key not in _POINTERS and (item in ("", [], {}) or item is False or item == 0):
                continue
            result[key] = item
        return result
    if isinstance(value, list):
        return [normalized(item) for item in value]
    return value


def _term(terms: Sequence[Mapping[str, Any]] | None, name: str) -> Any:
    return next((t for t in terms or [] if t.get("affinityName") == name), None)


def placement_changed(
    current: Mapping[str, Any], applied: Mapping[str, Any] | None, observed: str
) -> bool:
    """`placementChanged`: for clusterAffinities only the observed term is compared."""
    if applied is None:
        return True
    now, before = normalized(current), normalized(applied)
    if now == before:
        return False
    for key in ("clusterAffinity", "clusterTolerations", "spreadConstraints", "replicaScheduling"):
        if now.get(key) != before.get(key):
            return True
    if not observed:
        return True
    term, applied_term = (
        _term(now.get("clusterAffinities"), observed),
        _term(before.get("clusterAffinities"), observed),
    )
    return term is None or applied_term is None or term != applied_term


def replicas_changed(binding: Binding) -> bool:
    """`IsBindingReplicasChanged`: Divided sums, Duplicated per-cluster counts."""
    strategy = binding.placement.get("replicaScheduling")
    if not strategy:
        return False
    kind = strategy.get("replicaSchedulingType")
    if kind == "Duplicated":
        return any(t.replicas != binding.replicas for t in binding.clusters)
    if kind == "Divided":
        return sum(t.replicas for t in binding.clusters) != binding.replicas
    return False


@dataclass(frozen=True)
class Triggers:
    """The five checks of Karmada's per-binding entry point, in its order."""

    placementChanged: bool  # noqa: N815 - Karmada's names, as in the vectors' trace
    replicasChanged: bool  # noqa: N815
    rescheduleTriggered: bool  # noqa: N815
    duplicatedOrNonWorkload: bool  # noqa: N815
    terminatingTargetCluster: bool  # noqa: N815

    def any(self) -> bool:
        """True when the scheduler runs its algorithm for this binding."""
        return any(asdict(self).values())


def triggers(
    binding: Binding, clusters: Sequence[Cluster], applied: Mapping[str, Any] | None, observed: str
) -> Triggers:
    """Evaluate every trigger of `doScheduleBinding` for an existing binding."""
    strategy = binding.placement.get("replicaScheduling")
    duplicated = not strategy or strategy.get("replicaSchedulingType") == "Duplicated"
    deleting = {cluster_name(c) for c in clusters if is_deleting(c)}
    return Triggers(
        placement_changed(binding.placement, applied, observed),
        replicas_changed(binding),
        binding.reschedule_triggered,
        binding.replicas == 0 or duplicated,
        any(t.name in deleting for t in binding.clusters),
    )


@dataclass(frozen=True)
class Outcome:
    """One scheduling pass: the suggested clusters, or the failure that stopped it."""

    clusters: tuple[TargetCluster, ...]
    failure: SchedulingFailure | None
    observed_affinity_name: str | None


def run_scheduler(
    clusters: Sequence[Cluster],
    binding: Binding,
    observed: str | None,
    cycle: Cycle,
    empty_workload_propagation: bool = False,
) -> Outcome:
    """Schedule with the placement's clusterAffinity, or term after term of clusterAffinities.

    The loop starts at the observed term (the first after a reschedule trigger); when every
    term fails, the first term's error is reported and the observed name is kept.
    """
    terms = binding.placement.get("clusterAffinities") or []
    if not terms:
        try:
            result = schedule_once(clusters, binding, None, cycle, empty_workload_propagation)
        except SchedulingFailure as failure:
            return Outcome((), failure, observed)
        return Outcome(tuple(result), None, observed)
    names = [t.get("affinityName", "") for t in terms]
    start = 0 if binding.reschedule_triggered or observed not in names else names.index(observed)
    first: SchedulingFailure | None = None
    for name in names[start:]:
        try:
            result = schedule_once(clusters, binding, name, cycle, empty_workload_propagation)
        except SchedulingFailure as failure:
            first = first or failure
            continue
        return Outcome(tuple(result), None, name)
    return Outcome((), first, observed)
