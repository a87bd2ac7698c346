"""The scheduler's inputs and outputs as small frozen dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

Cluster = Mapping[str, Any]
Placement = Mapping[str, Any]


@dataclass(frozen=True)
class TargetCluster:
    """One entry of a binding's `spec.clusters`."""

    name: str
    replicas: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The vector / API shape `{"name": ..., "replicas": ...}`."""
        return {"name": self.name, "replicas": self.replicas}


@dataclass(frozen=True)
class Binding:
    """What Karmada's scheduler reads from a ResourceBinding."""

    api_version: str
    kind: str
    uid: str
    replicas: int
    requests: Mapping[str, int] | None  # billionths of a unit
    placement: Placement
    clusters: tuple[TargetCluster, ...] = ()
    reschedule_triggered: bool = False
    evicting_clusters: frozenset[str] = field(default_factory=frozenset)

    @cached_property
    def _assigned(self) -> dict[str, int]:
        assigned: dict[str, int] = {}
        for target in self.clusters:
            assigned[target.name] = assigned.get(target.name, 0) + target.replicas
        return assigned

    def target_contains(self, name: str) -> bool:
        """`ResourceBindingSpec.TargetContains`: the cluster is listed in spec.clusters."""
        return name in self._assigned

    def assigned_to(self, name: str) -> int:
        """`AssignedReplicasForCluster`: replicas spec.clusters gives this cluster."""
        return self._assigned.get(name, 0)

    @property
    def is_workload(self) -> bool:
        """Replica assignment runs for workloads: replicas or per-replica requests present."""
        return self.replicas > 0 or self.requests is not None


def cluster_name(cluster: Cluster) -> str:
    """`metadata.name` of a Cluster object."""
    return str((cluster.get("metadata") or {}).get("name", ""))


def is_deleting(cluster: Cluster) -> bool:
    """The cluster has a deletionTimestamp."""
    return bool((cluster.get("metadata") or {}).get("deletionTimestamp"))
