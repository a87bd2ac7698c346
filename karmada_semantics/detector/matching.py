"""Which PropagationPolicy / ClusterPropagationPolicy claims a fresh template (`compare.go`).

Karmada's order: PropagationPolicies of the template's own namespace first (cluster-scoped
templates have none), then ClusterPropagationPolicies. Within a kind the highest explicit
`spec.priority` wins, then the highest implicit priority (name > labelSelector > kind only, best
over the policy's selectors), then the policy name that sorts first. Policies being deleted never
match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from karmada_semantics.detector.keys import (
    CPP_KIND,
    PP_KIND,
    PolicyRef,
    explicit_priority,
    is_deleting,
    selectors_of,
)
from karmada_semantics.selectors import (
    ImplicitPriority,
    best_selector_priority,
    resource_selector_priority,
)


class _Entry(NamedTuple):
    """One selector of one policy; sorting entries puts the strongest claim first."""

    sort_key: tuple[int, int, str]
    policy: Mapping[str, Any]
    selector: Mapping[str, Any]


def _selector_class(selector: Mapping[str, Any]) -> ImplicitPriority:
    """The best implicit priority this selector can ever give."""
    if selector.get("name"):
        return ImplicitPriority.MATCH_NAME
    if selector.get("labelSelector") is not None:
        return ImplicitPriority.MATCH_LABEL_SELECTOR
    return ImplicitPriority.MATCH_ALL


class _KindIndex:
    """Selectors of one policy kind, bucketed by (scope, apiVersion, kind) and pre-sorted."""

    def __init__(self) -> None:
        self.by_name: dict[tuple[str, str, str], dict[str, list[_Entry]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.scanned: dict[tuple[str, str, str], list[_Entry]] = defaultdict(list)

    def add(self, scope: str, policy: Mapping[str, Any]) -> None:
        """Index every selector of one policy under `scope` (the policy namespace, or "")."""
        name = (policy.get("metadata") or {}).get("name") or ""
        priority = explicit_priority(policy)
        for selector in selectors_of(policy):
            klass = _selector_class(selector)
            entry = _Entry((-priority, -int(klass), name), policy, selector)
            bucket = (scope, selector.get("apiVersion", ""), selector.get("kind", ""))
            if klass == ImplicitPriority.MATCH_NAME:
                self.by_name[bucket][selector["name"]].append(entry)
            else:
                self.scanned[bucket].append(entry)

    def freeze(self) -> None:
        """Sort every bucket strongest claim first; call once after the last `add`."""
        for names in self.by_name.values():
            for entries in names.values():
                entries.sort(key=lambda e: e.sort_key)
        for entries in self.scanned.values():
            entries.sort(key=lambda e: e.sort_key)

    def best(self, scope: str, template: Mapping[str, Any]) -> Mapping[str, Any] | None:
        """The winning policy: the first matching entry in sort order (see module docstring)."""
        bucket = (scope, template.get("apiVersion", ""), template.get("kind", ""))
        name = (template.get("metadata") or {}).get("name") or ""
        best: _Entry | None = None
        names = self.by_name.get(bucket)
        for entry in names.get(name, ()) if names else ():
            if resource_selector_priority(template, entry.selector) > ImplicitPriority.MIS_MATCH:
                best = entry
                break
        for entry in self.scanned.get(bucket, ()):
            if best is not None and entry.sort_key >= best.sort_key:
                break
            if resource_selector_priority(template, entry.selector) > ImplicitPriority.MIS_MATCH:
                best = entry
                break
        return best.policy if best is not None else None


class PolicyMatcher:
    """Indexed policy lookup for many templates (10,000 templates x 1,000 policies well under 1 s).

    Build it once per set of policies; policies being deleted are left out.
    """

    def __init__(
        self,
        propagation_policies: Iterable[Mapping[str, Any]],
        cluster_propagation_policies: Iterable[Mapping[str, Any]],
    ) -> None:
        self._pp = _KindIndex()
        self._cpp = _KindIndex()
        for policy in propagation_policies:
            if not is_deleting(policy):
                self._pp.add((policy.get("metadata") or {}).get("namespace") or "", policy)
        for policy in cluster_propagation_policies:
            if not is_deleting(policy):
                self._cpp.add("", policy)
        self._pp.freeze()
        self._cpp.freeze()

    def best_propagation_policy(self, template: Mapping[str, Any]) -> Mapping[str, Any] | None:
        """`LookForMatchedPolicy`: the best PropagationPolicy of the template's namespace."""
        namespace = (template.get("metadata") or {}).get("namespace") or ""
        return self._pp.best(namespace, template) if namespace else None

    def best_cluster_propagation_policy(
        self, template: Mapping[str, Any]
    ) -> Mapping[str, Any] | None:
        """`LookForMatchedClusterPolicy`: the best ClusterPropagationPolicy."""
        return self._cpp.best("", template)

    def match(self, template: Mapping[str, Any]) -> Mapping[str, Any] | None:
        """The policy a fresh template would be claimed by, or None."""
        return self.best_propagation_policy(template) or self.best_cluster_propagation_policy(
            template
        )


@dataclass(frozen=True)
class Rejection:
    """A policy that did not win, and why."""

    policy: PolicyRef
    reason: str


