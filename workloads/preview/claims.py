"""Which policy claims the template once the draft is stored, and why.

The draft replaces any stored policy with the same kind, namespace and name. A template nobody
claims yet is matched afresh (`select_policy`, with its explanation). A template that already
carries a claim goes through Karmada's detector (`Detector`): the claim is kept unless the draft
edits the claiming policy so that it no longer selects the template.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from karmada_semantics.detector import (
    AdmissionDenied,
    Detector,
    PolicyMatch,
    PolicyRef,
    Rejection,
    TemplateKey,
    select_policy,
)
from karmada_semantics.detector.claims import honoured_claim, remove_cpp_claim, remove_pp_claim
from karmada_semantics.detector.keys import CPP_KIND, PP_KIND

Policy = Mapping[str, Any]


@dataclass(frozen=True)
class Claim:
    """The claiming policy (None when nothing claims the template) and the detector's reasons."""

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


def replaced(policies: Sequence[Policy], draft: Policy, kind: str) -> list[Policy]:
    """`policies` of `kind` with the draft in place of its stored version (or added)."""
    draft_ref = policy_ref(draft)
    kept = [p for p in policies if policy_ref(p, kind) != draft_ref]
    return [*kept, draft] if draft_ref.kind == kind else kept


def _kept_claim(
    template: Mapping[str, Any],
    claimed: PolicyRef,
    draft: Policy,
    stored: dict[str, Sequence[Policy]],
) -> PolicyRef | None:
    """Karmada's detector, started from the current claim, after the draft is stored."""
    detector = Detector()
    draft_ref = policy_ref(draft)
    existed = False
    for kind, policies in stored.items():
        for policy in policies:
            try:
                detector.load_policy(policy, kind)
            except AdmissionDenied:
                continue
            existed |= policy_ref(policy, kind) == draft_ref
    bare = copy.deepcopy(dict(template))
    remove_pp_claim(bare)
    remove_cpp_claim(bare)
    detector.add_template(bare, claimed_by=claimed)
    if existed:
        detector.update_policy(draft, draft_ref.kind)
    else:
        detector.create_policy(draft, draft_ref.kind)
    return detector.claimed_by(TemplateKey.of(bare))


def _explain(
    match: PolicyMatch | None, claimed_now: PolicyRef | None, final: PolicyRef | None
) -> str:
    text = (
        match.explain() if match else "No PropagationPolicy or ClusterPropagationPolicy selects it."
    )
    if claimed_now is not None and final == claimed_now and (match is None or match.ref != final):
        text += (
            f"\n{final} keeps it: Karmada does not re-match a claimed template; only deleting "
            "that policy, changing its selectors so they no longer match, or preemption moves it."
        )
    return text


def decide_claim(
    template: Mapping[str, Any],
    draft: Policy,
    propagation_policies: Sequence[Policy],
    cluster_propagation_policies: Sequence[Policy],
) -> Claim:
    """The policy that claims `template` with the draft stored, and the detector's explanation."""
    pps = replaced(propagation_policies, draft, PP_KIND)
    cpps = replaced(cluster_propagation_policies, draft, CPP_KIND)
    match = select_policy(template, pps, cpps)
    claimed_now = honoured_claim(template)
    final = match.ref if match else None
    if claimed_now is not None:
        stored = {PP_KIND: propagation_policies, CPP_KIND: cluster_propagation_policies}
        final = _kept_claim(template, claimed_now, draft, stored)
    candidates = [(p, PP_KIND) for p in pps] + [(p, CPP_KIND) for p in cpps]
    policy = next((p for p, kind in candidates if policy_ref(p, kind) == final), None)
    explanation = _explain(match, claimed_now, final)
    if policy is None or final is None:
        return Claim(None, None, False, explanation, current_claim=claimed_now)
    won = match if match is not None and match.ref == final else None
    return Claim(
        policy=policy,
        ref=final,
        by_draft=final == policy_ref(draft),
        explanation=explanation,
        explicit_priority=won.explicit_priority if won else None,
        implicit_priority=won.implicit_priority.name.lower() if won else None,
        rejected=tuple(match.rejected) if match else (),
        current_claim=claimed_now,
    )
