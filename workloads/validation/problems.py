"""`Problem`: one thing wrong with user input, at the field (and YAML line) that caused it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Problem:
    """`field_path` is dotted with list indexes (`spec.placement.clusterAffinity.clusterNames[0]`);
    "" means the whole object. `line` (1-based) is set for YAML text. A `warning` is something
    Karmada accepts but that is likely a mistake (a selector matching nothing); it never blocks."""

    field_path: str
    message: str
    line: int | None = None
    warning: bool = False


def dotted(parts: Iterable[str | int]) -> str:
    """`["spec", "items", 0, "name"]` -> `spec.items[0].name`."""
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def unique(problems: Sequence[Problem]) -> list[Problem]:
    """`problems` without repeats, in first-seen order."""
    return list(dict.fromkeys(problems))


def as_warnings(problems: Iterable[Problem]) -> list[Problem]:
    """`problems` marked as warnings."""
    return [replace(p, warning=True) for p in problems]


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that block: everything but warnings."""
    return [p for p in problems if not p.warning]
