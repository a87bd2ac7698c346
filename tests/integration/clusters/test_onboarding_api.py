"""REST endpoints for joining, registering, unjoining and operator-managed instances."""

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusters.models import MemberCluster, OperatorKarmada
from kairship_ui.models import Operation
from tests.factories import KarmadaInstanceFactory

pytestmark = pytest.mark.django_db


def test_join_endpoint_queues_the_join(api, olga, instance, kubeconfig_text):
    response = api(olga).post(
        f"/api/instances/{instance.pk}/join/",
        {"name": "edge-api", "kubeconfig": kubeconfig_text, "zones": ["z1"]},
        format="json",
    )
    assert response.status_code == 202 and response.json()["verb"] == "cluster.join"
    assert "kubeconfig" not in response.json()


def test_join_endpoint_reports_errors_at_the_field(api, olga, instance):
    taken = MemberCluster.objects.filter(instance=instance).first().name
    response = api(olga).post(
        f"/api/instances/{instance.pk}/join/",
        {"name": taken, "kubeconfig": "apiVersion: v1"},
        format="json",
    )
    assert response.status_code == 409 and "name" in response.json()


def test_bootstrap_token_endpoint_answers_the_command(api, olga, instance):
    response = api(olga).post(
        f"/api/instances/{instance.pk}/bootstrap-tokens/", {"cluster_name": "pull-1"}
    )
    body = response.json()
    assert response.status_code == 202 and body["operation"]["verb"] == "cluster.bootstrap-token"
    assert (
        body["command"].startswith("karmadactl register ")
        and "--cluster-name pull-1" in body["command"]
    )


def test_unjoin_endpoint_and_isolation(api, olga, carol, instance):
    cluster = MemberCluster.objects.filter(instance=instance).first()
    assert api(carol).post(f"/api/member-clusters/{cluster.pk}/unjoin/").status_code == 404
    assert api(carol).post(f"/api/instances/{instance.pk}/join/", {}).status_code == 404
    response = api(olga).post(f"/api/member-clusters/{cluster.pk}/unjoin/")
    assert response.status_code == 202 and response.json()["verb"] == "cluster.unjoin"


def test_operator_karmada_endpoints(api, olga, alice, instance):
    client = api(olga)
    response = client.post(
        "/api/operator-karmadas/",
        {
            "host": instance.pk,
            "name": "fleet",
            "namespace": "karmada-system",
            "version": "v1.15.0",
            "replicas": {"karmadaScheduler": 2},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["phase"] == "pending"
    response = client.patch(
        f"/api/operator-karmadas/{pk}/", {"replicas": {"karmadaWebhook": 2}}, format="json"
    )
    assert response.status_code == 202 and response.json()["verb"] == "karmada.update"
    assert OperatorKarmada.objects.get(pk=pk).replicas == {
        "karmadaScheduler": 2,
        "karmadaWebhook": 2,
    }
    assert api(alice).get(f"/api/operator-karmadas/{pk}/").status_code == 404
    assert client.delete(f"/api/operator-karmadas/{pk}/").status_code == 202
    assert Operation.objects.filter(verb="karmada.delete").exists()


def test_operator_karmada_bad_replicas_are_400_at_the_field(api, olga, instance):
    response = api(olga).post(
        "/api/operator-karmadas/",
        {"host": instance.pk, "name": "f", "namespace": "n", "replicas": {"etcd": 2}},
        format="json",
    )
    assert response.status_code == 400 and "replicas" in response.json()


def test_schema_lists_the_new_endpoints(client_for, olga):
    schema = yaml.safe_load(client_for(olga).get("/api/schema/").content)
    paths = schema["paths"]
    for path in (
        "/api/instances/{id}/join/",
        "/api/instances/{id}/bootstrap-tokens/",
        "/api/member-clusters/{id}/unjoin/",
        "/api/operator-karmadas/",
        "/api/operator-karmadas/{id}/",
    ):
        assert path in paths, path


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/api/operator-karmadas/", "clusters:karmada_list"])
def test_operator_lists_cost_constant_queries(client_for, olga, url):
    url = reverse(url) if ":" in url else url
    client = client_for(olga)
    host = KarmadaInstanceFactory()
    OperatorKarmada.objects.create(host=host, namespace="n", name="k0")
    small = count(client, url)
    for i in range(1, 20):
        registered = KarmadaInstanceFactory()
        OperatorKarmada.objects.create(
            host=host, namespace="n", name=f"k{i}", registered=registered
        )
    assert count(client, url) == small


def test_operator_detail_costs_constant_queries(client_for, olga):
    client = client_for(olga)
    host = KarmadaInstanceFactory()
    karmada = OperatorKarmada.objects.create(host=host, namespace="n", name="k")
    url = reverse("clusters:karmada_detail", args=[karmada.pk])
    small = count(client, url)
    for _ in range(10):
        Operation.objects.create(instance=host, kind="Karmada", namespace="n", name="k", verb="x")
    assert count(client, url) == small
