"""Adapter between the vectors' JSON (`input` -> `expected`) and the scheduling library."""

from __future__ import annotations

from typing import Any

from karmada_semantics.scheduling.api import schedule
from karmada_semantics.scheduling.errors import SCHEDULER_ERROR


def run_vector(scenario: dict[str, Any]) -> dict[str, Any]:
    """Run one scheduling or rescheduling vector input; returns its `expected` shape.

    Malformed input is reported as a failed scheduling instead of raising, so that one bad
    file cannot stop a whole family run.
    """
    policy = scenario.get("propagationPolicy") or {}
    placement = (policy.get("spec") or {}).get("placement") or {}
    try:
        result = schedule(
            scenario.get("clusters") or [],
            scenario.get("workload") or {},
            placement,
            previous=scenario.get("previous"),
            options=scenario.get("schedulerOptions"),
            policy=policy,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        error = {"reason": SCHEDULER_ERROR, "message": f"invalid scenario: {exc}"}
        return {"scheduled": False, "clusters": [], "error": error}
    return result.to_expected()
