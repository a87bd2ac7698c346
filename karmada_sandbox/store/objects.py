"""Object encoding, watch events and the metadata rules the object store applies."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ujson

from karmada_sandbox.api.selectors import field_value
from karmada_sandbox.registry import ResourceType
from karmada_sandbox.store.errors import Invalid, conflict

Key = tuple[str, str]


def dumps(obj: Any) -> bytes:
    """Compact JSON bytes for an object."""
    return ujson.dumps(obj, ensure_ascii=False, escape_forward_slashes=False).encode()


def loads(raw: bytes | str) -> Any:
    """Parse JSON bytes (a fresh object every call)."""
    return ujson.loads(raw)


def now_rfc3339() -> str:
    """The current UTC time as Kubernetes writes timestamps."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass(frozen=True)
class WatchEvent:
    """One change: type ADDED/MODIFIED/DELETED, its resource type and a private copy."""

    type: str
    resource: ResourceType
    object: dict[str, Any]


@dataclass(frozen=True)
class RawEvent:
    """A history entry: the change's resourceVersion, type, resource, key, labels and JSON.

    `previous_labels` are the labels before a MODIFIED change (None for ADDED / DELETED).
    """

    rv: int
    type: str
    resource: ResourceType
    key: Key
    labels: dict[str, str]
    raw: bytes
    previous_labels: dict[str, str] | None = None


class Entry:
    """One stored object: its JSON plus the fields lists and watches filter on."""

    __slots__ = ("labels", "raw", "rv", "uid", "owners")

    def __init__(self, obj: dict[str, Any], raw: bytes) -> None:
        meta = obj["metadata"]
        self.raw = raw
        self.labels: dict[str, str] = meta.get("labels") or {}
        self.rv = int(meta["resourceVersion"])
        self.uid: str = meta["uid"]
        self.owners = tuple(r.get("uid", "") for r in meta.get("ownerReferences") or ())


def field_lookup(key: Key, entry: Entry) -> Callable[[str], str | None]:
    """A field-selector lookup for a stored object (parses its JSON only when needed)."""
    parsed: list[dict[str, Any]] = []

    def lookup(path: str) -> str | None:
        if path == "metadata.name":
            return key[1]
        if path == "metadata.namespace":
            return key[0]
        if not parsed:
            parsed.append(loads(entry.raw))
        return field_value(parsed[0], path)

    return lookup


def prepare_identity(rtype: ResourceType, obj: dict[str, Any], meta: dict[str, Any]) -> None:
    """Set apiVersion/kind and resolve generateName before a create. Raises Invalid."""
    obj["apiVersion"] = rtype.api_version
    obj["kind"] = rtype.kind
    if not meta.get("name") and meta.get("generateName"):
        meta["name"] = meta["generateName"] + secrets.token_hex(3)[:5]
    if not meta.get("name"):
        raise Invalid(
            "metadata.name", "Required value: name or generateName is required", rtype=rtype
        )
    if rtype.namespaced and not meta.get("namespace"):
        raise Invalid("metadata.namespace", "Required value", rtype=rtype, name=meta["name"])
    if not rtype.namespaced:
        meta.pop("namespace", None)


def check_preconditions(
    rtype: ResourceType, obj: dict[str, Any], preconditions: dict[str, Any]
) -> None:
    """Check DeleteOptions preconditions (uid, resourceVersion). Raises Conflict."""
    meta = obj["metadata"]
    uid, rv = preconditions.get("uid"), preconditions.get("resourceVersion")
    if (uid and uid != meta.get("uid")) or (rv and str(rv) != meta.get("resourceVersion")):
        raise conflict(rtype, meta.get("name", ""))


_SYSTEM_META = ("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds")


def merge_update(
    rtype: ResourceType,
    old: dict[str, Any],
    new: dict[str, Any],
    subresource: str | None,
    keep_status: bool,
) -> dict[str, Any]:
    """The object to store after an update: system fields kept, generation bumped on change."""
    if subresource == "status":
        merged = loads(dumps(old))
        if "status" in new:
            merged["status"] = new["status"]
        else:
            merged.pop("status", None)
        return merged
    new["apiVersion"], new["kind"] = rtype.api_version, rtype.kind
    meta, old_meta = new.setdefault("metadata", {}), old["metadata"]
    for field in (*_SYSTEM_META, "name", "namespace", "generation", "resourceVersion"):
        if field in old_meta:
            meta[field] = old_meta[field]
        else:
            meta.pop(field, None)
    if keep_status:
        if "status" in old:
            new["status"] = old["status"]
        else:
            new.pop("status", None)
    if _spec_part(new) != _spec_part(old):
        meta["generation"] = int(old_meta.get("generation") or 0) + 1
    return new


def _spec_part(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if k not in ("metadata", "status", "apiVersion", "kind")}
