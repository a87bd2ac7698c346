"""Read an editor form's POST data into an object, and bind an object to the form for display.

`read_form` starts from the object the form was rendered from (so fields the form does not
cover survive), replaces every path the form owns with the submitted values, and applies the
row buttons (`_add` = a group's path, `_remove` = an item's path). `bind_form` pairs each
input with its current value and the problems at its path (or below it).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from workloads.validation import Problem

from . import paths
from .schema import Field, Group, Section, join

Data = Mapping[str, Any]  # a QueryDict, or a dict of str -> str | list[str]


def _values(data: Data, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        return list(data.getlist(name))
    value = data.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _first(data: Data, name: str) -> str:
    values = _values(data, name)
    return values[-1].strip() if values else ""


def _row_action(data: Data, name: str) -> str:
    """The row an `_add` / `_remove` names; the button and the form's hidden copy may both
    post it, one of them empty."""
    return next((v for v in reversed(_values(data, name)) if v.strip()), "")


def _map(text: str) -> dict[str, str]:
    """`key=value` (or `key: value`) lines; raises ValueError naming the bad line."""
    result = {}
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        key, sep, value = line.partition("=") if "=" in line else line.partition(":")
        if not sep or not key.strip():
            raise ValueError(f"Write one key=value per line; {line!r} has no '='.")
        result[key.strip()] = value.strip()
    return result


def _coerce(spec: Field, data: Data, name: str) -> Any:
    """The submitted value of `spec` as the object holds it (None = leave unset).

    Raises ValueError with a message for the user."""
    if spec.widget == "clusters":
        return [v for v in (v.strip() for v in _values(data, name)) if v] or None
    if spec.widget == "checkbox":
        return True if _first(data, name) else None
    raw = _first(data, name)
    if not raw:
        return None
    if spec.widget == "number":
        try:
            return int(raw)
        except ValueError:
            raise ValueError("Enter a whole number.") from None
    if spec.widget == "intstr":
        return int(raw) if raw.isdigit() else raw
    if spec.widget in ("list", "lines"):
        separators = r"\n" if spec.widget == "lines" else r"[,\n]"
        return [v.strip() for v in re.split(separators, raw) if v.strip()] or None
    if spec.widget == "map":
        return _map(raw) or None
    if spec.widget == "yaml":
        try:
            return yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            raise ValueError(f"Invalid YAML: {exc}") from None
    return raw


def _item_indexes(data: Data, name: str) -> list[int]:
    """The rows of the group `name` present in the form (each row posts a `name[i]` marker)."""
    marker = re.compile(re.escape(name) + r"\[(\d+)\]$")
    return sorted({int(m.group(1)) for key in data if (m := marker.match(key))})


@dataclass
class _Reader:
    data: Data
    base: Mapping[str, Any]
    problems: list[Problem] = field(default_factory=list)

    def fill(self, target: dict, fields: Iterable[Field | Group], name_at: str, path_at: str):
        """Write `fields` into `target`; inputs are named under `name_at` (as rendered) and
        problems are reported under `path_at` (after rows were renumbered)."""
        for spec in fields:
            name, path = join(name_at, spec.path), join(path_at, spec.path)
            relative = spec.path
            paths.remove(target, relative)
            if isinstance(spec, Group):
                items = self.rows(spec, name, path)
                if items:
                    paths.put(target, relative, items)
                continue
            try:
                value = _coerce(spec, self.data, name)
            except ValueError as exc:
                self.problems.append(Problem(path, str(exc)))
                continue
            if value is not None:
                paths.put(target, relative, value)

    def rows(self, group: Group, name: str, path: str) -> list[dict[str, Any]]:
        removed = _row_action(self.data, "_remove")
        items = []
        for index in _item_indexes(self.data, name):
            if removed == f"{name}[{index}]":
                continue
            item = copy.deepcopy(paths.get(self.base, f"{name}[{index}]"))
            item = item if isinstance(item, dict) else {}
            self.fill(item, group.fields, f"{name}[{index}]", f"{path}[{len(items)}]")
            items.append(item)
        if _row_action(self.data, "_add") == name:
            items.append({})
        return items


def read_form(
    sections: Sequence[Section], data: Data, base: Mapping[str, Any]
) -> tuple[dict[str, Any], list[Problem]]:
    """The object the form describes, and the inputs that could not be read (at their paths)."""
    obj = copy.deepcopy(dict(base))
    reader = _Reader(data, base)
    for section in sections:
        reader.fill(obj, section.fields, "", "")
    return obj, reader.problems


# Binding for display


@dataclass
class BoundField:
    spec: Field
    name: str
    value: Any
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    options: Sequence[Mapping[str, Any]] = ()
    locked: bool = False

    @property
    def id(self) -> str:
        return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.name)

    @property
    def is_group(self) -> bool:
        return False


@dataclass
class BoundItem:
    name: str
    index: int
    fields: list[BoundField | BoundGroup]
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class BoundGroup:
    spec: Group
    name: str
    items: list[BoundItem]
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return "g-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.name)

    @property
    def is_group(self) -> bool:
        return True


@dataclass
class BoundSection:
    spec: Section
    fields: list[BoundField | BoundGroup]

    @property
    def has_content(self) -> bool:
        """Any value or problem in the section (advanced sections then start unfolded)."""
        return any(has_content(f) for f in self.fields)


def has_content(bound: BoundField | BoundGroup) -> bool:
    """Whether an input (or a group) holds a value or a problem."""
    if isinstance(bound, BoundGroup):
        return bool(bound.items or bound.problems or bound.warnings)
    return bool(bound.value or bound.problems or bound.warnings)


def _display(spec: Field, value: Any) -> Any:
    if value is None:
        return [] if spec.widget == "clusters" else ""
    if spec.widget == "clusters":
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    if spec.widget in ("list", "lines") and isinstance(value, list):
        return (", " if spec.widget == "list" else "\n").join(str(v) for v in value)
    if spec.widget == "map" and isinstance(value, dict):
        return "\n".join(f"{k}={v}" for k, v in value.items())
    if spec.widget == "yaml":
        return yaml.safe_dump(value, sort_keys=False).strip()
    if spec.widget == "checkbox":
        return value is True
    return str(value)


@dataclass
class _Binder:
    obj: Mapping[str, Any]
    clusters: Sequence[Mapping[str, Any]]
    locked: frozenset[str]
    names: set[str] = field(default_factory=set)

    def bind(self, fields: Iterable[Field | Group], at: str) -> list[BoundField | BoundGroup]:
        bound: list[BoundField | BoundGroup] = []
        for spec in fields:
            name = join(at, spec.path)
            self.names.add(name)
            if isinstance(spec, Group):
                value = paths.get(self.obj, name)
                rows = value if isinstance(value, list) else []
                items = [
                    BoundItem(f"{name}[{i}]", i, self.bind(spec.fields, f"{name}[{i}]"))
                    for i in range(len(rows))
                ]
                bound.append(BoundGroup(spec, name, items))
            else:
                value = _display(spec, paths.get(self.obj, name))
                options = self._cluster_options(value) if spec.widget == "clusters" else ()
                bound.append(
                    BoundField(spec, name, value, options=options, locked=name in self.locked)
                )
        return bound

    def _cluster_options(self, chosen: list[str]) -> list[dict[str, Any]]:
        known = {c["name"] for c in self.clusters}
        missing = [{"name": n, "missing": True} for n in chosen if n not in known]
        return [*self.clusters, *missing]


Bound = BoundField | BoundGroup | BoundItem


def _by_name(sections: Iterable[BoundSection]) -> dict[str, Bound]:
    found: dict[str, Bound] = {}

    def walk(items: Iterable[BoundField | BoundGroup]) -> None:
        for bound in items:
            found[bound.name] = bound
            if isinstance(bound, BoundGroup):
                for item in bound.items:
                    found[item.name] = item
                    walk(item.fields)

    for section in sections:
        walk(section.fields)
    return found


def _owner(
    path: str, fields: Mapping[str, BoundField | BoundGroup]
) -> BoundField | BoundGroup | None:
    """The input at `path` or the closest one above it."""
    steps = paths.parts(path)
    while steps:
        name = ""
        for part in steps:
            name = join(name, f"[{part}]" if isinstance(part, int) else part)
        if name in fields:
            return fields[name]
        steps = steps[:-1]
    return None


def bind_form(
    sections: Sequence[Section],
    obj: Mapping[str, Any],
    problems: Sequence[Problem] = (),
    *,
    clusters: Sequence[Mapping[str, Any]] = (),
    locked: Iterable[str] = (),
) -> tuple[list[BoundSection], list[Problem]]:
    """The form filled from `obj`, each problem on its input; also the problems no input owns.

    `clusters` feeds the cluster pickers ({"name", ...} with labels or capacity to show);
    `locked` names inputs shown read-only (the name of an object being edited)."""
    binder = _Binder(obj, clusters, frozenset(locked))
    bound = [BoundSection(s, binder.bind(s.fields, "")) for s in sections]
    fields = _by_name(bound)
    unplaced = []
    for problem in problems:
        owner = _owner(problem.field_path, fields)
        if owner is None:
            unplaced.append(problem)
        else:
            (owner.warnings if problem.warning else owner.problems).append(problem.message)
    return bound, unplaced
