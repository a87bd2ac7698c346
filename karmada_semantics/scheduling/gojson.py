"""`encoding/json` output of Karmada's placement types, for webhook messages.

Go marshals struct fields in declaration order and drops `omitempty` zero values, so the
values quoted in admission messages need the Go field order of each type.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

# (json name, type, omitempty). Types: "string", "int", "map", "T" (struct), "T*" (pointer),
# "[T]" (slice).
_AFFINITY = [
    ("labelSelector", "LabelSelector*", True),
    ("fieldSelector", "FieldSelector*", True),
    ("clusterNames", "[string]", True),
    ("exclude", "[string]", True),
]
_REQUIREMENT = [
    ("key", "string", False),
    ("operator", "string", False),
    ("values", "[string]", True),
]
SCHEMA: dict[str, list[tuple[str, str, bool]]] = {
    "Placement": [
        ("clusterAffinity", "ClusterAffinity*", True),
        ("clusterAffinities", "[ClusterAffinityTerm]", True),
        ("clusterTolerations", "[Toleration]", True),
        ("spreadConstraints", "[SpreadConstraint]", True),
        ("replicaScheduling", "ReplicaSchedulingStrategy*", True),
        ("workloadAffinity", "WorkloadAffinity*", True),
    ],
    "ClusterAffinity": _AFFINITY,
    "ClusterAffinityTerm": [
        ("affinityName", "string", False),
        *_AFFINITY,
        ("overflowAffinities", "[OverflowClusterAffinity]", True),
    ],
    "OverflowClusterAffinity": [("affinityName", "string", False), *_AFFINITY],
    "LabelSelector": [
        ("matchLabels", "map", True),
        ("matchExpressions", "[LabelSelectorRequirement]", True),
    ],
    "LabelSelectorRequirement": _REQUIREMENT,
    "FieldSelector": [("matchExpressions", "[NodeSelectorRequirement]", True)],
    "NodeSelectorRequirement": _REQUIREMENT,
    "Toleration": [
        ("key", "string", True),
        ("operator", "string", True),
        ("value", "string", True),
        ("effect", "string", True),
        ("tolerationSeconds", "int*", True),
    ],
    "SpreadConstraint": [
        ("spreadByField", "string", True),
        ("spreadByLabel", "string", True),
        ("maxGroups", "int", True),
        ("minGroups", "int", True),
    ],
    "ReplicaSchedulingStrategy": [
        ("replicaSchedulingType", "string", True),
        ("replicaDivisionPreference", "string", True),
        ("weightPreference", "ClusterPreferences*", True),
    ],
    "ClusterPreferences": [
        ("staticWeightList", "[StaticClusterWeight]", True),
        ("dynamicWeight", "string", True),
    ],
    "StaticClusterWeight": [("targetCluster", "ClusterAffinity", False), ("weight", "int", False)],
    "WorkloadAffinity": [
        ("affinity", "WorkloadAffinityTerm*", True),
        ("antiAffinity", "WorkloadAffinityTerm*", True),
    ],
    "WorkloadAffinityTerm": [("groupByLabelKey", "string", False)],
}
_ZERO: dict[str, Any] = {"string": "", "int": 0}


def _string(text: str) -> str:
    encoded = json.dumps(text, ensure_ascii=False)
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _is_empty(value: Any, kind: str) -> bool:
    if value is None:
        return True
    if kind.endswith("*"):
        return False
    if kind.startswith("[") or kind == "map":
        return len(value) == 0
    return bool(kind in _ZERO and value == _ZERO[kind])


def _zero(kind: str) -> Any:
    if kind.startswith("[") or kind.endswith("*"):
        return None
    if kind == "map":
        return None
    return _ZERO.get(kind, {})


def encode(value: Any, kind: str) -> str:
    """JSON text of `value` as Go would marshal a value of Karmada type `kind`."""
    if value is None:
        return "null"
    if kind.endswith("*"):
        return encode(value, kind[:-1])
    if kind.startswith("["):
        return "[" + ",".join(encode(item, kind[1:-1]) for item in value) + "]"
    if kind == "string":
        return _string(str(value))
    if kind == "int":
        return str(int(value))
    if kind == "map":
        items = sorted((value or {}).items())
        return "{" + ",".join(f"{_string(k)}:{_string(str(v))}" for k, v in items) + "}"
    return _struct(value, SCHEMA[kind])


def _struct(value: Mapping[str, Any], fields: Sequence[tuple[str, str, bool]]) -> str:
    parts = []
    for name, kind, omitempty in fields:
        item = value.get(name, _zero(kind))
        if omitempty and _is_empty(item, kind):
            continue
        parts.append(f"{_string(name)}:{encode(item, kind)}")
    return "{" + ",".join(parts) + "}"
