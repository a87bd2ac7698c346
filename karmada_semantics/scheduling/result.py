"""The outcome of a scheduling preview, shaped for the console and for the vectors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from karmada_semantics.scheduling.model import TargetCluster


@dataclass(frozen=True)
class SchedulingError:
    """The Scheduled condition written on failure (NoClusterFit, Unschedulable, SchedulerError)."""

    reason: str
    message: str


@dataclass(frozen=True)
class ScheduleResult:
    """What Karmada's scheduler leaves on the binding, plus the preview's explanation.

    `clusters` is spec.clusters after the call, sorted by name. For a rescheduling,
    `rescheduled` says whether the algorithm ran at all and `scheduler_observed_generation`
    is status.schedulerObservedGeneration; both are None for a first scheduling.
    """

    scheduled: bool
    clusters: list[TargetCluster]
    error: SchedulingError | None = None
    observed_affinity_name: str | None = None
    admission_denied: str | None = None
    filter_results: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    available_replicas: dict[str, int] = field(default_factory=dict)
    effective_placement: dict[str, Any] = field(default_factory=dict)
    rescheduled: bool | None = None
    scheduler_observed_generation: int | None = None
    triggers: dict[str, bool] | None = None

    def to_expected(self) -> dict[str, Any]:
        """The object a vector's `expected` holds for this outcome."""
        result: dict[str, Any] = {}
        if self.admission_denied is not None:
            result["admissionDenied"] = self.admission_denied
        if self.rescheduled is not None:
            result["rescheduled"] = self.rescheduled
        result["scheduled"] = self.scheduled
        result["clusters"] = [c.to_dict() for c in self.clusters]
        if self.error is not None:
            result["error"] = {"reason": self.error.reason, "message": self.error.message}
        if self.observed_affinity_name:
            result["observedAffinityName"] = self.observed_affinity_name
        if self.scheduler_observed_generation is not None:
            result["schedulerObservedGeneration"] = self.scheduler_observed_generation
        return result
