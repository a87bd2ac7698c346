"""Kubernetes Events as Karmada's controllers record them, aggregated by object and message.

Events are written only when a controller changed something, so a quiet sandbox stays quiet.
Repeats of the same (object, type, reason, message) bump `count` and `lastTimestamp`.
"""

from __future__ import annotations

import itertools
from typing import Any

from karmada_sandbox.controllers.base import Context, get

_SEQUENCE = itertools.count(1)


def reference(obj: dict) -> dict[str, Any]:
    """The involvedObject reference of a stored object."""
    meta = obj["metadata"]
    ref = {
        "apiVersion": obj["apiVersion"],
        "kind": obj["kind"],
        "name": meta["name"],
        "uid": meta.get("uid", ""),
    }
    if meta.get("namespace"):
        ref["namespace"] = meta["namespace"]
    if meta.get("resourceVersion"):
        ref["resourceVersion"] = meta["resourceVersion"]
    return ref


def template_reference(binding: dict) -> dict[str, Any]:
    """The involvedObject reference of a binding's resource template."""
    resource = binding["spec"]["resource"]
    ref = {k: resource[k] for k in ("apiVersion", "kind", "name", "uid") if k in resource}
    if resource.get("namespace"):
        ref["namespace"] = resource["namespace"]
    return ref


def record(
    ctx: Context, ref: dict[str, Any], etype: str, reason: str, message: str, component: str
) -> None:
    """Create an Event about `ref`, or count a repeat of the same one."""
    etype_ = ctx.types.template("v1", "Event")
    namespace = ref.get("namespace") or "default"
    memo = ("event", ref.get("uid"), etype, reason, message)
    stamp = ctx.stamp()
    name = ctx.memory.get(memo)
    existing = get(ctx.control_plane, etype_, namespace, name) if name else None
    if existing is not None:
        existing["count"] = int(existing.get("count") or 1) + 1
        existing["lastTimestamp"] = stamp
        ctx.control_plane.update(etype_, existing)
        return
    name = f"{ref['name']}.{0x180000000000000 + next(_SEQUENCE):x}"
    ctx.memory[memo] = name
    ctx.control_plane.create(
        etype_,
        {
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": name, "namespace": namespace},
            "involvedObject": ref,
            "reason": reason,
            "message": message,
            "type": etype,
            "count": 1,
            "firstTimestamp": stamp,
            "lastTimestamp": stamp,
            "source": {"component": component},
            "reportingComponent": component,
            "reportingInstance": "",
        },
    )


def record_for_binding(
    ctx: Context, binding: dict, etype: str, reason: str, message: str, component: str
) -> None:
    """Record the same Event on a binding and on its resource template, as Karmada does."""
    record(ctx, reference(binding), etype, reason, message, component)
    record(ctx, template_reference(binding), etype, reason, message, component)
