"""The manifest each target cluster's Work would hold: replicas revised, then overrides applied.

Follows the binding controller's `prepareWorkTask`: `ReviseReplica` with the cluster's share for
workloads, Job completions divided for Divided placements, then `apply_overrides` last.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from karmada_semantics.interpreter import job_completions, prune, revise_replicas
from karmada_semantics.overrides import OverrideResult, apply_overrides
from karmada_semantics.overrides.policies import (
    admitted_cluster,
    namespaced_candidates,
    ordered_policies,
)
from karmada_semantics.scheduling import TargetCluster
from karmada_semantics.selectors import cluster_matches

from .manifests import DiffCache


@dataclass(frozen=True)
class ClusterPreview:
    """One target cluster: its replicas, the final manifest and its diff against the template.

    `manifest` is None (and `error` says why) when Karmada would create no Work there;
    `suspended` means the Work is written but not dispatched to the member (policy suspension).
    """

    name: str
    replicas: int
    manifest: dict[str, Any] | None
    diff: str
    applied_cluster_overrides: list[dict[str, Any]] = field(default_factory=list)
    applied_overrides: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    suspended: bool = False


def dispatch_suspended(suspension: Mapping[str, Any] | None, cluster: str) -> bool:
    """`shouldSuspendDispatching`: all clusters, or the ones listed in dispatchingOnClusters."""
    suspension = suspension or {}
    if suspension.get("dispatching"):
        return True
    return cluster in ((suspension.get("dispatchingOnClusters") or {}).get("clusterNames") or [])


class OverrideSet:
    """The stored override policies, applied per cluster with results shared between clusters.

    Only the policies selecting the template are kept, and clusters that every rule target
    matches alike get the same result, so 100 clusters cost a few `apply_overrides` calls.
    """

    def __init__(
        self,
        template: Mapping[str, Any],
        override_policies: Sequence[Mapping[str, Any]],
        cluster_override_policies: Sequence[Mapping[str, Any]],
    ) -> None:
        resource = dict(template)
        self.cluster_override_policies = ordered_policies(
            resource, [dict(p) for p in cluster_override_policies]
        )
        self.override_policies = ordered_policies(
            resource, namespaced_candidates(resource, [dict(p) for p in override_policies])
        )
        self._targets = [
            target
            for policy in (*self.cluster_override_policies, *self.override_policies)
            for target in _rule_targets(policy)
        ]
        self._results: dict[tuple[Any, ...], OverrideResult] = {}

    def apply(
        self, manifest: dict[str, Any], cluster: Mapping[str, Any], variant: Hashable
    ) -> OverrideResult:
        """`apply_overrides` for `manifest` (one of the template's `variant`s) in `cluster`,
        pruned as the Work webhook does."""
        admitted = admitted_cluster(dict(cluster))
        key = (variant, *(cluster_matches(admitted, target) for target in self._targets))
        if key not in self._results:
            result = apply_overrides(
                manifest, dict(cluster), self.override_policies, self.cluster_override_policies
            )
            if result.manifest is not None:
                result = replace(result, manifest=prune(result.manifest))
            self._results[key] = result
        return self._results[key]


def _rule_targets(policy: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Every targetCluster a policy's rules (or its legacy single rule) name."""
    spec = policy.get("spec") or {}
    rules = [spec, *(spec.get("overrideRules") or [])]
    return [rule["targetCluster"] for rule in rules if rule.get("targetCluster") is not None]


def is_divided(placement: Mapping[str, Any]) -> bool:
    """`placement.ReplicaSchedulingType() == Divided` (absent replicaScheduling is Duplicated)."""
    scheduling = placement.get("replicaScheduling") or {}
    return bool(scheduling.get("replicaSchedulingType") == "Divided")


def render_clusters(
    base: dict[str, Any],
    targets: Sequence[TargetCluster],
    *,
    binding_replicas: int,
    divided: bool,
    clusters: Mapping[str, Mapping[str, Any]],
    overrides: OverrideSet,
    diffs: DiffCache,
    suspension: Mapping[str, Any] | None = None,
) -> list[ClusterPreview]:
    """Per target cluster, the Work manifest built from the pruned template `base`."""
    completions = job_completions(base, targets) if binding_replicas > 0 and divided else None
    variants: dict[tuple[int, int | None], dict[str, Any]] = {}
    previews = []
    for target in targets:
        share = completions[target.name] if completions is not None else None
        variant = (target.replicas if binding_replicas > 0 else 0, share)
        if variant not in variants:
            variants[variant] = _revised(base, binding_replicas, target.replicas, share)
        cluster = clusters.get(target.name)
        if cluster is None:
            error = f"cluster {target.name} is not among the instance's clusters"
            previews.append(ClusterPreview(target.name, target.replicas, None, "", error=error))
            continue
        result = overrides.apply(variants[variant], cluster, variant)
        suspended = dispatch_suspended(suspension, target.name)
        previews.append(_preview(target, result, diffs, _title(base), suspended))
    return previews


def _revised(
    base: dict[str, Any], binding_replicas: int, replicas: int, completions: int | None
) -> dict[str, Any]:
    """`ReviseReplica` for workloads, then the Job's share of completions."""
    manifest = revise_replicas(base, replicas) if binding_replicas > 0 else base
    if completions is not None:
        manifest = {**manifest, "spec": {**manifest["spec"], "completions": completions}}
    return manifest


def _preview(
    target: TargetCluster, result: OverrideResult, diffs: DiffCache, title: str, suspended: bool
) -> ClusterPreview:
    if result.manifest is None:
        error = result.admission_denied or result.error
        return ClusterPreview(target.name, target.replicas, None, "", error=error)
    return ClusterPreview(
        name=target.name,
        replicas=target.replicas,
        manifest=result.manifest,
        diff=diffs.diff(result.manifest, f"{target.name}/{title}"),
        applied_cluster_overrides=result.applied_cluster_overrides,
        applied_overrides=result.applied_overrides,
        suspended=suspended,
    )


def _title(manifest: Mapping[str, Any]) -> str:
    meta = manifest.get("metadata") or {}
    return f"{manifest.get('kind', '')}/{meta.get('name', '')}"
