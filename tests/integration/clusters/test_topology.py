"""The topology page: clusters grouped by instance / provider / region / zone, coloured by
health, a constant number of queries, only what the user may see."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusters import sync
from clusters.topology import health_of, topology
from tests.factories import KarmadaInstanceFactory, TenantNamespaceFactory
from tests.integration.clusters.test_cluster_query_counts import cluster_object
from workloads.models import Placement

pytestmark = pytest.mark.django_db


def add(instance, name, provider="aws", region="r1", zones=("z1",), ready=True, taints=()):
    raw = copy.deepcopy(cluster_object(name, f"{instance.pk}-{name}"))
    raw["spec"].update(provider=provider, region=region, zones=list(zones), taints=list(taints))
    if not ready:
        raw["status"]["conditions"][0].update(status="False", reason="ClusterNotReachable")
    return sync.upsert_cluster(instance, raw)


def test_clusters_are_grouped_and_coloured(olga):
    instance = KarmadaInstanceFactory(name="prod")
    add(instance, "a1", "aws", "eu", ("eu-1a",))
    add(instance, "a2", "aws", "eu", ("eu-1b",), ready=False)
    add(instance, "g1", "gcp", "us", ("us-1",), taints=[{"key": "k", "effect": "NoExecute"}])
    [(found, root)] = topology(olga)
    assert found == instance and (root.total, root.ready) == (3, 1)
    aws, gcp = root.groups
    assert (aws.name, aws.total, aws.ready) == ("aws", 2, 1)
    [eu] = aws.groups
    assert [zone.name for zone in eu.groups] == ["eu-1a", "eu-1b"]
    assert eu.groups[1].clusters[0]["health"] == "not-ready"
    assert gcp.groups[0].groups[0].clusters[0]["health"] == "evicting"


def test_health_badges_follow_the_console_recipe():
    row = {"deleting": False, "state": "ready", "taints": []}
    assert health_of(row) == "ready"
    assert health_of({**row, "taints": [{"effect": "NoSchedule"}]}) == "cordoned"
    assert health_of({**row, "state": "unknown"}) == "unknown"
    assert health_of({**row, "deleting": True}) == "unjoining"


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_topology_query_count_is_constant(client_for, olga):
    first, second = KarmadaInstanceFactory(), KarmadaInstanceFactory()
    client = client_for(olga)
    add(first, "c0")
    small = queries(client, reverse("clusters:topology"))
    for i in range(30):
        add(first if i % 2 else second, f"c{i + 1}", provider=f"p{i % 3}", region=f"r{i % 4}")
    assert queries(client, reverse("clusters:topology")) == small


def test_page_links_to_details_and_subscribes_to_live_lists(client_for, olga):
    instance = KarmadaInstanceFactory()
    cluster = add(instance, "edge")
    page = client_for(olga).get(reverse("clusters:topology")).content.decode()
    assert reverse("clusters:cluster_detail", args=[cluster.pk]) in page
    assert 'data-health="ready"' in page and "clusters.all" in page


def test_tenants_see_only_instances_their_namespaces_reach(client_for, bob, tenant_a):
    visible, hidden = KarmadaInstanceFactory(), KarmadaInstanceFactory()
    add(visible, "seen")
    add(hidden, "unseen")
    TenantNamespaceFactory(tenant=tenant_a, instance=visible, namespace="shop")
    page = client_for(bob).get(reverse("clusters:topology")).content.decode()
    assert "seen" in page and "unseen" not in page
    assert "clusters.all" not in page


def test_workload_counts_come_from_placements_and_respect_tenants(olga, bob, tenant_a, instance):
    placed = Placement.objects.filter(instance=instance, cluster__isnull=False)
    [(_, root)] = topology(olga)
    assert root.workloads == placed.count() > 0
    TenantNamespaceFactory(tenant=tenant_a, instance=instance, namespace="shop")
    [(_, mine)] = topology(bob)
    assert mine.workloads == placed.filter(tenant=tenant_a).count() < root.workloads


def test_unreachable_instance_is_marked_stale(client_for, olga):
    KarmadaInstanceFactory(name="far", health="unreachable")
    page = client_for(olga).get(reverse("clusters:topology")).content.decode()
    assert "stale since never" in page
