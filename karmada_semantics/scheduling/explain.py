"""Why each cluster was kept or filtered out, per affinity term (the console's preview).

Every in-tree filter plugin is evaluated for every cluster (deleting ones included); the
reasons are "Plugin: reason" strings sorted by plugin name, [] meaning the cluster passes.
"""

from __future__ import annotations

from collections.abc import Sequence

from karmada_semantics.scheduling.filters import all_failures
from karmada_semantics.scheduling.model import Cluster, cluster_name
from karmada_semantics.scheduling.pipeline import Cycle

SINGLE_TERM = "clusterAffinity"


def filter_results(clusters: Sequence[Cluster], cycle: Cycle) -> dict[str, dict[str, list[str]]]:
    """{term name or "clusterAffinity": {cluster: [failing plugin reasons]}}."""
    placement = cycle.binding.placement
    terms = [t.get("affinityName", "") for t in placement.get("clusterAffinities") or []]
    results: dict[str, dict[str, list[str]]] = {}
    for term in terms or [None]:
        key = SINGLE_TERM if term is None else term
        results[key] = {cluster_name(c): all_failures(cycle.verdict(c, term)) for c in clusters}
    return results
