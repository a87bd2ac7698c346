"""Kubernetes resource quantities: parse to integers and format back, for capacity sums.

CPU is counted in millicores, everything else in whole base units (bytes, pods), rounded up
the way Kubernetes rounds a fractional byte count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

_BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL = {
    "n": Decimal("1e-9"),
    "u": Decimal("1e-6"),
    "m": Decimal("1e-3"),
    "k": Decimal(1000),
    "M": Decimal(10**6),
    "G": Decimal(10**9),
    "T": Decimal(10**12),
    "P": Decimal(10**15),
    "E": Decimal(10**18),
}


def _decimal(text: str) -> Decimal:
    """The value of a quantity string as a Decimal. Raises ValueError on bad input."""
    text = str(text).strip()
    for suffix, factor in _BINARY.items():
        if text.endswith(suffix):
            return _number(text[: -len(suffix)]) * factor
    if text and text[-1] in _DECIMAL and not text[-1].isdigit():
        return _number(text[:-1]) * _DECIMAL[text[-1]]
    return _number(text)


def _number(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"invalid quantity {text!r}") from exc


def parse(resource: str, value: str | int | float) -> int:
    """A quantity in Karmada's estimator units: millicores for cpu, base units otherwise."""
    amount = _decimal(str(value))
    if resource == "cpu":
        return math.ceil(amount * 1000)
    return math.ceil(amount)


def format_quantity(resource: str, amount: int) -> str:
    """The canonical string for `amount` (as returned by `parse`)."""
    if resource == "cpu":
        return str(amount // 1000) if amount % 1000 == 0 else f"{amount}m"
    if resource == "memory" or resource == "ephemeral-storage":
        for suffix in ("Ti", "Gi", "Mi", "Ki"):
            if amount and amount % _BINARY[suffix] == 0:
                return f"{amount // _BINARY[suffix]}{suffix}"
    return str(amount)


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
        for name, amount in amounts.items():
            total[name] = total.get(name, 0) + amount
    return total
