"""The manifest each target cluster's Work would hold: replicas revised, then overrides applied.

Follows the binding controller's `prepareWorkTask`: `ReviseReplica` with the cluster's share for
workloads, Job completions divided for Divided placements, then `apply_overrides` last.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from karmada_semantics.overrides import apply_overrides
from karmada_semantics.scheduling import TargetCluster

from .interpreter import job_completions, revise_replicas
from .manifests import DiffCache


@dataclass(frozen=True)
class ClusterPreview:
    """One target cluster: its replicas, the final manifest and its diff against the template.

    `manifest` is None (and `error` says why) when Karmada would create no Work there.
    """

    name: str
    replicas: int
    manifest: dict[str, Any] | None
    diff: str
    applied_cluster_overrides: list[dict[str, Any]] = field(default_factory=list)
    applied_overrides: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class OverrideSet:
    """The stored OverridePolicies and ClusterOverridePolicies the preview applies."""

    override_policies: list[dict[str, Any]]
    cluster_override_policies: list[dict[str, Any]]


def is_divided(placement: Mapping[str, Any]) -> bool:
    """`placement.ReplicaSchedulingType() == Divided` (absent replicaScheduling is Duplicated)."""
    scheduling = placement.get("replicaScheduling")
    return bool(scheduling) and scheduling.get("replicaSchedulingType") == "Divided"


def render_clusters(
    base: dict[str, Any],
    targets: Sequence[TargetCluster],
    *,
    binding_replicas: int,
    divided: bool,
    clusters: Mapping[str, Mapping[str, Any]],
    overrides: OverrideSet,
    diffs: DiffCache,
) -> list[ClusterPreview]:
    """Per target cluster, the Work manifest built from the cleaned template `base`."""
    completions = job_completions(base, targets) if binding_replicas > 0 and divided else None
    previews = []
    for target in targets:
        manifest = base
        if binding_replicas > 0:
            manifest = revise_replicas(manifest, target.replicas)
        if completions is not None:
            share = completions[target.name]
            manifest = {**manifest, "spec": {**manifest["spec"], "completions": share}}
        previews.append(_render(manifest, target, clusters.get(target.name), overrides, diffs))
    return previews


def _render(
    manifest: dict[str, Any],
    target: TargetCluster,
    cluster: Mapping[str, Any] | None,
    overrides: OverrideSet,
    diffs: DiffCache,
) -> ClusterPreview:
    if cluster is None:
        error = f"cluster {target.name} is not among the instance's clusters"
        return ClusterPreview(target.name, target.replicas, None, "", error=error)
    result = apply_overrides(
        manifest, dict(cluster), overrides.override_policies, overrides.cluster_override_policies
    )
    if result.manifest is None:
        error = result.admission_denied or result.error
        return ClusterPreview(target.name, target.replicas, None, "", error=error)
    return ClusterPreview(
        name=target.name,
        replicas=target.replicas,
        manifest=result.manifest,
        diff=diffs.diff(result.manifest, f"{target.name}/{_title(manifest)}"),
        applied_cluster_overrides=result.applied_cluster_overrides,
        applied_overrides=result.applied_overrides,
    )


def _title(manifest: Mapping[str, Any]) -> str:
    meta = manifest.get("metadata") or {}
    return f"{manifest.get('kind', '')}/{meta.get('name', '')}"
