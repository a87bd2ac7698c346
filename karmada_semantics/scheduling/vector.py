"""Adapter between the vectors' JSON (`input` -> `expected`) and the scheduling library."""

from __future__ import annotations

from typing import Any

from karmada_semantics.scheduling.api import schedule


def run_vector(scenario: dict[str, Any]) -> dict[str, Any]:
    """Run one scheduling or rescheduling vector input; returns its `expected` shape."""
    policy = scenario.get("propagationPolicy") or {}
    placement = (policy.get("spec") or {}).get("placement") or {}
    result = schedule(
        scenario.get("clusters") or [],
        scenario.get("workload") or {},
        placement,
        previous=scenario.get("previous"),
        options=scenario.get("schedulerOptions"),
        policy=policy,
    )
    return result.to_expected()
