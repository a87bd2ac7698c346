"""Component schemas for the OpenAPI v3 documents, converted from the validation schemas.

References of the three schema sources are rewritten to `#/components/schemas/<name>`,
`["string", "null"]` types become `type: string, nullable: true`, and every definition a
kind refers to is carried along, so `kubectl explain` can walk the whole tree.
"""

from __future__ import annotations

from typing import Any

from karmada_sandbox.api.schemas import Schema, schema_for
from karmada_sandbox.registry import ResourceType

_DROPPED = ("$schema", "$id")


def _convert(node: Any, refs: set[str]) -> Any:
    if isinstance(node, list):
        return [_convert(item, refs) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED:
            continue
        if key == "$ref" and isinstance(value, str):
            name = value.rsplit("/", 1)[-1]
            refs.add(name)
            out[key] = f"#/components/schemas/{name}"
        elif key == "type" and isinstance(value, list):
            types = [t for t in value if t != "null"]
            if len(types) == 1:
                out["type"] = types[0]
            elif types:
                out["type"] = types
            if "null" in value:
                out["nullable"] = True
        else:
            out[key] = _convert(value, refs)
    return out


def _gvk(rtype: ResourceType) -> list[dict[str, str]]:
    return [{"group": rtype.group, "version": rtype.version, "kind": rtype.kind}]


def _minimal(rtype: ResourceType) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "apiVersion": {"type": "string"},
            "kind": {"type": "string"},
            "metadata": {"type": "object"},
            "spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
            "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
        },
    }


def _closure(schema: Schema, refs: set[str], out: dict[str, Any]) -> None:
    pending = list(refs)
    while pending:
        name = pending.pop()
        if name in out or name not in schema.definitions:
            continue
        found: set[str] = set()
        out[name] = _convert(schema.definitions[name], found)
        pending.extend(found - out.keys())


def components(rtype: ResourceType, root_name: str) -> dict[str, Any]:
    """The kind's root schema under `root_name` (tagged with its GVK) plus what it refers to."""
    schema = schema_for(rtype)
    refs: set[str] = set()
    root = _convert(schema.root, refs) if schema is not None else _minimal(rtype)
    root["x-kubernetes-group-version-kind"] = _gvk(rtype)
    out: dict[str, Any] = {root_name: root}
    if schema is not None:
        _closure(schema, refs, out)
    for name, definition in out.items():
        # A definition shared with the root kind (Deployment in _definitions.json) must not
        # carry a second GVK tag under another name, or clients see the kind twice.
        if name != root_name:
            definition.pop("x-kubernetes-group-version-kind", None)
    return out
