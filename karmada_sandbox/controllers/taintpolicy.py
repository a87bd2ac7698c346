"""ClusterTaintPolicy controller: taints clusters by their status conditions.

Karmada never adds NoExecute taints by itself; an operator's ClusterTaintPolicy does (for
example `not-ready:NoExecute` when Ready is False), and the taint manager then evicts.
"""

from __future__ import annotations

import copy

from karmada_sandbox.controllers.base import Context, Key, get
from karmada_sandbox.store import WatchEvent
from karmada_semantics.selectors import cluster_matches

NAME = "cluster-taint-policy"


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Reconcile a cluster when it changes, and every cluster when a policy changes."""
    if source != "":
        return
    if event.resource == ctx.types.cluster and event.type != "DELETED":
        ctx.enqueue(NAME, (event.object["metadata"]["name"],), 0)
    elif event.resource == ctx.types.taint_policy and event.type != "DELETED":
        for cluster in ctx.control_plane.list(ctx.types.cluster)[0]:
            ctx.enqueue(NAME, (cluster["metadata"]["name"],), 0)


def conditions_match(conditions: list[dict], matches: list[dict]) -> bool:
    """All match conditions hold (ANDed); an empty list never matches."""
    if not matches:
        return False
    for match in matches:
        values = match.get("statusValues") or []
        found = False
        for cond in conditions:
            if cond.get("type") != match.get("conditionType"):
                continue
            if match.get("operator") == "In":
                found = cond.get("status") in values
            elif match.get("operator") == "NotIn":
                found = cond.get("status") not in values
            else:
                return False
        if not found:
            return False
    return True


def tainted(cluster: dict, policies: list[dict], stamp: str) -> list[dict]:
    """The cluster's taints after applying every policy, oldest policy first."""
    taints = copy.deepcopy((cluster.get("spec") or {}).get("taints") or [])
    conditions = (cluster.get("status") or {}).get("conditions") or []
    ordered = sorted(
        policies, key=lambda p: (p["metadata"].get("creationTimestamp", ""), p["metadata"]["name"])
    )
    for policy in ordered:
        spec = policy.get("spec") or {}
        target = spec.get("targetClusters")
        if target is not None and not cluster_matches(cluster, target):
            continue
        wanted = spec.get("taints") or []
        if conditions_match(conditions, spec.get("addOnConditions") or []):
            have = {(t.get("key"), t.get("effect")) for t in taints}
            for taint in wanted:
                if (taint.get("key"), taint.get("effect")) not in have:
                    added = {
                        "key": taint.get("key"),
                        "effect": taint.get("effect"),
                        "timeAdded": stamp,
                    }
                    if taint.get("value"):
                        added["value"] = taint["value"]
                    taints.append(added)
        if conditions_match(conditions, spec.get("removeOnConditions") or []):
            drop = {(t.get("key"), t.get("effect")) for t in wanted}
            taints = [t for t in taints if (t.get("key"), t.get("effect")) not in drop]
    return taints


def reconcile(ctx: Context, key: Key) -> None:
    """Apply every ClusterTaintPolicy to one cluster."""
    (name,) = key
    cluster = get(ctx.control_plane, ctx.types.cluster, None, name)
    if cluster is None or cluster["metadata"].get("deletionTimestamp"):
        return
    policies = ctx.control_plane.list(ctx.types.taint_policy)[0]
    if not policies:
        return
    taints = tainted(cluster, policies, ctx.stamp())
    if taints != (cluster.get("spec") or {}).get("taints", []):
        cluster.setdefault("spec", {})["taints"] = taints
        ctx.control_plane.update(ctx.types.cluster, cluster)
