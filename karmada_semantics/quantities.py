"""Kubernetes resource quantities ("500m", "1Gi", "2e3") as exact fractions.

Karmada's estimator works with `resource.Quantity.Value()` (rounded up to an integer) and
`MilliValue()` (millis, rounded up); both are reproduced here without floating point.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from functools import lru_cache

NANO = 10**9
_SUFFIXES: dict[str, Fraction] = {
    "": Fraction(1),
    "n": Fraction(1, 10**9),
    "u": Fraction(1, 10**6),
    "m": Fraction(1, 1000),
    "k": Fraction(10**3),
    "M": Fraction(10**6),
    "G": Fraction(10**9),
    "T": Fraction(10**12),
    "P": Fraction(10**15),
    "E": Fraction(10**18),
    "Ki": Fraction(2**10),
    "Mi": Fraction(2**20),
    "Gi": Fraction(2**30),
    "Ti": Fraction(2**40),
    "Pi": Fraction(2**50),
    "Ei": Fraction(2**60),
}
_PATTERN = re.compile(
    r"^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$"
)


class QuantityError(ValueError):
    """Raised for a string that is not a Kubernetes quantity."""


def parse_quantity(value: str | int | float) -> Fraction:
    """The exact amount a quantity stands for; raises QuantityError when malformed."""
    if isinstance(value, bool):
        raise QuantityError(f"quantities must match the regular expression: {value!r}")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(str(value))
    match = _PATTERN.match(value.strip())
    if match is None:
        raise QuantityError(f"quantities must match the regular expression: {value!r}")
    number, exponent, suffix = match.groups()
    amount = Fraction(number)
    if exponent:
        return amount * Fraction(10) ** int(exponent[1:])
    return amount * _SUFFIXES[suffix or ""]


@lru_cache(maxsize=4096)
def _nanos_of_text(text: str) -> int:
    return math.ceil(parse_quantity(text) * NANO)


def nanos(value: str | int | float) -> int:
    """The quantity in billionths, rounded up (Kubernetes' finest scale); cached for text."""
    if isinstance(value, str):
        return _nanos_of_text(value)
    return math.ceil(parse_quantity(value) * NANO)


def whole(amount_nanos: int) -> int:
    """`Quantity.Value()` of an amount given in billionths: rounded up to a whole unit."""
    return -(-amount_nanos // NANO)


def milli(amount_nanos: int) -> int:
    """`Quantity.MilliValue()` of an amount given in billionths: thousandths, rounded up."""
    return -(-amount_nanos // (NANO // 1000))


def amount(resource: str, value: str | int | float) -> int:
    """A quantity in the units Karmada's estimator counts: millicores for cpu, whole units
    (bytes, pods, devices) for everything else, rounded up. Raises QuantityError."""
    billionths = nanos(value)
    return milli(billionths) if resource == "cpu" else whole(billionths)


_BINARY_SUFFIXES = (("Ti", 2**40), ("Gi", 2**30), ("Mi", 2**20), ("Ki", 2**10))


def format_quantity(resource: str, value: int) -> str:
    """The canonical text of an `amount`: `500m` / `2` cpu, `512Mi` memory, plain otherwise."""
    if resource == "cpu":
        return str(value // 1000) if value % 1000 == 0 else f"{value}m"
    if resource in ("memory", "ephemeral-storage"):
        for suffix, size in _BINARY_SUFFIXES:
            if value and value % size == 0:
                return f"{value // size}{suffix}"
    return str(value)
