"""Spread constraints: `spreadconstraint.SelectBestClusters` and its region search.

Only `cluster` and `region` constraints drive selection; `provider` / `zone` only filter.
Static-weight placements ignore spread constraints entirely.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from karmada_semantics.scheduling.errors import SchedulingFailure
from karmada_semantics.scheduling.model import Cluster

_WEIGHT_UNIT = 1000


@dataclass(frozen=True)
class Candidate:
    """A feasible cluster with its score and available replicas (free + already assigned)."""

    name: str
    cluster: Cluster
    score: int
    available: int
    tier: int = 0


def order_key(candidate: Candidate) -> tuple[int, int, int, str]:
    """Tier ascending, score descending, available replicas descending, name ascending."""
    return (candidate.tier, -candidate.score, -candidate.available, candidate.name)


def ignores_spread(placement: Mapping[str, Any]) -> bool:
    """`shouldIgnoreSpreadConstraint`: Divided + Weighted with static weights (or none)."""
    strategy = placement.get("replicaScheduling")
    if not strategy or strategy.get("replicaSchedulingType") != "Divided":
        return False
    if strategy.get("replicaDivisionPreference") != "Weighted":
        return False
    preference = strategy.get("weightPreference")
    if preference is None:
        return True
    return bool(preference.get("staticWeightList")) and not preference.get("dynamicWeight")


def _is_duplicated(placement: Mapping[str, Any]) -> bool:
    strategy = placement.get("replicaScheduling")
    return not strategy or strategy.get("replicaSchedulingType") == "Duplicated"


def _duplicate_score(clusters: Sequence[Candidate], replicas: int) -> int:
    valid = [c for c in clusters if c.available >= replicas]
    if not valid:
        return 0
    return len(valid) * _WEIGHT_UNIT + sum(c.score for c in valid) // len(valid)


def group_score(
    clusters: Sequence[Candidate], placement: Mapping[str, Any], replicas: int, min_groups: int
) -> int:
    """`calcGroupScore`: replicas a group can hold (capped per group) first, then mean score."""
    if _is_duplicated(placement):
        return _duplicate_score(clusters, replicas)
    target = math.ceil(replicas / min_groups) if min_groups > 0 else replicas
    cluster_min = max(_constraint(placement, "cluster").get("minGroups", 0), min_groups)
    total = score = count = 0
    for cluster in clusters:
        total, score, count = total + cluster.available, score + cluster.score, count + 1
        if count >= cluster_min and total >= target:
            break
    if total < target:
        return total * _WEIGHT_UNIT + score // len(clusters)
    return target * _WEIGHT_UNIT + score // count


def _constraint(placement: Mapping[str, Any], by_field: str) -> Mapping[str, Any]:
    found: Mapping[str, Any] = {}
    for constraint in placement.get("spreadConstraints") or []:
        if constraint.get("spreadByField", "") == by_field:
            found = constraint
    return found


@dataclass
class _Path:
    groups: list[tuple[str, int, int]]  # (name, cluster count, score)
    ident: int

    @property
    def weight(self) -> int:
        """Sum of the group scores on this path."""
        return sum(g[2] for g in self.groups)

    @property
    def value(self) -> int:
        """Number of clusters on this path."""
        return sum(g[1] for g in self.groups)

    def starts_with(self, other: _Path) -> bool:
        """`matchSubPath`: `other` is a strictly shorter prefix of this path."""
        if len(other.groups) >= len(self.groups):
            return False
        return all(a[0] == b[0] for a, b in zip(self.groups, other.groups, strict=False))


def select_groups(
    groups: list[tuple[str, int, int]], minimum: int, maximum: int, target: int
) -> list[str]:
    """`selectGroups`: depth-first search of group combinations, best path by weight/value."""
    groups = sorted(groups, key=lambda g: (g[1], -g[2], g[0]))
    paths: list[_Path] = []
    stack: list[tuple[str, int, int]] = []

    def dfs(total: int, begin: int) -> None:
        if total >= target and minimum <= len(stack) <= maximum:
            chosen = sorted(stack, key=lambda g: (-g[2], g[0]))
            paths.append(_Path(chosen, len(paths) + 1))
            return
        if len(stack) >= maximum:
            return
        for index in range(begin, len(groups)):
            stack.append(groups[index])
            dfs(total + groups[index][1], index + 1)
            stack.pop()

    dfs(0, 0)
    if not paths:
        return []
    paths.sort(key=lambda p: (-p.weight, -p.value, p.ident))
    best = paths[0]
    for path in paths[1:]:
        if best.starts_with(path):
            best = path
    return [g[0] for g in best.groups]


def _by_region(
    placement: Mapping[str, Any], candidates: Sequence[Candidate], replicas: int
) -> list[Candidate]:
    region_c, cluster_c = _constraint(placement, "region"), _constraint(placement, "cluster")
    regions: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        region = (candidate.cluster.get("spec") or {}).get("region")
        if region:
            regions.setdefault(region, []).append(candidate)
    if len(regions) < region_c.get("minGroups", 0):
        raise SchedulingFailure(
            "the number of feasible region is less than spreadConstraint.MinGroups"
        )
    min_groups = region_c.get("minGroups", 0)
    groups = [
        (name, len(members), group_score(members, placement, replicas, min_groups))
        for name, members in regions.items()
    ]
    chosen = select_groups(
        groups, min_groups, region_c.get("maxGroups", 0), cluster_c.get("minGroups", 0)
    )
    if not chosen:
        raise SchedulingFailure(
            "the number of clusters is less than the cluster spreadConstraint.MinGroups"
        )
    selected = [regions[name][0] for name in chosen]
    rest = [c for name in chosen for c in regions[name][1:]]
    need = min(len(rest) + len(selected), cluster_c.get("maxGroups", 0))
    rest.sort(key=lambda c: (-c.score, -c.available, c.name))
    return selected + rest[: max(need - len(selected), 0)]


def _swap_in_capacity(ret: list[Candidate], rest: list[Candidate], need: int) -> list[Candidate]:
    """`selectClustersByAvailableResource`: swap bigger unselected clusters in from the back."""
    slot = len(ret) - 1
    while sum(c.available for c in ret) < need and slot >= 0:
        best, best_available = -1, ret[slot].available
        for index, candidate in enumerate(rest):
            if candidate.available > best_available:
                best, best_available = index, candidate.available
        if best >= 0:
            ret[slot], rest[best] = rest[best], ret[slot]
        slot -= 1
    return ret if sum(c.available for c in ret) >= need else []


def _by_cluster(
    constraint: Mapping[str, Any], candidates: Sequence[Candidate], need_replicas: int | None
) -> list[Candidate]:
    if len(candidates) < constraint.get("minGroups", 0):
        raise SchedulingFailure(
            "the number of feasible clusters is less than spreadConstraint.MinGroups"
        )
    count = min(constraint.get("maxGroups", 0), len(candidates))
    if need_replicas is None:
        return list(candidates[:count])
    chosen = _swap_in_capacity(list(candidates[:count]), list(candidates[count:]), need_replicas)
    if not chosen:
        raise SchedulingFailure(f"no enough resource when selecting {count} clusters")
    return chosen


def select_best_clusters(
    placement: Mapping[str, Any], candidates: Sequence[Candidate], replicas: int
) -> list[Candidate]:
    """`SelectBestClusters`; `candidates` must already be in `order_key` order."""
    constraints = placement.get("spreadConstraints") or []
    if not constraints or ignores_spread(placement):
        return list(candidates)
    by_field = {c.get("spreadByField", ""): c for c in constraints}
    if "region" in by_field:
        return _by_region(placement, candidates, replicas)
    if "cluster" in by_field:
        need = None if _is_duplicated(placement) else replicas
        return _by_cluster(by_field["cluster"], candidates, need)
    raise SchedulingFailure("just support cluster and region spread constraint")