@dataclass(frozen=True)
class PolicyMatch:
    """The policy that claims a fresh template, with its priorities and why the others lost."""

    policy: Mapping[str, Any]
    ref: PolicyRef
    explicit_priority: int
    implicit_priority: ImplicitPriority
    rejected: list[Rejection] = field(default_factory=list)

    def explain(self) -> str:
        """A short human-readable account of the decision."""
        lines = [
            f"{self.ref} wins (priority {self.explicit_priority}, "
            f"{self.implicit_priority.name.lower()})"
        ]
        lines += [f"{r.policy}: {r.reason}" for r in self.rejected]
        return "\n".join(lines)


class _Candidate(NamedTuple):
    """A matching policy with its priorities."""

    policy: Mapping[str, Any]
    ref: PolicyRef
    explicit: int
    implicit: ImplicitPriority


def _candidates(
    template: Mapping[str, Any], policies: Iterable[Mapping[str, Any]], kind: str
) -> tuple[list[_Candidate], list[Rejection]]:
    matched, rejected = [], []
    for policy in policies:
        ref = PolicyRef.of({**policy, "kind": kind})
        if is_deleting(policy):
            rejected.append(Rejection(ref, "being deleted"))
            continue
        implicit = best_selector_priority(template, selectors_of(policy))
        if implicit == ImplicitPriority.MIS_MATCH:
            rejected.append(Rejection(ref, "no resource selector matches"))
            continue
        matched.append(_Candidate(policy, ref, explicit_priority(policy), implicit))
    return matched, rejected


def _why_lost(loser: _Candidate, winner: _Candidate) -> str:
    if loser.explicit != winner.explicit:
        return f"lower explicit priority ({loser.explicit} < {winner.explicit})"
    if loser.implicit != winner.implicit:
        return (
            f"same explicit priority, less specific match "
            f"({loser.implicit.name.lower()} < {winner.implicit.name.lower()})"
        )
    return f"same priorities, name sorts after {winner.ref.name!r}"


def _pick(
    matched: list[_Candidate], rejected: list[Rejection], also_lost: list[Rejection]
) -> PolicyMatch:
    winner = min(matched, key=lambda c: (-c.explicit, -int(c.implicit), c.ref.name))
    losers = [Rejection(c.ref, _why_lost(c, winner)) for c in matched if c is not winner]
    return PolicyMatch(
        winner.policy, winner.ref, winner.explicit, winner.implicit, losers + rejected + also_lost
    )


def select_policy(
    template: Mapping[str, Any],
    propagation_policies: Sequence[Mapping[str, Any]],
    cluster_propagation_policies: Sequence[Mapping[str, Any]],
) -> PolicyMatch | None:
    """Which policy claims this not-yet-claimed template, with an explanation; None if none matches.

    Does not look at existing claims, preemption or dependentOverrides (see `Detector` for those).
    """
    namespace = (template.get("metadata") or {}).get("namespace") or ""
    own: list[Mapping[str, Any]] = []
    elsewhere: list[Rejection] = []
    for policy in propagation_policies:
        policy_ns = (policy.get("metadata") or {}).get("namespace") or ""
        if namespace and policy_ns == namespace:
            own.append(policy)
        else:
            reason = "cluster-scoped template" if not namespace else "other namespace"
            elsewhere.append(Rejection(PolicyRef.of({**policy, "kind": PP_KIND}), reason))
    pp_matched, pp_rejected = _candidates(template, own, PP_KIND)
    cpp_matched, cpp_rejected = _candidates(template, cluster_propagation_policies, CPP_KIND)
    if pp_matched:
        pushed_out = [Rejection(c.ref, "a PropagationPolicy matched first") for c in cpp_matched]
        return _pick(pp_matched, pp_rejected + elsewhere, pushed_out + cpp_rejected)
    if cpp_matched:
        return _pick(cpp_matched, cpp_rejected, pp_rejected + elsewhere)
    return None


class OverrideMatches(NamedTuple):
    """Override policies that apply to a template, each list in Karmada's application order."""

    cluster_override_policies: list[Mapping[str, Any]]
    override_policies: list[Mapping[str, Any]]


def _ordered_overrides(
    template: Mapping[str, Any], policies: Iterable[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """Matching override policies, lowest implicit priority first, ties by name."""
    ranked = []
    for policy in policies:
        selectors = selectors_of(policy)
        implicit = (
            best_selector_priority(template, selectors) if selectors else ImplicitPriority.MATCH_ALL
        )
        if implicit > ImplicitPriority.MIS_MATCH:
            ranked.append((int(implicit), (policy.get("metadata") or {}).get("name") or "", policy))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [policy for _, _, policy in ranked]


def matching_override_policies(
    template: Mapping[str, Any],
    override_policies: Iterable[Mapping[str, Any]],
    cluster_override_policies: Iterable[Mapping[str, Any]],
) -> OverrideMatches:
    """The ClusterOverridePolicies and OverridePolicies whose resource selectors match the template.

    OverridePolicies count only for a namespaced template in their own namespace; no selectors
    means every resource. ClusterOverridePolicies are applied before OverridePolicies.
    """
    namespace = (template.get("metadata") or {}).get("namespace") or ""
    same_namespace = [
        p
        for p in override_policies
        if namespace and (p.get("metadata") or {}).get("namespace") == namespace
    ]
    return OverrideMatches(
        _ordered_overrides(template, cluster_override_policies),
        _ordered_overrides(template, same_namespace),
    )
