"""The applied-overrides record Karmada writes on a Work, byte for byte.

Each applied rule is an `OverridePolicyShadow` {policyName, overriders}. Go's encoder writes
struct fields in declaration order, drops `omitempty` fields, sorts map keys, and writes raw
JSON values (plaintext and fieldOverrider values) as given. The annotation lists the entries
sorted by policy name with Go's `sort.Slice`, which is not stable beyond 12 entries.
"""

from __future__ import annotations

from typing import Any

from karmada_semantics.gosort import go_sort_slice

from .gojson import encode, encode_string

APPLIED_OVERRIDES = "policy.karmada.io/applied-overrides"
APPLIED_CLUSTER_OVERRIDES = "policy.karmada.io/applied-cluster-overrides"


def _fields(pairs: list[tuple[str, str | None]]) -> str:
    return "{" + ",".join(f"{encode_string(k)}:{v}" for k, v in pairs if v is not None) + "}"


def _string(value: Any) -> str:
    return encode_string(value if isinstance(value, str) else "")


def _raw(value: Any) -> str:
    return encode(value, raw_floats=True)


def _plaintext(entry: dict[str, Any]) -> str:
    return _fields(
        [
            ("path", _string(entry.get("path"))),
            ("operator", _string(entry.get("operator"))),
            ("value", _raw(entry.get("value"))),
        ]
    )


def _image(entry: dict[str, Any]) -> str:
    predicate = entry.get("predicate")
    return _fields(
        [
            (
                "predicate",
                None if predicate is None else _fields([("path", _string(predicate.get("path")))]),
            ),
            ("component", _string(entry.get("component"))),
            ("operator", _string(entry.get("operator"))),
            ("value", _string(entry["value"]) if entry.get("value") else None),
        ]
    )


def _command_args(entry: dict[str, Any]) -> str:
    values = entry.get("value") or []
    return _fields(
        [
            ("containerName", _string(entry.get("containerName"))),
            ("operator", _string(entry.get("operator"))),
            ("value", "[" + ",".join(_string(v) for v in values) + "]" if values else None),
        ]
    )


def _label_annotation(entry: dict[str, Any]) -> str:
    values = entry.get("value") or {}
    return _fields(
        [
            ("operator", _string(entry.get("operator"))),
            ("value", encode(values, sort_keys=True) if values else None),
        ]
    )


def _patch_operations(entries: list[dict[str, Any]] | None) -> str | None:
    if not entries:
        return None
    items = [
        _fields(
            [
                ("subPath", _string(e.get("subPath"))),
                ("operator", _string(e.get("operator"))),
                ("value", _raw(e.get("value"))),
            ]
        )
        for e in entries
    ]
    return "[" + ",".join(items) + "]"


def encode_field_overrider(entry: dict[str, Any]) -> str:
    """One `FieldOverrider` as Go's json.Marshal writes it."""
    return _fields(
        [
            ("fieldPath", _string(entry.get("fieldPath"))),
            ("json", _patch_operations(entry.get("json"))),
            ("yaml", _patch_operations(entry.get("yaml"))),
        ]
    )


_OVERRIDER_FIELDS = (
    ("plaintext", _plaintext),
    ("imageOverrider", _image),
    ("commandOverrider", _command_args),
    ("argsOverrider", _command_args),
    ("labelsOverrider", _label_annotation),
    ("annotationsOverrider", _label_annotation),
    ("fieldOverrider", encode_field_overrider),
)


def encode_overriders(overriders: dict[str, Any]) -> str:
    """`policyv1alpha1.Overriders` as Go's json.Marshal writes it."""
    pairs: list[tuple[str, str | None]] = []
    for name, encoder in _OVERRIDER_FIELDS:
        entries = overriders.get(name) or []
        pairs.append((name, "[" + ",".join(encoder(e) for e in entries) + "]" if entries else None))
    return _fields(pairs)


def encode_shadow(policy_name: str, overriders: dict[str, Any]) -> str:
    """One `OverridePolicyShadow`."""
    return _fields(
        [("policyName", encode_string(policy_name)), ("overriders", encode_overriders(overriders))]
    )


def go_sort_by_name(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`AscendOrder`: Go's (unstable) `sort.Slice` by policy name, swap for swap."""
    return go_sort_slice(entries, lambda left, right: left[0] < right[0])


def annotation_value(entries: list[tuple[str, str]]) -> str | None:
    """`AppliedOverrides.MarshalJSON`: entries (name, encoded shadow) sorted by name; None when
    empty (Karmada then writes no annotation)."""
    if not entries:
        return None
    return "[" + ",".join(shadow for _, shadow in go_sort_by_name(entries)) + "]"
