"""How the binding controller fits a template to one cluster's share of the replicas."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from karmada_semantics.scheduling import TargetCluster
from karmada_semantics.scheduling.webster import allocate

_REVISED_FIELD = {
    ("apps/v1", "Deployment"): "replicas",
    ("apps/v1", "StatefulSet"): "replicas",
    ("batch/v1", "Job"): "parallelism",
}


def revise_replicas(manifest: dict[str, Any], replicas: int) -> dict[str, Any]:
    """`ReviseReplica`: a copy with this cluster's share, where the template sets the field
    (`helper.ApplyReplica` leaves an absent field alone)."""
    field = _REVISED_FIELD.get((manifest.get("apiVersion", ""), manifest.get("kind", "")))
    spec = manifest.get("spec")
    if field is None or not isinstance(spec, dict) or not isinstance(spec.get(field), int):
        return manifest
    revised = copy.deepcopy(manifest)
    revised["spec"][field] = replicas
    return revised


def job_completions(
    template: Mapping[str, Any], targets: Sequence[TargetCluster]
) -> dict[str, int] | None:
    """`divideReplicasByJobCompletions`: a Job's completions spread by each cluster's share."""
    completions = (template.get("spec") or {}).get("completions")
    if template.get("kind") != "Job" or not isinstance(completions, int):
        return None
    votes = {t.name: t.replicas for t in targets}
    if sum(votes.values()) <= 0:
        return dict.fromkeys(votes, 0)
    uid = (template.get("metadata") or {}).get("uid") or ""
    return allocate(completions, votes, uid)
