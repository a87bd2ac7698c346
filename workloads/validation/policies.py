"""`validate_policy` and `validate_override_policy`: schema, Karmada's webhooks, semantic checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import checks
from .admission import override_policy_problems, propagation_policy_problems
from .problems import Problem, as_warnings, unique
from .schemas import crd_problems

Object = Mapping[str, Any]


def validate_policy(
    policy: Object,
    *,
    clusters: Sequence[Object],
    other_policies: Sequence[Object],
    templates: Sequence[Object] | None = None,
) -> list[Problem]:
    """Problems of a PropagationPolicy / ClusterPropagationPolicy draft, each at its field;
    the semantic checks are warnings (Karmada accepts them).

    Schema problems come first and stop the rest (the webhook would never see the object).
    `templates` (the resources the policy could select) enables the selector and the concrete
    conflict checks; without them conflicts are judged from the selectors alone.
    """
    problems = crd_problems(policy)
    if problems:
        return problems
    problems = checks.metadata_problems(policy) + propagation_policy_problems(policy)
    # What follows Karmada accepts, so it warns rather than refuses.
    if templates is not None:
        problems += as_warnings(checks.selector_problems(policy, templates))
    problems += as_warnings(checks.unknown_cluster_problems(policy, clusters))
    problems += as_warnings(checks.empty_affinity_problems(policy, clusters))
    problems += as_warnings(checks.static_weight_problems(policy, clusters))
    problems += as_warnings(checks.conflict_problems(policy, other_policies, templates))
    return unique(problems)


def validate_override_policy(
    policy: Object,
    *,
    clusters: Sequence[Object],
    templates: Sequence[Object] | None = None,
) -> list[Problem]:
    """Problems of an OverridePolicy / ClusterOverridePolicy draft, each at its field."""
    problems = crd_problems(policy)
    if problems:
        return problems
    problems = checks.metadata_problems(policy) + override_policy_problems(policy)
    if templates is not None and (policy.get("spec") or {}).get("resourceSelectors"):
        problems += as_warnings(checks.selector_problems(policy, templates))
    problems += as_warnings(checks.unknown_cluster_problems(policy, clusters))
    problems += as_warnings(checks.empty_affinity_problems(policy, clusters))
    return unique(problems)
