"""On the instance and cluster pages, an event's object links to its console page, when the
inventory mirrors it and the reader may open that page; otherwise it stays plain text."""

import re

import pytest
from django.urls import reverse

from clusters import sync
from clusters.models import MemberCluster
from tests.factories import KarmadaInstanceFactory, TenantNamespaceFactory
from tests.integration.clusters.test_cluster_query_counts import cluster_object, mirror_template
from tests.integration.clusters.test_event_api import record
from workloads import sync as workload_sync
from workloads.models import Policy, Workload

pytestmark = pytest.mark.django_db


def policy_object(name: str, namespace: str = "shop") -> dict:
    return {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "PropagationPolicy",
        "metadata": {
            "name": name,
            "namespace": namespace,
            "uid": f"p-{name}",
            "resourceVersion": "1",
        },
        "spec": {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}]},
    }


@pytest.fixture
def world(tenant_a, tenant_b):
    """cart in shop (tenant A) with its binding, a Work on c1 and events about each of them,
    a policy, the cluster, objects the inventory lacks, and `moved`, whose row tenant B owns."""
    instance = KarmadaInstanceFactory(name="east")
    TenantNamespaceFactory(tenant=tenant_a, instance=instance, namespace="shop")
    TenantNamespaceFactory(tenant=tenant_b, instance=instance, namespace="payments")
    sync.upsert_cluster(instance, cluster_object("c1", "uid-c1"))
    mirror_template(instance, "cart", "cart-w", "c1")
    mirror_template(instance, "moved", "moved-w", "c1")
    Workload.objects.filter(name="moved").update(tenant=tenant_b)
    workload_sync.upsert_policy(instance, policy_object("spread"))
    events = [
        ("template", "Deployment", "shop", "cart", ""),
        ("binding", "ResourceBinding", "shop", "cart-deployment", ""),
        ("work", "Work", "karmada-es-c1", "cart-w", ""),
        ("policy", "PropagationPolicy", "shop", "spread", ""),
        ("cluster", "Cluster", "", "c1", ""),
        ("moved", "Deployment", "shop", "moved", ""),
        ("gone", "Deployment", "shop", "gone", ""),
        ("cluster-gone", "Cluster", "", "c-gone", ""),
        ("other-group", "Deployment", "shop", "cart", "example.io/v1"),
        ("karmada-kind", "FederatedHPA", "shop", "cart", "autoscaling.karmada.io/v1alpha1"),
        ("payments", "Deployment", "payments", "ledger", ""),
    ]
    for minute, (uid, kind, namespace, name, version) in enumerate(events):
        record(instance, uid, kind, namespace, name, minute, api_version=version)
    return instance


def shown_links(client, url) -> dict[str, str | None]:
    """Each shown event's uid and the href of its object's link (None: plain text)."""
    body = client.get(url).content.decode()
    rows = re.findall(r'data-event-uid="([^"]+)">(.*?)</tr>', body, re.S)
    assert rows
    return {
        uid: (m.group(1) if (m := re.search(r'<a href="([^"]+)" data-event-link>', row)) else None)
        for uid, row in rows
    }


def pages(instance) -> dict[str, str]:
    def workload(name):
        return reverse("workloads:workload_detail", args=[Workload.objects.get(name=name).pk])

    return {
        "cart": workload("cart"),
        "moved": workload("moved"),
        "spread": reverse("workloads:policy_detail", args=[Policy.objects.get(name="spread").pk]),
        "c1": reverse("clusters:cluster_detail", args=[cluster(instance).pk]),
    }


def cluster(instance) -> MemberCluster:
    return MemberCluster.objects.get(instance=instance, name="c1")


def test_operator_gets_a_link_for_everything_the_console_mirrors(client_for, olga, world):
    page = pages(world)
    links = shown_links(client_for(olga), reverse("clusters:instance_detail", args=[world.pk]))
    assert links == {
        "template": page["cart"],
        "binding": page["cart"],
        "work": page["cart"],
        "policy": page["spread"],
        "cluster": page["c1"],
        "moved": page["moved"],
        "gone": None,
        "cluster-gone": None,
        "other-group": None,
        "karmada-kind": None,
        "payments": None,
    }


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_tenant_links_only_to_pages_it_can_open(request, client_for, world, who):
    page = pages(world)
    client = client_for(request.getfixturevalue(who))
    links = shown_links(client, reverse("clusters:instance_detail", args=[world.pk]))
    assert links == {
        "template": page["cart"],
        "binding": page["cart"],
        "policy": page["spread"],
        "cluster": page["c1"],
        "moved": None,  # its event is the tenant's, its row is not: no link to a 404
        "gone": None,
        "cluster-gone": None,
        "other-group": None,
        "karmada-kind": None,
    }
    for url in {href for href in links.values() if href}:
        assert client.get(url).status_code == 200
    assert client.get(page["moved"]).status_code == 404


def test_another_tenant_sees_neither_the_events_nor_links_to_them(client_for, carol, world):
    links = shown_links(client_for(carol), reverse("clusters:instance_detail", args=[world.pk]))
    assert links == {"cluster": pages(world)["c1"], "cluster-gone": None, "payments": None}


@pytest.mark.parametrize(
    ("who", "expected"), [("olga", {"cluster": "c1", "work": "cart"}), ("bob", {"cluster": "c1"})]
)
def test_cluster_page_links_its_events(request, client_for, world, who, expected):
    page = pages(world)
    client = client_for(request.getfixturevalue(who))
    url = reverse("clusters:cluster_events", args=[cluster(world).pk])
    links = shown_links(client, url)
    assert links == {uid: page[target] for uid, target in expected.items()}
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.count("data-event-link") == len(expected)
