"""Columns extracted from a Cluster object at upsert time (pages read columns, not JSON)."""

from __future__ import annotations

import math
from typing import Any

from django.utils.dateparse import parse_datetime

from karmada_semantics.quantities import QuantityError, parse_quantity

from .models import ClusterState


def _amount(resources: dict[str, Any], name: str, scale: int = 1) -> int:
    """A resource quantity as a whole number of 1/scale units (rounded up), 0 when unknown."""
    value = resources.get(name)
    if value is None:
        return 0
    try:
        return math.ceil(parse_quantity(value) * scale)
    except QuantityError:
        return 0


def _ready_condition(status: dict[str, Any]) -> dict[str, Any]:
    for condition in status.get("conditions") or []:
        if condition.get("type") == "Ready":
            return condition
    return {}


def cluster_columns(raw: dict[str, Any]) -> dict[str, Any]:
    """The MemberCluster fields for a Cluster object."""
    meta, spec, status = raw.get("metadata", {}), raw.get("spec", {}), raw.get("status", {})
    ready = _ready_condition(status)
    state = {"True": ClusterState.READY, "False": ClusterState.NOT_READY}.get(
        ready.get("status"), ClusterState.UNKNOWN
    )
    summary = status.get("resourceSummary") or {}
    allocatable, allocated = summary.get("allocatable") or {}, summary.get("allocated") or {}
    nodes = status.get("nodeSummary") or {}
    return {
        "uid": meta.get("uid", ""),
        "resource_version": meta.get("resourceVersion", ""),
        "raw": raw,
        "state": state,
        "state_reason": ready.get("reason", "")[:200],
        "state_message": ready.get("message", ""),
        "state_since": parse_datetime(ready["lastTransitionTime"])
        if ready.get("lastTransitionTime")
        else None,
        "sync_mode": spec.get("syncMode", ""),
        "provider": spec.get("provider", ""),
        "region": spec.get("region", ""),
        "zones": spec.get("zones") or ([spec["zone"]] if spec.get("zone") else []),
        "kubernetes_version": status.get("kubernetesVersion", ""),
        "labels": meta.get("labels") or {},
        "taints": spec.get("taints") or [],
        "nodes_total": int(nodes.get("totalNum") or 0),
        "nodes_ready": int(nodes.get("readyNum") or 0),
        "cpu_allocatable_milli": _amount(allocatable, "cpu", 1000),
        "cpu_allocated_milli": _amount(allocated, "cpu", 1000),
        "memory_allocatable_bytes": _amount(allocatable, "memory"),
        "memory_allocated_bytes": _amount(allocated, "memory"),
        "pods_allocatable": _amount(allocatable, "pods"),
        "pods_allocated": _amount(allocated, "pods"),
        "deleting": bool(meta.get("deletionTimestamp")),
    }
