"""The JSONPath subset printer columns use: `.a.b`, `.a[0]`, `.a[*].b`, `.a[?(@.k=="v")].b`."""

from __future__ import annotations

import functools
import re
from typing import Any

_TOKEN = re.compile(
    r"\.([A-Za-z0-9_\-]+)|\[(\d+|\*)\]|\[\?\(@\.([A-Za-z0-9_\-.]+)\s*==\s*[\"']([^\"']*)[\"']\)\]"
)


@functools.lru_cache(maxsize=512)
def _compile(path: str) -> tuple[tuple[str, str, str], ...]:
    path = path.strip().removeprefix("{").removesuffix("}").strip()
    path = path.removeprefix("$")
    steps, pos = [], 0
    while pos < len(path):
        match = _TOKEN.match(path, pos)
        if not match:
            raise ValueError(f"unsupported JSONPath {path!r}")
        field, index, filter_key, filter_value = match.groups()
        if field is not None:
            steps.append(("field", field, ""))
        elif index is not None:
            steps.append(("index", index, ""))
        else:
            steps.append(("filter", filter_key, filter_value))
        pos = match.end()
    return tuple(steps)


def _dig(value: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def find(obj: Any, path: str) -> list[Any]:
    """Every value the path selects in `obj` (empty when nothing matches)."""
    current = [obj]
    for kind, arg, expected in _compile(path):
        nxt: list[Any] = []
        for value in current:
            if kind == "field" and isinstance(value, dict) and arg in value:
                nxt.append(value[arg])
            elif kind == "index" and isinstance(value, list):
                if arg == "*":
                    nxt.extend(value)
                elif int(arg) < len(value):
                    nxt.append(value[int(arg)])
            elif kind == "filter" and isinstance(value, list):
                nxt.extend(v for v in value if str(_dig(v, arg)) == expected)
        current = nxt
    return current
