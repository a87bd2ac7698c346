"""Workload and policy pages and API lists cost the same number of queries at any size."""

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusters import sync as cluster_sync
from tests.factories import KarmadaInstanceFactory, TenantNamespaceFactory
from tests.integration.clusters.test_cluster_query_counts import cluster_object
from workloads import sync
from workloads.models import Policy, Workload

pytestmark = pytest.mark.django_db
CLUSTERS = ("c1", "c2", "c3")


def seed(instance, start: int, count: int) -> None:
    """`count` Deployments in namespace shop, each claimed and placed on three clusters."""
    for i in range(start, start + count):
        uid = f"w{i}"
        sync.upsert_workload(instance, deployment(f"app-{i}", uid))
        sync.upsert_binding(instance, binding(f"app-{i}", uid))
        sync.upsert_work(instance, work(f"app-{i}"))


def deployment(name: str, uid: str) -> dict:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
            "name": name,
            "namespace": "shop",
            "uid": uid,
            "resourceVersion": "1",
            "creationTimestamp": "2026-01-01T00:00:00Z",
            "labels": {"app": "bench", "propagationpolicy.karmada.io/permanent-id": "p"},
            "annotations": {
                "propagationpolicy.karmada.io/namespace": "shop",
                "propagationpolicy.karmada.io/name": "spread",
            },
        },
        "spec": {"replicas": 3},
        "status": {"readyReplicas": 2},
    }


def binding(name: str, template_uid: str) -> dict:
    return {
        "apiVersion": "work.karmada.io/v1alpha2",
        "kind": "ResourceBinding",
        "metadata": {
            "name": f"{name}-deployment",
            "namespace": "shop",
            "uid": f"rb-{template_uid}",
            "resourceVersion": "1",
            "annotations": {
                "resourcebinding.karmada.io/dependencies": '[{"kind": "ConfigMap", '
                '"namespace": "shop", "name": "shared-config"}]'
            },
        },
        "spec": {
            "replicas": 3,
            "resource": {"apiVersion": "apps/v1", "kind": "Deployment", "uid": template_uid},
            "clusters": [{"name": c, "replicas": 1} for c in CLUSTERS],
        },
        "status": {
            "conditions": [
                {"type": "Scheduled", "status": "True", "reason": "Success"},
                {"type": "FullyApplied", "status": "True", "reason": "FullyAppliedSuccess"},
            ],
            "aggregatedStatus": [
                {
                    "clusterName": c,
                    "applied": True,
                    "health": "Healthy",
                    "status": {"readyReplicas": 1},
                }
                for c in CLUSTERS
            ],
        },
    }


def work(name: str) -> dict:
    return {
        "apiVersion": "work.karmada.io/v1alpha1",
        "kind": "Work",
        "metadata": {
            "name": name,
            "namespace": "karmada-es-c1",
            "uid": f"work-{name}",
            "resourceVersion": "1",
            "annotations": {
                "resourcebinding.karmada.io/namespace": "shop",
                "resourcebinding.karmada.io/name": f"{name}-deployment",
            },
        },
        "status": {"conditions": [{"type": "Applied", "status": "True"}]},
    }


def policy(name: str, kind: str = "PropagationPolicy") -> dict:
    return {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": kind,
        "metadata": {
            "name": name,
            "namespace": "shop",
            "uid": f"pol-{name}",
            "resourceVersion": "1",
        },
        "spec": {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}]},
    }


@pytest.fixture
def world(tenant_a):
    instance = KarmadaInstanceFactory()
    TenantNamespaceFactory(tenant=tenant_a, instance=instance, namespace="shop")
    for i, name in enumerate(CLUSTERS):
        cluster_sync.upsert_cluster(instance, cluster_object(name, f"cluster-{i}"))
    sync.upsert_policy(instance, policy("spread"))
    sync.upsert_policy(instance, policy("everywhere-label", "OverridePolicy"))
    return instance


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    ["/workloads/", "/policies/", "/api/workloads/", "/api/resource-bindings/", "/api/policies/"],
)
@pytest.mark.parametrize("who", ["olga", "bob"])
def test_list_query_count_is_constant(request, client_for, world, url, who):
    client = client_for(request.getfixturevalue(who))
    seed(world, 0, 3)
    small = queries(client, url)
    seed(world, 3, 30)
    assert queries(client, url) == small


@pytest.mark.parametrize("who", ["olga", "bob"])
def test_detail_query_count_is_constant(request, client_for, world, who):
    client = client_for(request.getfixturevalue(who))
    seed(world, 0, 3)
    workload = Workload.objects.get(instance=world, name="app-0")
    policies = [reverse("workloads:policy_detail", args=[p.pk]) for p in Policy.objects.all()]
    urls = [reverse("workloads:workload_detail", args=[workload.pk]), *policies]
    small = [queries(client, url) for url in urls]
    seed(world, 3, 30)
    assert [queries(client, url) for url in urls] == small


def test_list_shows_per_cluster_readiness(client_for, olga, world):
    seed(world, 0, 1)
    body = client_for(olga).get("/workloads/").content.decode()
    assert 'data-placement="c1"' in body and "c1 1/1" in body and "3 / 3" in body
    assert Workload.objects.get(name="app-0").policy.name == "spread"


@pytest.mark.parametrize("who", ["olga", "alice"])
def test_editor_pages_cost_the_same_at_any_size(request, client_for, world, who):
    """Opening an editor and each refresh (checks and a preview of every matching template,
    bounded) cost a fixed number of queries."""
    client = client_for(request.getfixturevalue(who))
    seed(world, 0, 3)
    workload = Workload.objects.get(instance=world, name="app-0")
    spread = Policy.objects.get(instance=world, name="spread")
    urls = [
        reverse("workloads:workload_edit", args=[workload.pk]),
        reverse("workloads:policy_edit", args=[spread.pk]),
        reverse("workloads:workload_delete", args=[workload.pk]),
    ]
    refresh = {"_source": "yaml", "_yaml": yaml.safe_dump(spread.raw)}

    def refresh_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.post(urls[1], refresh, HTTP_HX_REQUEST="true").status_code == 200
        return len(ctx.captured_queries)

    small = [queries(client, url) for url in urls] + [refresh_queries()]
    seed(world, 3, 30)
    assert [queries(client, url) for url in urls] + [refresh_queries()] == small
