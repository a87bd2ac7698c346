"""Propagation and override policies, namespaced and cluster-wide (policy.karmada.io)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from karmada_gateway.models.base import KarmadaObject, Raw, items, mapping, meta_fields


@dataclass(frozen=True)
class PropagationPolicy(KarmadaObject):
    """A PropagationPolicy, or a ClusterPropagationPolicy (then `namespace` is None)."""

    priority: int
    preemption: str
    resource_selectors: tuple[dict[str, Any], ...]
    placement: dict[str, Any]
    cluster_names: tuple[str, ...]
    conflict_resolution: str

    @classmethod
    def from_raw(cls, raw: Raw) -> PropagationPolicy:
        """Build from a (Cluster)PropagationPolicy object dict."""
        spec = mapping(raw.get("spec"))
        placement = mapping(spec.get("placement"))
        affinity = mapping(placement.get("clusterAffinity"))
        priority = spec.get("priority")
        return cls(
            **meta_fields(raw),
            priority=priority if isinstance(priority, int) else 0,
            preemption=str(spec.get("preemption", "Never")),
            resource_selectors=tuple(mapping(s) for s in items(spec.get("resourceSelectors"))),
            placement=placement,
            cluster_names=tuple(str(n) for n in items(affinity.get("clusterNames"))),
            conflict_resolution=str(spec.get("conflictResolution", "Abort")),
        )


@dataclass(frozen=True)
class OverridePolicy(KarmadaObject):
    """An OverridePolicy, or a ClusterOverridePolicy (then `namespace` is None)."""

    resource_selectors: tuple[dict[str, Any], ...]
    override_rules: tuple[dict[str, Any], ...]
    target_cluster_names: tuple[str, ...]

    @classmethod
    def from_raw(cls, raw: Raw) -> OverridePolicy:
        """Build from a (Cluster)OverridePolicy object dict."""
        spec = mapping(raw.get("spec"))
        rules = tuple(mapping(r) for r in items(spec.get("overrideRules")))
        names: list[str] = []
        for rule in rules:
            for name in items(mapping(rule.get("targetCluster")).get("clusterNames")):
                if str(name) not in names:
                    names.append(str(name))
        return cls(
            **meta_fields(raw),
            resource_selectors=tuple(mapping(s) for s in items(spec.get("resourceSelectors"))),
            override_rules=rules,
            target_cluster_names=tuple(names),
        )
