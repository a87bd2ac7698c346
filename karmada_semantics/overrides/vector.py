"""Adapter from an override vector's `input` to its `expected` shape (used by the CLI)."""

from __future__ import annotations

from typing import Any

from .manager import apply_overrides


def run_vector(scenario: dict[str, Any]) -> dict[str, Any]:
    """Run one `overrides/` vector input through `apply_overrides`."""
    result = apply_overrides(
        scenario["resource"],
        scenario["cluster"],
        scenario.get("overridePolicies") or [],
        scenario.get("clusterOverridePolicies") or [],
    )
    return result.to_expected()
