"""Dotted field paths with list indexes (`spec.items[0].name`) over nested dicts and lists."""

from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
Part = str | int


def parts(path: str) -> list[Part]:
    """`spec.items[0].name` -> `["spec", "items", 0, "name"]`."""
    return [int(index) if index else name for name, index in _TOKEN.findall(path)]


def get(obj: Any, path: str) -> Any:
    """The value at `path`, or None when any step is missing."""
    node = obj
    for part in parts(path):
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def put(obj: dict[str, Any], path: str, value: Any) -> None:
    """Set `path` to `value`, creating the dicts (and padding the lists) on the way."""
    steps = parts(path)
    node: Any = obj
    for part, following in zip(steps, steps[1:], strict=False):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append(None)
            if not isinstance(node[part], type(empty)):
                node[part] = empty
        elif not isinstance(node.get(part), type(empty)):
            node[part] = empty
        node = node[part]
    last = steps[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def remove(obj: dict[str, Any], path: str) -> None:
    """Delete `path` and then every dict it leaves empty on the way up."""
    steps = parts(path)
    trail: list[tuple[Any, Part]] = []
    node: Any = obj
    for part in steps[:-1]:
        child = get(node, f"[{part}]" if isinstance(part, int) else part)
        if not isinstance(child, dict | list):
            return
        trail.append((node, part))
        node = child
    if isinstance(node, dict):
        node.pop(steps[-1], None)
    for parent, part in reversed(trail):
        child = parent[part]
        if isinstance(child, dict) and not child:
            del parent[part]
        else:
            break
