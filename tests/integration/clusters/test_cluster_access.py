"""Clusters are operator objects: tenants read those their namespaces reach, change nothing."""

import pytest
from django.urls import reverse

from clusters.models import MemberCluster
from tests.factories import TenantNamespaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster(instance):
    return MemberCluster.objects.filter(instance=instance).first()


def test_tenant_without_namespace_on_the_instance_gets_404(client_for, carol, cluster):
    client = client_for(carol)
    assert client.get(reverse("clusters:cluster_detail", args=[cluster.pk])).status_code == 404
    assert (
        client.get(reverse("clusters:instance_detail", args=[cluster.instance_id])).status_code
        == 404
    )
    assert cluster.name not in client.get(reverse("clusters:cluster_list")).content.decode()


def test_tenant_with_namespace_reads_but_cannot_steer(client_for, bob, tenant_a, cluster):
    TenantNamespaceFactory(tenant=tenant_a, instance=cluster.instance, namespace="shop")
    client = client_for(bob)
    assert client.get(reverse("clusters:cluster_detail", args=[cluster.pk])).status_code == 200
    response = client.post(reverse("clusters:cluster_cordon", args=[cluster.pk, "cordon"]))
    assert response.status_code == 404
    assert client.get(reverse("clusters:instance_register")).status_code == 404


def test_api_lists_filter_and_hide(api, olga, carol, cluster):
    body = api(olga).get("/api/member-clusters/", {"provider": cluster.provider}).json()
    assert body["count"] >= 1 and all(r["provider"] == cluster.provider for r in body["results"])
    assert api(carol).get("/api/member-clusters/").json()["count"] == 0
    assert api(carol).post(f"/api/member-clusters/{cluster.pk}/cordon/").status_code == 404


def test_api_cordon_queues_an_operation(api, olga, cluster):
    response = api(olga).post(f"/api/member-clusters/{cluster.pk}/cordon/")
    assert response.status_code == 202 and response.json()["verb"] == "cluster.taint"


def test_api_bad_taint_is_400_at_the_field(api, olga, cluster):
    response = api(olga).post(
        f"/api/member-clusters/{cluster.pk}/taints/",
        {"key": "x", "effect": "Sometimes"},
        format="json",
    )
    assert response.status_code == 400 and "effect" in response.json()


def test_api_instance_kubeconfig_is_never_returned(api, olga, instance):
    body = api(olga).get(f"/api/instances/{instance.pk}/").json()
    assert "kubeconfig" not in body and body["health"] == "healthy"


@pytest.mark.parametrize(
    "filters",
    [{"state": "ready"}, {"label": "env"}, {"zone": "eu-west-1a"}, {"sort": "cpu"}, {"q": "aws"}],
)
def test_cluster_list_filters_render(client_for, olga, instance, filters):
    response = client_for(olga).get(reverse("clusters:cluster_list"), filters)
    assert response.status_code == 200
