"""Label, field and resource selector matching, as Karmada's `pkg/util/selector.go` does it.

Shared by scheduling (cluster affinity), overrides (target clusters, resource selectors)
and the detector (policy resource selectors).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

PROVIDER_FIELD = "provider"
REGION_FIELD = "region"
ZONE_FIELD = "zone"


class ImplicitPriority(IntEnum):
    """How specifically a ResourceSelector matches a resource (`util.ImplicitPriority`)."""

    MIS_MATCH = 0
    MATCH_ALL = 1
    MATCH_LABEL_SELECTOR = 2
    MATCH_NAME = 3


def _requirement_matches(
    key: str, operator: str, values: Sequence[str], labels: Mapping[str, str]
) -> bool:
    """One `labels.Requirement`; an unknown operator never matches (Karmada returns an error)."""
    present = key in labels
    if operator == "In":
        return present and labels[key] in values
    if operator == "NotIn":
        return not present or labels[key] not in values
    if operator == "Exists":
        return present
    if operator == "DoesNotExist":
        return not present
    if operator in ("Gt", "Lt"):
        if not present or len(values) != 1:
            return False
        try:
            have, want = int(labels[key]), int(values[0])
        except ValueError:
            return False
        return have > want if operator == "Gt" else have < want
    return False


def _requirement_valid(operator: str, values: Sequence[str], numeric_allowed: bool) -> bool:
    """`labels.NewRequirement`'s value-count checks; an invalid selector matches nothing."""
    if operator in ("In", "NotIn"):
        return len(values) > 0
    if operator in ("Exists", "DoesNotExist"):
        return len(values) == 0
    if operator in ("Gt", "Lt") and numeric_allowed and len(values) == 1:
        try:
            int(values[0])
        except ValueError:
            return False
        return True
    return False


def label_selector_matches(
    selector: Mapping[str, Any] | None, labels: Mapping[str, str] | None
) -> bool:
    """`metav1.LabelSelectorAsSelector(selector).Matches(labels)`.

    A nil selector matches nothing (as `LabelSelectorAsSelector(nil)` is `labels.Nothing()`);
    an empty one matches everything. A selector Kubernetes would refuse to build (e.g. `In`
    without values, or a `Gt` operator) matches nothing, as in Karmada's callers.
    """
    if selector is None:
        return False
    labels = labels or {}
    expressions = selector.get("matchExpressions") or []
    for expr in expressions:
        if not _requirement_valid(expr.get("operator", ""), expr.get("values") or [], False):
            return False
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in expressions:
        if not _requirement_matches(
            expr.get("key", ""), expr.get("operator", ""), expr.get("values") or [], labels
        ):
            return False
    return True


def resource_selector_priority(
    resource: Mapping[str, Any], selector: Mapping[str, Any]
) -> ImplicitPriority:
    """`util.ResourceSelectorPriority`: name beats labelSelector beats apiVersion/kind only."""
    meta = resource.get("metadata") or {}
    if (
        resource.get("apiVersion") != selector.get("apiVersion")
        or resource.get("kind") != selector.get("kind")
        or (selector.get("namespace") and meta.get("namespace", "") != selector["namespace"])
    ):
        return ImplicitPriority.MIS_MATCH
    if selector.get("name"):
        matched = selector["name"] == meta.get("name")
        return ImplicitPriority.MATCH_NAME if matched else ImplicitPriority.MIS_MATCH
    if selector.get("labelSelector") is None:
        return ImplicitPriority.MATCH_ALL
    if label_selector_matches(selector["labelSelector"], meta.get("labels")):
        return ImplicitPriority.MATCH_LABEL_SELECTOR
    return ImplicitPriority.MIS_MATCH


def resource_matches(resource: Mapping[str, Any], selector: Mapping[str, Any]) -> bool:
    """`util.ResourceMatches`."""
    return resource_selector_priority(resource, selector) > ImplicitPriority.MIS_MATCH


def best_selector_priority(
    resource: Mapping[str, Any], selectors: Sequence[Mapping[str, Any]]
) -> ImplicitPriority:
    """`util.ResourceMatchSelectorsPriority`: the best priority over all selectors."""
    return max(
        (resource_selector_priority(resource, s) for s in selectors),
        default=ImplicitPriority.MIS_MATCH,
    )


def _zones_match(operator: str, values: Sequence[str], zones: Sequence[str]) -> bool:
    """`util.matchZones`: In needs any of the cluster's zones listed, NotIn none of them.

    (Older Karmada required every zone to be listed for In; the vectors' version does not.)
    """
    if operator == "In":
        return any(zone in values for zone in zones)
    if operator == "NotIn":
        return not any(zone in values for zone in zones)
    if operator == "Exists":
        return bool(zones)
    if operator == "DoesNotExist":
        return not zones
    return False


def _cluster_fields(cluster: Mapping[str, Any]) -> dict[str, str]:
    spec = cluster.get("spec") or {}
    fields = {}
    if spec.get("provider"):
        fields[PROVIDER_FIELD] = spec["provider"]
    if spec.get("region"):
        fields[REGION_FIELD] = spec["region"]
    return fields


def field_selector_matches(field_selector: Mapping[str, Any], cluster: Mapping[str, Any]) -> bool:
    """The fieldSelector half of `util.ClusterMatches` (provider / region / zone).

    Zone expressions are matched against `spec.zones`; the rest test provider and region.
    """
    expressions = field_selector.get("matchExpressions") or []
    zones = (cluster.get("spec") or {}).get("zones") or []
    others = []
    for expr in expressions:
        if expr.get("key") == ZONE_FIELD:
            if not _zones_match(expr.get("operator", ""), expr.get("values") or [], zones):
                return False
        else:
            others.append(expr)
    if not others:
        return True
    for expr in others:
        if not _requirement_valid(expr.get("operator", ""), expr.get("values") or [], True):
            return False
    fields = _cluster_fields(cluster)
    return all(
        _requirement_matches(e.get("key", ""), e.get("operator", ""), e.get("values") or [], fields)
        for e in others
    )


def cluster_matches(cluster: Mapping[str, Any], affinity: Mapping[str, Any]) -> bool:
    """`util.ClusterMatches`: exclusions, then label selector, field selector and names."""
    name = (cluster.get("metadata") or {}).get("name")
    if name in (affinity.get("exclude") or []):
        return False
    if affinity.get("labelSelector") is not None and not label_selector_matches(
        affinity["labelSelector"], (cluster.get("metadata") or {}).get("labels")
    ):
        return False
    if affinity.get("fieldSelector") is not None and not field_selector_matches(
        affinity["fieldSelector"], cluster
    ):
        return False
    names = affinity.get("clusterNames") or []
    return not names or name in names
