"""Scheduling failures, classified the way Karmada's Scheduled condition reports them."""

from __future__ import annotations

from collections.abc import Mapping

NO_CLUSTER_FIT = "NoClusterFit"
UNSCHEDULABLE = "Unschedulable"
SCHEDULER_ERROR = "SchedulerError"


class SchedulingFailure(Exception):
    """A failed scheduling attempt; `reason` is the Scheduled condition's reason."""

    reason = SCHEDULER_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def wrap(self, prefix: str) -> SchedulingFailure:
        """The same failure with Karmada's `fmt.Errorf("<prefix>: %w")` context added."""
        wrapped = type(self).__new__(type(self))
        SchedulingFailure.__init__(wrapped, f"{prefix}: {self.message}")
        return wrapped


class UnschedulableFailure(SchedulingFailure):
    """`framework.UnschedulableError`: not enough capacity for the replicas."""

    reason = UNSCHEDULABLE


class FitFailure(SchedulingFailure):
    """`framework.FitError`: no cluster passed the filters."""

    reason = NO_CLUSTER_FIT

    @classmethod
    def from_diagnosis(cls, num_clusters: int, reasons: Mapping[str, str]) -> FitFailure:
        """Karmada's message: reason counts as "N reason", sorted as strings."""
        if num_clusters == 0 or not reasons:
            return cls(f"0/{num_clusters} clusters are available: no cluster exists.")
        counts: dict[str, int] = {}
        for reason in reasons.values():
            counts[reason] = counts.get(reason, 0) + 1
        histogram = sorted(f"{count} {reason}" for reason, count in counts.items())
        return cls(f"0/{num_clusters} clusters are available: {', '.join(histogram)}.")
