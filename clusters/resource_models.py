"""A cluster's resource models as the cluster page shows them: grades, ranges, nodes per grade.

Karmada's `spec.resourceModels` lists grades, each with `[min, max)` ranges per resource; its
`status.resourceSummary.allocatableModelings` counts the nodes whose free resources fall in each
grade. The scheduler's general estimator builds virtual nodes from these (API-NOTES 8.5).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from karmada_semantics.quantities import QuantityError, parse_quantity

INT64_MAX = 2**63 - 1  # Karmada's "no upper bound" for the last grade


@dataclass(frozen=True)
class Grade:
    """One row: the grade, its range per resource column ("" if undefined), its node count."""

    grade: int
    ranges: tuple[str, ...]
    nodes: int | None


@dataclass(frozen=True)
class ResourceModels:
    """The table: resource columns in the order the grades name them, and one row per grade."""

    resources: tuple[str, ...]
    grades: tuple[Grade, ...]
    counted: bool  # whether the status counts nodes per grade


def _amount(value: Any) -> float | None:
    try:
        return float(parse_quantity(value))
    except (QuantityError, TypeError, AttributeError):
        return None


def describe_range(minimum: Any, maximum: Any) -> str:
    """`[min, max)` in words: "< 4Gi", "1 – 2", "≥ 128", or "any"."""
    low, high = _amount(minimum), _amount(maximum)
    unbounded = high is None or high >= INT64_MAX
    if unbounded:
        return f"≥ {minimum}" if low else "any"
    if not low:
        return f"< {maximum}"
    return f"{minimum} – {maximum}"


def resource_models(raw: dict[str, Any]) -> ResourceModels:
    """The resource-model table of a Cluster object (empty when it defines no models)."""
    models = (raw.get("spec") or {}).get("resourceModels") or []
    summary = (raw.get("status") or {}).get("resourceSummary") or {}
    modelings = summary.get("allocatableModelings")
    counts = {m.get("grade"): m.get("count", 0) for m in modelings or []}
    resources: list[str] = []
    for model in models:
        for item in model.get("ranges") or []:
            if item.get("name") not in resources:
                resources.append(item.get("name"))
    grades = []
    for index, model in enumerate(models):
        grade = model.get("grade", index)
        ranges = {
            r.get("name"): describe_range(r.get("min"), r.get("max"))
            for r in model.get("ranges") or []
        }
        row = tuple(ranges.get(name, "") for name in resources)
        grades.append(Grade(grade, row, counts.get(grade, 0) if modelings else None))
    grades.sort(key=lambda g: g.grade)
    return ResourceModels(tuple(resources), tuple(grades), bool(modelings))
