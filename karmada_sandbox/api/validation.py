"""Schema validation with Kubernetes-style field errors, CRD defaults and unknown-field pruning."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from karmada_sandbox.api.metadata_rules import metadata_errors
from karmada_sandbox.api.schemas import Schema, schema_for
from karmada_sandbox.registry import ResourceType
from karmada_sandbox.store import Invalid

_TYPE_CHECKS: dict[str, Any] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}
_INT32 = (-(2**31), 2**31 - 1)


@dataclass
class _Walk:
    schema: Schema
    errors: list[tuple[str, str]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    prune: bool = False


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return type(value).__name__
    return str(value)


def _types(node: dict[str, Any]) -> tuple[list[str], bool]:
    declared = node.get("type")
    types = [declared] if isinstance(declared, str) else list(declared or [])
    nullable = "null" in types or bool(node.get("nullable"))
    return [t for t in types if t != "null"], nullable


def _check_scalar(walk: _Walk, node: dict[str, Any], value: Any, path: str) -> None:
    if "enum" in node and value not in node["enum"]:
        allowed = ", ".join(_show(v) for v in node["enum"] if v is not None)
        walk.errors.append(
            (path, f"Unsupported value: {_show(value)}: supported values: {allowed}")
        )
    if isinstance(value, str):
        if "maxLength" in node and len(value) > node["maxLength"]:
            walk.errors.append((path, f"Too long: may not be more than {node['maxLength']} bytes"))
        if "minLength" in node and len(value) < node["minLength"]:
            walk.errors.append(
                (
                    path,
                    f"Invalid value: {_show(value)}: {path} in body should be at least "
                    f"{node['minLength']} chars long",
                )
            )
        if "pattern" in node and not re.search(node["pattern"], value):
            walk.errors.append(
                (
                    path,
                    f"Invalid value: {_show(value)}: {path} in body should match "
                    f"'{node['pattern']}'",
                )
            )
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_number(walk, node, value, path)


def _check_number(walk: _Walk, node: dict[str, Any], value: float, path: str) -> None:
    if "minimum" in node and value < node["minimum"]:
        walk.errors.append(
            (
                path,
                f"Invalid value: {value}: {path} in body should be greater than or equal to "
                f"{node['minimum']}",
            )
        )
    if "maximum" in node and value > node["maximum"]:
        walk.errors.append(
            (
                path,
                f"Invalid value: {value}: {path} in body should be less than or equal to "
                f"{node['maximum']}",
            )
        )
    if node.get("format") == "int32" and not _INT32[0] <= value <= _INT32[1]:
        walk.errors.append((path, f"Invalid value: {value}: must fit in int32"))


def _type_ok(walk: _Walk, node: dict[str, Any], value: Any, path: str) -> bool:
    if node.get("x-kubernetes-int-or-string"):
        ok = isinstance(value, (str, int)) and not isinstance(value, bool)
        if not ok and value is not None:
            walk.errors.append((path, f"Invalid value: {_show(value)}: must be int or string"))
        return ok
    alternatives = node.get("oneOf") or node.get("anyOf")
    if alternatives and not node.get("type"):
        nodes = [walk.schema.resolve(a) for a in alternatives]
        if any(_type_ok(_Walk(walk.schema), n, value, path) for n in nodes):
            return True
        walk.errors.append((path, f"Invalid value: {_show(value)}: {path} has an invalid type"))
        return False
    types, nullable = _types(node)
    if value is None:
        return nullable or not types
    if not types or any(_TYPE_CHECKS[t](value) for t in types if t in _TYPE_CHECKS):
        return True
    expected = types[0]
    walk.errors.append(
        (
            path,
            f"Invalid value: {_show(value)}: {path} in body must be of type {expected}: "
            f"{_show(type(value).__name__ if not isinstance(value, str) else 'string')}",
        )
    )
    return False


def _check_object(walk: _Walk, node: dict[str, Any], value: dict[str, Any], path: str) -> None:
    props: dict[str, Any] = node.get("properties") or {}
    for name, sub in props.items():
        sub = walk.schema.resolve(sub)
        if name not in value and "default" in sub and sub["default"] is not None:
            value[name] = _copy(sub["default"])
    for name in node.get("required") or ():
        if value.get(name) is None:
            walk.errors.append((_join(path, name), "Required value"))
    extra = node.get("additionalProperties")
    closed = extra is False or (
        props and extra is None and not node.get("x-kubernetes-preserve-unknown-fields")
    )
    for name in list(value):
        child_path = _join(path, name)
        if name in props:
            _check(walk, props[name], value[name], child_path)
        elif isinstance(extra, dict):
            _check(walk, extra, value[name], child_path)
        elif closed:
            walk.unknown.append(child_path)
            if walk.prune:
                del value[name]


def _check(walk: _Walk, node: dict[str, Any], value: Any, path: str) -> None:
    node = walk.schema.resolve(node)
    if not node or not _type_ok(walk, node, value, path) or value is None:
        return
    if isinstance(value, dict):
        _check_object(walk, node, value, path)
    elif isinstance(value, list):
        _check_list(walk, node, value, path)
    else:
        _check_scalar(walk, node, value, path)
    for extra in node.get("allOf") or ():
        _check(walk, extra, value, path)


def _check_list(walk: _Walk, node: dict[str, Any], value: list[Any], path: str) -> None:
    if "minItems" in node and len(value) < node["minItems"]:
        walk.errors.append(
            (
                path,
                f"Invalid value: {len(value)}: {path} in body should have at least "
                f"{node['minItems']} items",
            )
        )
    if "maxItems" in node and len(value) > node["maxItems"]:
        walk.errors.append(
            (path, f"Too many: {len(value)}: must have at most {node['maxItems']} items")
        )
    items = node.get("items")
    if isinstance(items, dict):
        for index, item in enumerate(value):
            _check(walk, items, item, f"{path}[{index}]")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def validate(
    rtype: ResourceType, obj: dict[str, Any], *, field_validation: str = "Strict"
) -> list[str]:
    """Validate (and default, and prune unknown fields of) `obj` in place against its schema.

    Returns the unknown field paths that were dropped (for warnings). Raises Invalid naming
    the first bad field; with field_validation "Strict" unknown fields are errors too.
    """
    schema = schema_for(rtype)
    errors = metadata_errors(obj, rtype)
    walk = _Walk(schema or Schema({}, {}), prune=field_validation != "Strict")
    if schema is not None:
        _check(walk, schema.root, obj, "")
    errors += [(p, m) for p, m in walk.errors if not p.startswith("metadata.")]
    if field_validation == "Strict":
        errors += [
            (p, f'unknown field "{p}"') for p in walk.unknown if not p.startswith("metadata.")
        ]
    if errors:
        name = (obj.get("metadata") or {}).get("name", "")
        raise Invalid(errors[0][0], errors[0][1], rtype=rtype, name=name, causes=errors)
    return walk.unknown
