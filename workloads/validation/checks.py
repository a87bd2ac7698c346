"""Semantic checks Karmada itself does not make, each reported at the field it concerns.

Selectors that match none of the given templates, cluster names that do not exist, cluster
affinities that select no cluster, static weights that can never apply, and policies of equal
priority competing for the same resources. Matching uses `karmada_semantics.selectors`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from karmada_semantics.detector.keys import explicit_priority, is_deleting
from karmada_semantics.selectors import (
    ImplicitPriority,
    best_selector_priority,
    cluster_matches,
    resource_matches,
)

from .problems import Problem

Object = Mapping[str, Any]
CPP_KINDS = ("ClusterPropagationPolicy", "ClusterOverridePolicy")
_WEIGHTS = "spec.placement.replicaScheduling.weightPreference"
_DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")


def _name(obj: Object) -> str:
    return str((obj.get("metadata") or {}).get("name") or "")


def _namespace(obj: Object) -> str:
    return str((obj.get("metadata") or {}).get("namespace") or "")


def _selectors(policy: Object) -> list[dict[str, Any]]:
    """Resource selectors, a namespaced policy's defaulting to its own namespace."""
    selectors = (policy.get("spec") or {}).get("resourceSelectors") or []
    if policy.get("kind") in CPP_KINDS:
        return list(selectors)
    return [{**s, "namespace": s.get("namespace") or _namespace(policy)} for s in selectors]


def _names(clusters: Sequence[Object]) -> str:
    return ", ".join(sorted(_name(c) for c in clusters))


def metadata_problems(policy: Object, *, namespaced: bool | None = None) -> list[Problem]:
    """A name, and a namespace for the namespaced kinds (the API server's own requirements).
    `namespaced` defaults to what the policy's kind says."""
    if namespaced is None:
        namespaced = policy.get("kind") not in CPP_KINDS
    problems = []
    name = _name(policy)
    if not name:
        problems.append(Problem("metadata.name", "Required."))
    elif not _DNS_SUBDOMAIN.match(name) or len(name) > 253:
        problems.append(
            Problem(
                "metadata.name",
                "Must be lower-case letters, digits, '-' and '.', starting and ending with a "
                "letter or digit.",
            )
        )
    if namespaced and not _namespace(policy):
        problems.append(Problem("metadata.namespace", "Required."))
    return problems


def selector_problems(policy: Object, templates: Sequence[Object]) -> list[Problem]:
    """Each resource selector that matches none of `templates`."""
    problems = []
    for index, selector in enumerate(_selectors(policy)):
        if not any(resource_matches(t, selector) for t in templates):
            what = selector.get("name") or "any resource"
            where = f" in namespace {selector['namespace']}" if selector.get("namespace") else ""
            problems.append(
                Problem(
                    f"spec.resourceSelectors[{index}]",
                    f"Matches no {selector.get('kind', 'resource')} ({what}){where}.",
                )
            )
    return problems


def affinity_fields(policy: Object) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ClusterAffinity in a propagation or override policy, with its field path."""
    spec = policy.get("spec") or {}
    placement = spec.get("placement") or {}
    if placement.get("clusterAffinity") is not None:
        yield "spec.placement.clusterAffinity", placement["clusterAffinity"]
    for i, term in enumerate(placement.get("clusterAffinities") or []):
        yield f"spec.placement.clusterAffinities[{i}]", term
        for j, overflow in enumerate(term.get("overflowAffinities") or []):
            yield f"spec.placement.clusterAffinities[{i}].overflowAffinities[{j}]", overflow
    weights = ((placement.get("replicaScheduling") or {}).get("weightPreference") or {}).get(
        "staticWeightList"
    )
    for i, rule in enumerate(weights or []):
        yield f"{_WEIGHTS}.staticWeightList[{i}].targetCluster", rule.get("targetCluster") or {}
    if spec.get("targetCluster") is not None:
        yield "spec.targetCluster", spec["targetCluster"]
    for i, rule in enumerate(spec.get("overrideRules") or []):
        if rule.get("targetCluster") is not None:
            yield f"spec.overrideRules[{i}].targetCluster", rule["targetCluster"]


def unknown_cluster_problems(policy: Object, clusters: Sequence[Object]) -> list[Problem]:
    """Cluster names (affinities, exclusions, weights, suspension) no cluster carries."""
    known = {_name(c) for c in clusters}
    problems = []
    named = [
        (f"{path}.{key}", affinity.get(key) or [])
        for path, affinity in affinity_fields(policy)
        for key in ("clusterNames", "exclude")
    ]
    suspension = (policy.get("spec") or {}).get("suspension") or {}
    on = (suspension.get("dispatchingOnClusters") or {}).get("clusterNames") or []
    named.append(("spec.suspension.dispatchingOnClusters.clusterNames", on))
    for path, names in named:
        for index, name in enumerate(names):
            if name not in known:
                problems.append(Problem(f"{path}[{index}]", f"No cluster named {name!r}."))
    return problems


def empty_affinity_problems(policy: Object, clusters: Sequence[Object]) -> list[Problem]:
    """Cluster affinities and override targets that select none of the clusters."""
    problems = []
    for path, affinity in affinity_fields(policy):
        if ".staticWeightList[" not in path and not any(
            cluster_matches(c, affinity) for c in clusters
        ):
            problems.append(Problem(path, f"Selects none of the {len(clusters)} clusters."))
    return problems


def _allowed(placement: Mapping[str, Any], cluster: Object) -> bool:
    """Whether any of the placement's affinity terms lets the cluster in."""
    terms = placement.get("clusterAffinities")
    if terms:
        return any(cluster_matches(cluster, t) for t in terms)
    return cluster_matches(cluster, placement.get("clusterAffinity") or {})


