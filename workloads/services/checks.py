"""Validation of a submitted manifest, its inputs read from the inventory in a fixed few queries."""

from __future__ import annotations

from typing import Any

from clusters.models import KarmadaInstance, MemberCluster
from workloads.models import Policy, PolicyKind, Workload
from workloads.preview.inventory import selector_filter
from workloads.validation import Problem, validate_override_policy, validate_policy
from workloads.validation.checks import metadata_problems
from workloads.validation.problems import unique
from workloads.validation.versions import control_plane_problems, member_warnings

from .manifests import Identity, Manifest

# Past this many candidates the selector checks are skipped rather than judged on a part.
CANDIDATE_TEMPLATES = 500
RIVAL_POLICIES = 500


def _clusters(instance: KarmadaInstance) -> list[dict[str, Any]]:
    return list(MemberCluster.objects.filter(instance=instance).values_list("raw", flat=True))


def candidate_templates(instance: KarmadaInstance, policy: Manifest) -> list[Any] | None:
    """Every template the policy's selectors could match; None when the inventory cannot say
    (a kind it does not mirror, or more than CANDIDATE_TEMPLATES candidates)."""
    narrowed = selector_filter(policy)
    if narrowed is None:
        return None
    rows = Workload.objects.filter(instance=instance).filter(narrowed)
    found = list(rows.values_list("raw", flat=True)[: CANDIDATE_TEMPLATES + 1])
    return found if len(found) <= CANDIDATE_TEMPLATES else None


def _rivals(instance: KarmadaInstance, policy: Manifest, target: Identity) -> list[Any]:
    """Stored policies of the same kind and scope, with the same priority when it is readable."""
    rows = Policy.objects.filter(instance=instance, kind=target.kind, namespace=target.namespace)
    priority = (policy.get("spec") or {}).get("priority", 0)
    if isinstance(priority, int):
        rows = rows.filter(priority=priority)
    rows = rows.exclude(name=target.name).values_list("raw", flat=True)
    return [{**raw, "kind": target.kind} for raw in rows[:RIVAL_POLICIES]]


def manifest_problems(
    instance: KarmadaInstance, manifest: Manifest, target: Identity
) -> list[Problem]:
    """Every problem of a template or policy manifest on `instance`, each at its field."""
    if not target.is_policy:
        namespaced = not target.cluster_scoped
        problems = control_plane_problems(manifest, instance.version)
        members = MemberCluster.objects.filter(instance=instance)
        warnings = member_warnings(
            manifest, members.values_list("name", "kubernetes_version"), problems
        )
        return unique(metadata_problems(manifest, namespaced=namespaced) + problems + warnings)
    clusters, templates = _clusters(instance), candidate_templates(instance, manifest)
    if target.kind in (PolicyKind.PROPAGATION, PolicyKind.CLUSTER_PROPAGATION):
        return validate_policy(
            manifest,
            clusters=clusters,
            other_policies=_rivals(instance, manifest, target),
            templates=templates,
        )
    return validate_override_policy(manifest, clusters=clusters, templates=templates)
