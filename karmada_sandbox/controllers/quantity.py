"""ResourceList arithmetic for member capacity, on `karmada_semantics.quantities` units.

CPU is counted in millicores, everything else in whole base units (bytes, pods), rounded up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from karmada_semantics.quantities import amount, format_quantity


def parse(resource: str, value: str | int | float) -> int:
    """One quantity in estimator units. Raises ValueError (QuantityError) on bad input."""
    return amount(resource, value)


def parse_list(resources: Mapping[str, object] | None) -> dict[str, int]:
    """A ResourceList dict parsed with `parse`."""
    return {name: parse(name, str(value)) for name, value in (resources or {}).items()}


def format_list(amounts: Mapping[str, int]) -> dict[str, str]:
    """A parsed ResourceList back to strings, keys sorted."""
    return {name: format_quantity(name, amounts[name]) for name in sorted(amounts)}


def add_lists(lists: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """The per-resource sum of parsed ResourceLists."""
    total: dict[str, int] = {}
    for amounts in lists:
        for name, value in amounts.items():
            total[name] = total.get(name, 0) + value
    return total
