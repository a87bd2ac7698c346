"""The topology page: instances → provider → region → zone → clusters, coloured by health.

Two queries at any size (instances, then the cluster columns); grouping happens in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from kairship_ui import live
from kairship_ui.htmx import render_page
from kairship_ui.permissions import scoped
from tenants.querysets import tenant_ids_for
from tenants.roles import is_platform_operator

from .models import ClusterState, KarmadaInstance, MemberCluster
from .views import cluster_topics

COLUMNS = ("pk", "instance_id", "name", "state", "provider", "region", "zones", "taints")
COLUMNS += ("nodes_ready", "nodes_total", "deleting")


def health_of(cluster: dict[str, Any]) -> str:
    """The health badge of a cluster row (API-NOTES 2.3, in that order)."""
    if cluster["deleting"]:
        return "unjoining"
    if cluster["state"] == ClusterState.UNKNOWN:
        return "unknown"
    if cluster["state"] != ClusterState.READY:
        return "not-ready"
    effects = {t.get("effect") for t in cluster["taints"] or []}
    if "NoExecute" in effects:
        return "evicting"
    if "NoSchedule" in effects:
        return "cordoned"
    return "ready"


@dataclass
class Group:
    """A provider, region or zone box: its clusters or sub-groups, with counts."""

    name: str
    children: dict[str, Group] = field(default_factory=dict)
    clusters: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    ready: int = 0
    workloads: int = 0

    def add(self, path: list[str], cluster: dict[str, Any]) -> None:
        self.total += 1
        self.ready += cluster["health"] == "ready"
        self.workloads += cluster["workloads"]
        if not path:
            self.clusters.append(cluster)
            return
        child = self.children.setdefault(path[0], Group(path[0]))
        child.add(path[1:], cluster)

    @property
    def groups(self) -> list[Group]:
        return sorted(self.children.values(), key=lambda g: g.name)


def _workload_count(user) -> Count:
    """Workloads placed on a cluster (one binding each); tenants count only their own."""
    if is_platform_operator(user):
        return Count("placements", distinct=True)
    mine = Q(placements__tenant_id__in=tenant_ids_for(user, "view"))
    return Count("placements", filter=mine, distinct=True)


def topology(user) -> list[tuple[KarmadaInstance, Group]]:
    """Every instance `user` sees with its clusters grouped by provider / region / zone."""
    instances = list(KarmadaInstance.objects.for_user(user).order_by("name"))
    trees = {instance.pk: Group(instance.name) for instance in instances}
    clusters = MemberCluster.objects.for_user(user).annotate(workloads=_workload_count(user))
    rows = clusters.order_by("name").values(*COLUMNS, "workloads")
    # One reverse() for the page: hundreds of them (or {% url %} tags) would dominate its time.
    detail = reverse("clusters:cluster_detail", args=[0]).removesuffix("0/")
    for row in rows:
        row["health"] = health_of(row)
        row["url"] = f"{detail}{row['pk']}/"
        zones = ", ".join(row["zones"] or []) or "—"
        path = [row["provider"] or "—", row["region"] or "—", zones]
        trees[row["instance_id"]].add(path, row)
    return [(instance, trees[instance.pk]) for instance in instances]


@scoped("view")
def topology_view(request: HttpRequest) -> HttpResponse:
    topics = cluster_topics(request.user)
    if is_platform_operator(request.user):
        topics.append(live.all_list_group("instances"))
    context = {"tree": topology(request.user), "live_topics": topics}
    return render_page(request, "clusters/topology.html", context, partial="topology")
