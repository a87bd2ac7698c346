"""Which override policies and rules apply to a resource in a cluster, and in what order.

Mirrors `getOverridersFromOverridePolicies`: a policy matches when it has no resource selectors
or any selector matches; matches are sorted (stably) by implicit priority, lowest first, then by
name; each policy contributes every rule whose targetCluster is absent or matches the cluster.
The legacy `spec.targetCluster` + `spec.overriders` pair is used when `overrideRules` is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from karmada_semantics.selectors import (
    ImplicitPriority,
    best_selector_priority,
    cluster_matches,
    resource_matches,
)


@dataclass(frozen=True)
class MatchingRule:
    """One rule that applies: the policy it comes from, its index (None for the legacy form)."""

    kind: str  # "ClusterOverridePolicy" or "OverridePolicy"
    policy_name: str
    policy_namespace: str
    rule_index: int | None
    overriders: dict[str, Any]
    target_cluster: dict[str, Any] | None


def with_default_selector_namespace(policy: dict[str, Any]) -> dict[str, Any]:
    """The OverridePolicy mutating webhook: selectors without a namespace get the policy's."""
    namespace = (policy.get("metadata") or {}).get("namespace") or ""
    spec = policy.get("spec") or {}
    selectors = spec.get("resourceSelectors") or []
    if not selectors or all(s.get("namespace") for s in selectors):
        return policy
    filled = [s if s.get("namespace") else {**s, "namespace": namespace} for s in selectors]
    return {**policy, "spec": {**spec, "resourceSelectors": filled}}


def _policy_priority(resource: dict[str, Any], policy: dict[str, Any]) -> ImplicitPriority:
    selectors = (policy.get("spec") or {}).get("resourceSelectors") or []
    if not selectors:
        return ImplicitPriority.MATCH_ALL
    return best_selector_priority(resource, selectors)


def _selects(resource: dict[str, Any], policy: dict[str, Any]) -> bool:
    selectors = (policy.get("spec") or {}).get("resourceSelectors") or []
    return not selectors or any(resource_matches(resource, s) for s in selectors)


def ordered_policies(
    resource: dict[str, Any], policies: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The policies selecting `resource`, in application order (priority, then name)."""
    selected = [p for p in policies if _selects(resource, p)]
    return sorted(
        selected,
        key=lambda p: (_policy_priority(resource, p), (p.get("metadata") or {}).get("name", "")),
    )


def _rules(policy: dict[str, Any]) -> list[tuple[int | None, dict[str, Any]]]:
    spec = policy.get("spec") or {}
    rules = spec.get("overrideRules") or []
    if not rules:
        legacy = {"targetCluster": spec.get("targetCluster"), "overriders": spec.get("overriders")}
        return [(None, legacy)]
    return list(enumerate(rules))


def policy_rules(
    kind: str, resource: dict[str, Any], cluster: dict[str, Any], policies: list[dict[str, Any]]
) -> list[MatchingRule]:
    """Every rule of `policies` that applies to `resource` in `cluster`, in application order."""
    matching: list[MatchingRule] = []
    for policy in ordered_policies(resource, policies):
        meta = policy.get("metadata") or {}
        for index, rule in _rules(policy):
            target = rule.get("targetCluster")
            if target is not None and not cluster_matches(cluster, target):
                continue
            matching.append(
                MatchingRule(
                    kind=kind,
                    policy_name=meta.get("name", ""),
                    policy_namespace=meta.get("namespace", ""),
                    rule_index=index,
                    overriders=rule.get("overriders") or {},
                    target_cluster=target,
                )
            )
    return matching


def namespaced_candidates(
    resource: dict[str, Any], override_policies: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """OverridePolicies Karmada lists for `resource`: those of its own namespace, and none for a
    cluster-scoped resource. The mutating webhook's selector namespace default is applied."""
    namespace = (resource.get("metadata") or {}).get("namespace") or ""
    if not namespace:
        return []
    return [
        with_default_selector_namespace(p)
        for p in override_policies
        if ((p.get("metadata") or {}).get("namespace") or "") == namespace
    ]


def admitted_cluster(cluster: dict[str, Any]) -> dict[str, Any]:
    """Karmada's cluster mutation: a legacy `spec.zone` moves into `spec.zones`."""
    spec = cluster.get("spec") or {}
    if not spec.get("zone") or spec.get("zones"):
        return cluster
    return {**cluster, "spec": {**spec, "zones": [spec["zone"]], "zone": ""}}


def matching_rules(
    resource: dict[str, Any],
    cluster: dict[str, Any],
    override_policies: list[dict[str, Any]],
    cluster_override_policies: list[dict[str, Any]],
) -> list[MatchingRule]:
    """All rules that apply to `resource` in `cluster`: ClusterOverridePolicy rules first, then
    OverridePolicy rules, each group in Karmada's application order."""
    cluster = admitted_cluster(cluster)
    cluster_rules = policy_rules(
        "ClusterOverridePolicy", resource, cluster, cluster_override_policies
    )
    namespaced = namespaced_candidates(resource, override_policies)
    return cluster_rules + policy_rules("OverridePolicy", resource, cluster, namespaced)
