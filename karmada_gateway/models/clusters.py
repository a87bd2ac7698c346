"""Cluster (cluster.karmada.io/v1alpha1): ready state, placement facts and taints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from karmada_gateway.models.base import (
    KarmadaObject,
    Raw,
    condition_status,
    find_condition,
    items,
    mapping,
    meta_fields,
)


@dataclass(frozen=True)
class Taint:
    """A cluster taint (`effect` is NoSchedule, PreferNoSchedule or NoExecute)."""

    key: str
    value: str
    effect: str

    @classmethod
    def from_raw(cls, raw: Any) -> Taint:
        """Build from one `spec.taints[]` entry."""
        taint = mapping(raw)
        return cls(
            str(taint.get("key", "")), str(taint.get("value", "")), str(taint.get("effect", ""))
        )


@dataclass(frozen=True)
class Cluster(KarmadaObject):
    """A member cluster; `ready` (and `api_list_complete`) are None when Unknown or missing."""

    ready: bool | None
    ready_reason: str
    ready_message: str
    sync_mode: str
    provider: str
    region: str
    zones: tuple[str, ...]
    taints: tuple[Taint, ...]
    api_endpoint: str
    kubernetes_version: str
    nodes_total: int
    nodes_ready: int
    api_list_complete: bool | None

    @classmethod
    def from_raw(cls, raw: Raw) -> Cluster:
        """Build from a Cluster object dict."""
        spec, status = mapping(raw.get("spec")), mapping(raw.get("status"))
        ready = find_condition(raw, "Ready") or {}
        nodes = mapping(status.get("nodeSummary"))
        zones = [str(z) for z in items(spec.get("zones"))] or (
            [str(spec["zone"])] if spec.get("zone") else []
        )
        return cls(
            **meta_fields(raw),
            ready=condition_status(raw, "Ready"),
            ready_reason=str(ready.get("reason", "")),
            ready_message=str(ready.get("message", "")),
            sync_mode=str(spec.get("syncMode", "")),
            provider=str(spec.get("provider", "")),
            region=str(spec.get("region", "")),
            zones=tuple(zones),
            taints=tuple(Taint.from_raw(t) for t in items(spec.get("taints"))),
            api_endpoint=str(spec.get("apiEndpoint", "")),
            kubernetes_version=str(status.get("kubernetesVersion", "")),
            nodes_total=_count(nodes.get("totalNum")),
            nodes_ready=_count(nodes.get("readyNum")),
            api_list_complete=condition_status(raw, "CompleteAPIEnablements"),
        )


def _count(value: Any) -> int:
    return value if isinstance(value, int) else 0
