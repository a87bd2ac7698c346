"""The public entry points: `schedule` (first scheduling or rescheduling) and `explain`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from karmada_semantics.scheduling.admission import admission_message, default_placement
from karmada_semantics.scheduling.errors import NO_CLUSTER_FIT
from karmada_semantics.scheduling.estimator import parse_requests
from karmada_semantics.scheduling.explain import filter_results
from karmada_semantics.scheduling.model import Binding, Cluster, TargetCluster, cluster_name
from karmada_semantics.scheduling.pipeline import Cycle
from karmada_semantics.scheduling.reschedule import (
    Outcome,
    Triggers,
    normalized,
    run_scheduler,
    triggers,
)
from karmada_semantics.scheduling.result import ScheduleResult, SchedulingError


def _targets(entries: Sequence[Mapping[str, Any]] | None) -> tuple[TargetCluster, ...]:
    return tuple(TargetCluster(e["name"], int(e.get("replicas") or 0)) for e in entries or [])


def make_binding(
    workload: Mapping[str, Any], placement: Mapping[str, Any], previous: Mapping[str, Any] | None
) -> Binding:
    """The ResourceBinding spec the scheduler reads, from a workload summary and placement."""
    previous = previous or {}
    evicting = frozenset(
        t.get("fromCluster", "") for t in previous.get("gracefulEvictionTasks") or []
    )
    return Binding(
        api_version=str(workload.get("apiVersion", "")),
        kind=str(workload.get("kind", "")),
        uid=str((workload.get("metadata") or {}).get("uid") or ""),
        replicas=int(workload.get("replicas") or 0),
        requests=parse_requests(workload.get("resourceRequest")),
        placement=placement,
        clusters=_targets(previous.get("clusters")),
        reschedule_triggered=bool(previous.get("rescheduleTriggered")),
        evicting_clusters=evicting,
    )


def _sorted(targets: Sequence[TargetCluster]) -> list[TargetCluster]:
    return sorted(targets, key=lambda t: t.name)


def _generation(previous: Mapping[str, Any], binding: Binding, effective: Mapping[str, Any]) -> int:
    """metadata.generation: bumped when replicas or placement differ from the last scheduling."""
    if previous.get("generation") is not None:
        return int(previous["generation"])
    observed = int(previous.get("observedGeneration", 1))
    old_replicas = previous.get("replicas")
    changed = old_replicas is not None and int(old_replicas) != binding.replicas
    if previous.get("placement") is not None:
        changed |= normalized(default_placement(previous["placement"])) != normalized(effective)
    return observed + 1 if changed else observed


def _outcome_fields(outcome: Outcome, kept: Sequence[TargetCluster]) -> dict[str, Any]:
    if outcome.failure is None:
        return {"scheduled": True, "clusters": _sorted(outcome.clusters)}
    failure = outcome.failure
    clusters = [] if failure.reason == NO_CLUSTER_FIT else _sorted(kept)
    error = SchedulingError(failure.reason, failure.message)
    return {"scheduled": False, "clusters": clusters, "error": error}


def explain(
    clusters: Sequence[Cluster],
    workload: Mapping[str, Any],
    placement: Mapping[str, Any],
    previous: Mapping[str, Any] | None = None,
) -> dict[str, dict[str, list[str]]]:
    """Per affinity term and cluster, the filter plugins that reject it ("Plugin: reason")."""
    binding = make_binding(workload, default_placement(placement), previous)
    return filter_results(clusters, Cycle(binding))


def _context(
    clusters: Sequence[Cluster], cycle: Cycle, effective: dict[str, Any], explain: bool
) -> dict[str, Any]:
    """The preview's explanation (every filter on every cluster); skipped when not wanted."""
    if not explain:
        return {"effective_placement": effective}
    available = {}
    if cycle.binding.replicas > 0:
        available = {cluster_name(c): cycle.estimate(c) for c in clusters}
    return {
        "filter_results": filter_results(clusters, cycle),
        "available_replicas": available,
        "effective_placement": effective,
    }


def schedule(
    clusters: Sequence[Cluster],
    workload: Mapping[str, Any],
    placement: Mapping[str, Any],
    *,
    previous: Mapping[str, Any] | None = None,
    options: Mapping[str, Any] | None = None,
    policy: Mapping[str, Any] | None = None,
    explain: bool = True,
) -> ScheduleResult:
    """Karmada's scheduling decision for `workload` under `placement` on `clusters`.

    `previous` (spec.clusters, replicas, placement, observedGeneration, generation,
    observedAffinityName, rescheduleTriggered) makes it a rescheduling of an existing
    binding. `policy`, when given, is admitted as a whole PropagationPolicy first. With
    `explain=False` the per-cluster explanation (filter_results, available_replicas) is left
    empty, which is much cheaper when only the decision is needed (the sandbox's scheduler).
    """
    options = options or {}
    denied = admission_message(policy or {"spec": {"placement": placement}})
    effective = default_placement(placement)
    binding = make_binding(workload, effective, previous)
    if denied is not None:
        return _denied(denied, previous, effective)
    cycle = Cycle(binding)
    context = _context(clusters, cycle, effective, explain)
    empty = bool(options.get("enableEmptyWorkloadPropagation"))
    if previous is None:
        outcome = run_scheduler(clusters, binding, None, cycle, empty)
        fields = _outcome_fields(outcome, ())
        return ScheduleResult(
            observed_affinity_name=outcome.observed_affinity_name, **fields, **context
        )
    return _reschedule(clusters, binding, previous, cycle, empty, context)


def _denied(
    message: str, previous: Mapping[str, Any] | None, effective: dict[str, Any]
) -> ScheduleResult:
    """A rejected policy schedules nothing: the result carries only the denial."""
    rescheduled = None if previous is None else False
    return ScheduleResult(
        False, [], admission_denied=message, effective_placement=effective, rescheduled=rescheduled
    )


def _applied_placement(previous: Mapping[str, Any], binding: Binding) -> dict[str, Any]:
    """The applied-placement annotation: the previous placement, defaulted like the current."""
    source = previous.get("placement")
    return dict(binding.placement) if source is None else default_placement(source)


def _reschedule(
    clusters: Sequence[Cluster],
    binding: Binding,
    previous: Mapping[str, Any],
    cycle: Cycle,
    empty: bool,
    context: dict[str, Any],
) -> ScheduleResult:
    observed = previous.get("observedAffinityName") or ""
    generation = _generation(previous, binding, binding.placement)
    checks: Triggers = triggers(binding, clusters, _applied_placement(previous, binding), observed)
    if not checks.any():
        fields: dict[str, Any] = {"scheduled": True, "clusters": _sorted(binding.clusters)}
        observed_after: str | None = observed or None
    else:
        outcome = run_scheduler(clusters, binding, observed or None, cycle, empty)
        fields = _outcome_fields(outcome, binding.clusters)
        observed_after = outcome.observed_affinity_name
        if outcome.failure is not None:
            generation = int(previous.get("observedGeneration", 1))
    return ScheduleResult(
        observed_affinity_name=observed_after,
        rescheduled=checks.any(),
        scheduler_observed_generation=generation,
        triggers=vars(checks),
        **fields,
        **context,
    )
