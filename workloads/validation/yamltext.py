"""YAML editor support: parse errors with line numbers, and the line of a field path."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import yaml

from .problems import Problem

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _duplicate_keys(node: yaml.Node) -> list[Problem]:
    """Keys repeated in one mapping (PyYAML keeps the last; Kubernetes refuses them)."""
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    line = key.start_mark.line + 1
                    problems.append(Problem("", f"Duplicate key {key.value!r}.", line))
                seen.add(key.value)
            problems += _duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            problems += _duplicate_keys(item)
    return problems


def yaml_problems(text: str) -> list[Problem]:
    """Parse errors (with line numbers), duplicate keys, and a document that is not one object."""
    try:
        documents = list(yaml.compose_all(text, Loader=_loader()))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = " ".join(part for part in (exc.context, exc.problem) if part)
        return [Problem("", f"Invalid YAML: {detail}.", line)]
    except yaml.YAMLError as exc:
        return [Problem("", f"Invalid YAML: {exc}.")]
    documents = [d for d in documents if d is not None]
    if len(documents) != 1:
        return [Problem("", f"Expected one object, found {len(documents)} documents.", 1)]
    if not isinstance(documents[0], yaml.MappingNode):
        line = documents[0].start_mark.line + 1
        return [Problem("", "Expected a Kubernetes object (a mapping of fields).", line)]
    return _duplicate_keys(documents[0])


def _child(node: yaml.Node, key: str | int) -> tuple[yaml.Node, int] | None:
    """The child node and the line it is written on (its key's line inside a mapping)."""
    if isinstance(key, int) and isinstance(node, yaml.SequenceNode) and key < len(node.value):
        return node.value[key], node.value[key].start_mark.line + 1
    if isinstance(key, str) and isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return value, key_node.start_mark.line + 1
    return None


def line_of(root: yaml.Node, field_path: str) -> int:
    """The 1-based line of the deepest existing field on `field_path`."""
    node, line = root, root.start_mark.line + 1
    for name, index in _TOKEN.findall(field_path):
        found = _child(node, int(index) if index else name)
        if found is None:
            break
        node, line = found
    return line


def locate(text: str, problems: Sequence[Problem]) -> list[Problem]:
    """`problems` with `line` filled in from where their field sits in `text`."""
    try:
        root = yaml.compose(text, Loader=_loader())
    except yaml.YAMLError:
        return list(problems)
    if root is None:
        return list(problems)
    return [
        p if p.line is not None else replace(p, line=line_of(root, p.field_path)) for p in problems
    ]
