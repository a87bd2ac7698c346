"""`meta.k8s.io/v1` Table answers for `kubectl get` (server-side printing)."""

from __future__ import annotations

import calendar
import time
from typing import Any

from karmada_sandbox.api.builtin_columns import BUILTIN_COLUMNS
from karmada_sandbox.api.jsonpath import find
from karmada_sandbox.api.messages import ApiRequest, ApiResponse, json_response
from karmada_sandbox.registry import ResourceType
from karmada_sandbox.store import dumps

_NAME_DESCRIPTION = "Name must be unique within a namespace."


def human_duration(seconds: float) -> str:
    """Kubernetes' short age format: 45s, 5m30s, 3h, 2d4h, 400d, 3y20d."""
    s = int(seconds)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 120:
        return f"{s}s"
    m, h = s // 60, s // 3600
    if m < 10:
        return f"{m}m" if s % 60 == 0 else f"{m}m{s % 60}s"
    if m < 180:
        return f"{m}m"
    if h < 8:
        return f"{h}h" if m % 60 == 0 else f"{h}h{m % 60}m"
    if h < 48:
        return f"{h}h"
    if h < 24 * 8:
        return f"{h // 24}d" if h % 24 == 0 else f"{h // 24}d{h % 24}h"
    if h < 24 * 365 * 2:
        return f"{h // 24}d"
    years, days = h // (24 * 365), (h // 24) % 365
    if h < 24 * 365 * 8 and days:
        return f"{years}y{days}d"
    return f"{years}y"


def age(timestamp: Any) -> str:
    """The age of an RFC 3339 timestamp, or <unknown>."""
    if not isinstance(timestamp, str) or not timestamp:
        return "<unknown>"
    try:
        then = calendar.timegm(time.strptime(timestamp[:19], "%Y-%m-%dT%H:%M:%S"))
    except ValueError:
        return "<unknown>"
    return human_duration(time.time() - then)


def _definition(name: str, kind: str, priority: int, fmt: str = "") -> dict[str, Any]:
    return {"name": name, "type": kind, "format": fmt, "description": "", "priority": priority}


def _crd_cell(obj: dict[str, Any], kind: str, path: str, joined: bool) -> Any:
    """One printer-column cell; lists are JSON for CRDs and comma-joined for Cluster."""
    try:
        values = find(obj, path)
    except ValueError:
        return None
    if not values:
        return None
    value = values[0] if len(values) == 1 else ",".join(str(v) for v in values)
    if kind == "date":
        return age(value)
    if joined and isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ",".join(str(v) for v in value)
    if isinstance(value, (dict, list)):
        return dumps(value).decode()
    return value


def _event_columns() -> tuple[list[dict[str, Any]], Any]:
    """Events lead with when they were last seen and keep their name for `-o wide`."""
    specs = BUILTIN_COLUMNS["Event"]
    defs = [_definition("Last Seen", "string", 0)]
    defs += [_definition(n, t, p) for n, t, p, _ in specs]
    defs.append({**_definition("Name", "string", 1, "name"), "description": _NAME_DESCRIPTION})

    def event_cells(obj: dict[str, Any]) -> list[Any]:
        meta = obj.get("metadata") or {}
        seen = obj.get("lastTimestamp") or obj.get("eventTime") or meta.get("creationTimestamp")
        return [age(seen), *(f(obj) for *_, f in specs), meta.get("name", "")]

    return defs, event_cells


def _columns(rtype: ResourceType) -> tuple[list[dict[str, Any]], Any]:
    """Column definitions and a function from object to its cells."""
    name_col = {**_definition("Name", "string", 0, "name"), "description": _NAME_DESCRIPTION}
    if rtype.kind == "Event" and rtype.group == "":
        return _event_columns()
    if rtype.kind in BUILTIN_COLUMNS and not rtype.crd:
        specs = BUILTIN_COLUMNS[rtype.kind]
        defs = [name_col] + [_definition(n, t, p) for n, t, p, _ in specs]
        defs.append(_definition("Age", "string", 0))

        def builtin_cells(obj: dict[str, Any]) -> list[Any]:
            meta = obj.get("metadata") or {}
            return [
                meta.get("name", ""),
                *(f(obj) for *_, f in specs),
                age(meta.get("creationTimestamp")),
            ]

        return defs, builtin_cells
    printer = rtype.printer_columns or (("Age", "date", ".metadata.creationTimestamp", 0),)
    defs = [name_col] + [_definition(n, t, p) for n, t, _, p in printer]

    def crd_cells(obj: dict[str, Any]) -> list[Any]:
        name = (obj.get("metadata") or {}).get("name", "")
        return [name, *(_crd_cell(obj, t, path, not rtype.crd) for _, t, path, _ in printer)]

    return defs, crd_cells


def _row_object(obj: dict[str, Any], include: str) -> dict[str, Any] | None:
    if include == "None":
        return None
    if include == "Object":
        return obj
    return {
        "kind": "PartialObjectMetadata",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": obj.get("metadata") or {},
    }


def table(
    rtype: ResourceType,
    objects: list[dict[str, Any]],
    resource_version: str,
    include: str = "Metadata",
    list_meta: dict[str, Any] | None = None,
    headers: bool = True,
) -> dict[str, Any]:
    """A Table with one row per object."""
    defs, cells = _columns(rtype)
    rows = []
    for obj in objects:
        row: dict[str, Any] = {"cells": cells(obj)}
        if (embedded := _row_object(obj, include)) is not None:
            row["object"] = embedded
        rows.append(row)
    return {
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": list_meta or {"resourceVersion": resource_version},
        "columnDefinitions": defs if headers else [],
        "rows": rows,
    }


def table_response(
    rtype: ResourceType,
    objects: list[dict[str, Any]],
    resource_version: str,
    req: ApiRequest,
    *,
    list_meta: dict[str, Any] | None = None,
    single: bool = False,
) -> ApiResponse:
    """The Table answer for a list or (`single`) one object."""
    include = req.query.get("includeObject") or "Metadata"
    meta = list_meta or {"resourceVersion": resource_version}
    if single and objects:
        meta = {"resourceVersion": (objects[0].get("metadata") or {}).get("resourceVersion", "")}
    return json_response(table(rtype, objects, resource_version, include, meta))
