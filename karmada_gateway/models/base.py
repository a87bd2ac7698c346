"""Frozen results shared by every kind: object metadata, list pages and watch events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

Raw = dict[str, Any]


def mapping(value: Any) -> dict[str, Any]:
    """`value` when it is a dict, else an empty dict (tolerates missing or null fields)."""
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[Any]:
    """`value` when it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def string_map(value: Any) -> dict[str, str]:
    """A label/annotation map with string keys and values."""
    return {str(k): str(v) for k, v in mapping(value).items()}


def condition_status(raw: Mapping[str, Any], condition_type: str) -> bool | None:
    """True/False for a status condition, None when it is Unknown or absent."""
    cond = find_condition(raw, condition_type)
    status = cond.get("status") if cond else None
    return {"True": True, "False": False}.get(str(status))


def find_condition(raw: Mapping[str, Any], condition_type: str) -> dict[str, Any] | None:
    """The status condition of `condition_type`, if the object has one."""
    for cond in items(mapping(raw.get("status")).get("conditions")):
        if isinstance(cond, dict) and cond.get("type") == condition_type:
            return cond
    return None


def meta_fields(raw: Raw) -> dict[str, Any]:
    """The KarmadaObject fields read from `raw["metadata"]`."""
    meta = mapping(raw.get("metadata"))
    generation = meta.get("generation")
    return {
        "name": str(meta.get("name", "")),
        "namespace": meta.get("namespace") or None,
        "uid": str(meta.get("uid", "")),
        "resource_version": str(meta.get("resourceVersion", "")),
        "generation": generation if isinstance(generation, int) else 0,
        "labels": string_map(meta.get("labels")),
        "annotations": string_map(meta.get("annotations")),
        "deleting": bool(meta.get("deletionTimestamp")),
        "raw": raw,
    }


@dataclass(frozen=True)
class KarmadaObject:
    """Any API object: the metadata the console needs, plus the full `raw` dict for YAML views."""

    name: str
    namespace: str | None
    uid: str
    resource_version: str
    generation: int
    labels: dict[str, str]
    annotations: dict[str, str]
    deleting: bool
    raw: Raw

    @classmethod
    def from_raw(cls, raw: Raw) -> KarmadaObject:
        """Build from an API object dict."""
        return cls(**meta_fields(raw))


@dataclass(frozen=True)
class ResourceObject(KarmadaObject):
    """A resource template or member object of any kind (Deployment, ConfigMap...)."""

    api_version: str
    kind: str

    @classmethod
    def from_raw(cls, raw: Raw) -> ResourceObject:
        """Build from an API object dict."""
        return cls(
            **meta_fields(raw),
            api_version=str(raw.get("apiVersion", "")),
            kind=str(raw.get("kind", "")),
        )


T = TypeVar("T", bound=KarmadaObject)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, the token for the next page ("" at the end), and the
    list's resourceVersion (watch from it to see every later change)."""

    items: tuple[T, ...]
    continue_token: str
    resource_version: str
    remaining_item_count: int | None = None


@dataclass(frozen=True)
class WatchEvent:
    """One watch event: ADDED, MODIFIED, DELETED or BOOKMARK, with the object after the change."""

    type: str
    object: KarmadaObject
    resource_version: str