def static_weight_problems(policy: Object, clusters: Sequence[Object]) -> list[Problem]:
    """Static weights that are ignored, or only name clusters the placement excludes."""
    placement = (policy.get("spec") or {}).get("placement") or {}
    preference = (placement.get("replicaScheduling") or {}).get("weightPreference") or {}
    rules = preference.get("staticWeightList") or []
    if rules and preference.get("dynamicWeight"):
        return [Problem(f"{_WEIGHTS}.staticWeightList", "Ignored because dynamicWeight is set.")]
    problems = []
    by_name = {_name(c): c for c in clusters}
    for i, rule in enumerate(rules):
        path = f"{_WEIGHTS}.staticWeightList[{i}].targetCluster"
        target = rule.get("targetCluster") or {}
        for j, name in enumerate(target.get("clusterNames") or []):
            if name in by_name and not _allowed(placement, by_name[name]):
                problems.append(
                    Problem(
                        f"{path}.clusterNames[{j}]",
                        f"Cluster {name!r} is excluded by the placement; the weight never applies.",
                    )
                )
        matched = [c for c in clusters if cluster_matches(c, target)]
        if matched and not any(_allowed(placement, c) for c in matched):
            problems.append(
                Problem(path, f"Only selects clusters the placement excludes ({_names(matched)}).")
            )
        elif not matched and all(n in by_name for n in target.get("clusterNames") or []):
            problems.append(Problem(path, "Selects no cluster, so this weight never applies."))
    return problems


def _same_scope(policy: Object, other: Object) -> bool:
    if other.get("kind", policy.get("kind")) != policy.get("kind"):
        return False
    cluster_scoped = policy.get("kind") in CPP_KINDS
    return cluster_scoped or _namespace(other) == _namespace(policy)


def _rivals(policy: Object, others: Sequence[Object]) -> list[Object]:
    """Other live policies of the same kind and scope with the same explicit priority."""
    priority = explicit_priority(policy)
    return [
        o
        for o in others
        if _same_scope(policy, o)
        and _name(o) != _name(policy)
        and not is_deleting(o)
        and explicit_priority(o) == priority
    ]


def _selector_key(selector: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes two selectors equally specific over the same resources, without templates."""
    label = selector.get("labelSelector") if not selector.get("name") else None
    return (
        selector.get("apiVersion"),
        selector.get("kind"),
        selector.get("namespace") or "",
        selector.get("name") or "",
        repr(label),
    )


def _tied(policy: Object, other: Object, templates: Sequence[Object] | None) -> list[str]:
    """Resources both policies select equally specifically (selector overlaps without templates)."""
    mine, theirs = _selectors(policy), _selectors(other)
    if templates is None:
        shared = {_selector_key(s) for s in mine} & {_selector_key(s) for s in theirs}
        return sorted(f"{key[1]} {key[3] or '(all)'}" for key in shared)
    tied = []
    for template in templates:
        rank = best_selector_priority(template, mine)
        if rank > ImplicitPriority.MIS_MATCH and rank == best_selector_priority(template, theirs):
            tied.append(f"{template.get('kind')} {_name(template)}")
    return tied


def conflict_problems(
    policy: Object, other_policies: Sequence[Object], templates: Sequence[Object] | None
) -> list[Problem]:
    """Policies with the same priority selecting the same resources just as specifically."""
    problems = []
    priority = explicit_priority(policy)
    for other in _rivals(policy, other_policies):
        tied = _tied(policy, other, templates)
        if not tied:
            continue
        winner = min(_name(policy), _name(other))
        shown = ", ".join(tied[:3]) + (f" and {len(tied) - 3} more" if len(tied) > 3 else "")
        problems.append(
            Problem(
                "spec.priority",
                f"{_name(other)!r} has the same priority ({priority}) and selects {shown} just as "
                f"specifically; Karmada picks {winner!r} because its name sorts first.",
            )
        )
    return problems
