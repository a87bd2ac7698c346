"""Karmada's in-tree filter plugins, with their exact reason strings.

`first_failure` stops at the first failing plugin, like the framework does when scheduling;
`all_failures` runs every plugin (the console's explanation). Plugins run in the order of
Karmada's plugin registry, which is the order Karmada itself uses most of the time (its
framework iterates a Go map, so the order, and hence the one reason counted per cluster in
a NoClusterFit message, can vary between scheduler instances).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from karmada_semantics.scheduling.model import Binding, Cluster, cluster_name
from karmada_semantics.selectors import cluster_matches

AFFINITY_REASON = "cluster(s) did not match the placement cluster affinity constraint"
API_REASON = "cluster(s) did not have the API resource"
EVICTION_REASON = "cluster(s) is in the process of eviction"
_SPREAD_FIELDS = (("provider", "provider"), ("region", "region"), ("zone", "zones"))

Plugin = Callable[[Binding, Cluster, "str | None"], "str | None"]


def term_affinities(placement: Mapping[str, Any], term_name: str | None) -> list[Mapping[str, Any]]:
    """The affinity groups in force, primary first then overflow tiers; [] means no affinity."""
    if placement.get("clusterAffinity") is not None:
        return [placement["clusterAffinity"]]
    for term in placement.get("clusterAffinities") or []:
        if term.get("affinityName") == term_name:
            return [term, *(term.get("overflowAffinities") or [])]
    return []


def affinity_tier(binding: Binding, cluster: Cluster, term_name: str | None) -> int | None:
    """0 for the primary group, k for the k-th overflow group, None when nothing matches.

    Overflow groups only count for workloads; without any affinity every cluster is tier 0.
    """
    groups = term_affinities(binding.placement, term_name)
    if not groups:
        return 0
    if binding.replicas <= 0:
        groups = groups[:1]
    for tier, group in enumerate(groups):
        if cluster_matches(cluster, group):
            return tier
    return None


def cluster_affinity(binding: Binding, cluster: Cluster, term_name: str | None) -> str | None:
    """ClusterAffinity: the cluster must match the placement (or the observed term)."""
    return None if affinity_tier(binding, cluster, term_name) is not None else AFFINITY_REASON


def tolerates(toleration: Mapping[str, Any], taint: Mapping[str, Any]) -> bool:
    """`corev1.Toleration.ToleratesTaint`."""
    if toleration.get("effect") and toleration["effect"] != taint.get("effect"):
        return False
    if toleration.get("key") and toleration["key"] != taint.get("key"):
        return False
    operator = toleration.get("operator") or "Equal"
    if operator == "Equal":
        return (toleration.get("value") or "") == (taint.get("value") or "")
    return operator == "Exists"


def taint_string(taint: Mapping[str, Any]) -> str:
    """`Taint.ToString()`: key[=value]:effect."""
    key, val, effect = taint.get("key", ""), taint.get("value") or "", taint.get("effect", "")
    return f"{key}={val}:{effect}" if val else f"{key}:{effect}"


def untolerated_taint(
    taints: Sequence[Mapping[str, Any]], tolerations: Sequence[Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    """The first NoSchedule / NoExecute taint no toleration tolerates."""
    for taint in taints:
        if taint.get("effect") not in ("NoSchedule", "NoExecute"):
            continue
        if not any(tolerates(t, taint) for t in tolerations):
            return taint
    return None


def taint_toleration(binding: Binding, cluster: Cluster, term_name: str | None) -> str | None:
    """TaintToleration: clusters already in spec.clusters always pass."""
    if binding.target_contains(cluster_name(cluster)):
        return None
    taints = (cluster.get("spec") or {}).get("taints") or []
    taint = untolerated_taint(taints, binding.placement.get("clusterTolerations") or [])
    return None if taint is None else f"cluster(s) had untolerated taint {{{taint_string(taint)}}}"


def api_enabled(cluster: Cluster, api_version: str, kind: str) -> bool:
    """`helper.IsAPIEnabled`: the kind is listed under its groupVersion."""
    for group in (cluster.get("status") or {}).get("apiEnablements") or []:
        if group.get("groupVersion") == api_version:
            return any(r.get("kind") == kind for r in group.get("resources") or [])
    return False


def api_enablement(binding: Binding, cluster: Cluster, term_name: str | None) -> str | None:
    """APIEnablement: clusters already in spec.clusters always pass."""
    if binding.target_contains(cluster_name(cluster)):
        return None
    return None if api_enabled(cluster, binding.api_version, binding.kind) else API_REASON


def spread_constraint(binding: Binding, cluster: Cluster, term_name: str | None) -> str | None:
    """SpreadConstraint: a cluster must have provider / region / zones it is spread by."""
    spec = cluster.get("spec") or {}
    for constraint in binding.placement.get("spreadConstraints") or []:
        for by_field, spec_field in _SPREAD_FIELDS:
            if constraint.get("spreadByField") == by_field and not spec.get(spec_field):
                return f"cluster(s) did not have {spec_field} property"
    return None


def cluster_eviction(binding: Binding, cluster: Cluster, term_name: str | None) -> str | None:
    """ClusterEviction: clusters with a graceful eviction task are excluded."""
    return EVICTION_REASON if cluster_name(cluster) in binding.evicting_clusters else None


# Registry order of Karmada's in-tree plugins (the order its scheduler usually runs them in).
PLUGINS: tuple[tuple[str, Plugin], ...] = (
    ("APIEnablement", api_enablement),
    ("TaintToleration", taint_toleration),
    ("ClusterAffinity", cluster_affinity),
    ("SpreadConstraint", spread_constraint),
    ("ClusterEviction", cluster_eviction),
)


Verdicts = tuple[tuple[str, str], ...]


def evaluate(binding: Binding, cluster: Cluster, term_name: str | None) -> Verdicts:
    """(plugin, reason) for every failing plugin, in registry order; () when the cluster fits."""
    verdicts = []
    for name, plugin in PLUGINS:
        reason = plugin(binding, cluster, term_name)
        if reason is not None:
            verdicts.append((name, reason))
    return tuple(verdicts)


def first_failure(verdicts: Verdicts) -> str | None:
    """The reason Karmada reports: the first failing plugin's, or None when the cluster fits."""
    return verdicts[0][1] if verdicts else None


def all_failures(verdicts: Verdicts) -> list[str]:
    """Every failing plugin as "Plugin: reason", sorted by plugin name; [] when it fits."""
    return [f"{name}: {reason}" for name, reason in sorted(verdicts)]
