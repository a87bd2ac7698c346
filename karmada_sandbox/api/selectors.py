"""Parsing and matching of Kubernetes label and field selector strings (`a=b,c in (d),!e`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

LabelPredicate = Callable[[Mapping[str, str]], bool]
FieldPredicate = Callable[[Callable[[str], str | None]], bool]

_SET_RE = re.compile(r"^\s*([^\s!=<>(),]+)\s+(in|notin)\s+\(([^)]*)\)\s*$")
_OP_RE = re.compile(r"^\s*([^\s!=<>(),]+)\s*(==|!=|=|<|>)\s*([^\s,()]*)\s*$")
_EXISTS_RE = re.compile(r"^\s*(!?)\s*([^\s!=<>(),]+)\s*$")


def _split_requirements(selector: str) -> list[str]:
    """Split on commas that are not inside a parenthesised value set."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in selector:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p for p in parts if p.strip()]


def _set_requirement(key: str, op: str, values: set[str]) -> LabelPredicate:
    if op == "in":
        return lambda labels: labels.get(key) in values
    return lambda labels: labels.get(key) not in values


def _op_requirement(key: str, op: str, value: str) -> LabelPredicate:
    if op in ("=", "=="):
        return lambda labels: labels.get(key) == value
    if op == "!=":
        return lambda labels: labels.get(key) != value
    try:
        bound = int(value)
    except ValueError:
        raise ValueError(f"invalid label selector value {value!r} for operator {op}") from None

    def compare(labels: Mapping[str, str]) -> bool:
        try:
            actual = int(labels.get(key, ""))
        except ValueError:
            return False
        return actual > bound if op == ">" else actual < bound

    return compare


def _requirement(text: str) -> LabelPredicate:
    if match := _SET_RE.match(text):
        key, op, raw = match.groups()
        return _set_requirement(key, op, {v.strip() for v in raw.split(",") if v.strip()})
    if match := _OP_RE.match(text):
        return _op_requirement(*match.groups())
    if match := _EXISTS_RE.match(text):
        negate, key = match.groups()
        if negate:
            return lambda labels: key not in labels
        return lambda labels: key in labels
    raise ValueError(f"unable to parse requirement: {text.strip()!r}")


def parse_label_selector(selector: str | None) -> LabelPredicate | None:
    """A predicate over a labels mapping, or None for an empty selector. Raises ValueError."""
    if not selector or not selector.strip():
        return None
    checks = [_requirement(part) for part in _split_requirements(selector)]
    return lambda labels: all(check(labels) for check in checks)


def parse_field_selector(selector: str | None) -> list[tuple[str, bool, str]]:
    """The (field, equal, value) terms of a field selector string. Raises ValueError."""
    if not selector or not selector.strip():
        return []
    terms = []
    for part in selector.split(","):
        if not part.strip():
            continue
        match = re.match(r"^\s*([^\s!=]+)\s*(==|!=|=)\s*(.*?)\s*$", part)
        if not match:
            raise ValueError(f"invalid field selector: {part.strip()!r}")
        field, op, value = match.groups()
        terms.append((field, op != "!=", value))
    return terms


def field_value(obj: Mapping[str, Any], path: str) -> str | None:
    """The string value of a dotted field path in an object (None when missing)."""
    current: Any = obj
    for part in path.split("."):
        if not isinstance(current, Mapping) or part not in current:
            return None
        current = current[part]
    if isinstance(current, bool):
        return "true" if current else "false"
    if current is None or isinstance(current, (dict, list)):
        return None
    return str(current)


def fields_match(terms: list[tuple[str, bool, str]], lookup: Callable[[str], str | None]) -> bool:
    """Whether every field selector term holds, reading values through `lookup`."""
    for field, equal, value in terms:
        actual = lookup(field) or ""
        if (actual == value) != equal:
            return False
    return True
