"""Which policy claims the template once the draft is stored, and why.

The draft replaces any stored policy with the same kind, namespace and name; the decision is the
detector's `select_policy` on that set (a fresh match, as after the draft is applied).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from karmada_semantics.detector import PolicyRef, Rejection, select_policy
from karmada_semantics.detector.keys import (
    CPP_KIND,
    CPP_NAME_ANNOTATION,
    PP_KIND,
    PP_NAME_ANNOTATION,
    PP_NAMESPACE_ANNOTATION,
)

Policy = Mapping[str, Any]


@dataclass(frozen=True)
class Claim:
    """The claiming policy (None when nothing selects the template) and the detector's reasons."""

    policy: Policy | None
    ref: PolicyRef | None
    by_draft: bool
    explanation: str
    explicit_priority: int | None = None
    implicit_priority: str | None = None
    rejected: tuple[Rejection, ...] = field(default_factory=tuple)
    current_claim: PolicyRef | None = None


def policy_ref(policy: Policy, default_kind: str = PP_KIND) -> PolicyRef:
    """The policy's reference, its kind defaulting to `default_kind`."""
    return PolicyRef.of({**policy, "kind": policy.get("kind") or default_kind})


def current_claim(template: Mapping[str, Any]) -> PolicyRef | None:
    """The claim the template already carries (its claim annotations), if any."""
    annotations = (template.get("metadata") or {}).get("annotations") or {}
    if annotations.get(PP_NAME_ANNOTATION):
        namespace = annotations.get(PP_NAMESPACE_ANNOTATION, "")
        return PolicyRef(PP_KIND, namespace, annotations[PP_NAME_ANNOTATION])
    if annotations.get(CPP_NAME_ANNOTATION):
        return PolicyRef(CPP_KIND, "", annotations[CPP_NAME_ANNOTATION])
    return None


def replaced(policies: Sequence[Policy], draft: Policy, kind: str) -> list[Policy]:
    """`policies` of `kind` with the draft in place of its stored version (or added)."""
    draft_ref = policy_ref(draft)
    kept = [p for p in policies if policy_ref(p, kind) != draft_ref]
    return [*kept, draft] if draft_ref.kind == kind else kept


def decide_claim(
    template: Mapping[str, Any],
    draft: Policy,
    propagation_policies: Sequence[Policy],
    cluster_propagation_policies: Sequence[Policy],
) -> Claim:
    """The policy that claims `template` with the draft stored, and the detector's explanation."""
    match = select_policy(
        template,
        replaced(propagation_policies, draft, PP_KIND),
        replaced(cluster_propagation_policies, draft, CPP_KIND),
    )
    claimed_now = current_claim(template)
    if match is None:
        return Claim(
            None,
            None,
            False,
            "No PropagationPolicy or ClusterPropagationPolicy selects it.",
            current_claim=claimed_now,
        )
    explanation = match.explain()
    if claimed_now is not None and claimed_now != match.ref:
        explanation += (
            f"\nNote: {claimed_now} claims it now; Karmada keeps that claim until that policy is "
            "deleted or stops selecting it (or is preempted); this is the fresh-match outcome."
        )
    return Claim(
        policy=match.policy,
        ref=match.ref,
        by_draft=match.ref == policy_ref(draft),
        explanation=explanation,
        explicit_priority=match.explicit_priority,
        implicit_priority=match.implicit_priority.name.lower(),
        rejected=tuple(match.rejected),
        current_claim=claimed_now,
    )
