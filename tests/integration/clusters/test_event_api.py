"""`/api/events/`: read-only, scoped like the pages' event tables, filtered, newest first."""

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from clusters import events
from clusters.models import KarmadaEvent
from tests.factories import KarmadaInstanceFactory, TenantNamespaceFactory

pytestmark = pytest.mark.django_db

API_VERSIONS = {
    "Cluster": "cluster.karmada.io/v1alpha1",
    "Work": "work.karmada.io/v1alpha1",
    "ResourceBinding": "work.karmada.io/v1alpha2",
    "Deployment": "apps/v1",
    "PropagationPolicy": "policy.karmada.io/v1alpha1",
}


def record(
    instance, uid, kind, namespace, name, minute=0, etype="Normal", reason="Synced", api_version=""
):
    """Mirror one Event about `kind namespace/name`, last seen at 10:<minute>."""
    stamp = f"2030-01-01T10:{minute:02d}:00Z"
    raw = {
        "metadata": {"name": uid, "namespace": namespace or "default", "uid": uid},
        "involvedObject": {
            "apiVersion": api_version or API_VERSIONS[kind],
            "kind": kind,
            "namespace": namespace,
            "name": name,
        },
        "type": etype,
        "reason": reason,
        "message": f"{reason} {name}",
        "count": 3,
        "firstTimestamp": "2030-01-01T09:00:00Z",
        "lastTimestamp": stamp,
        "source": {"component": "karmada-controller-manager"},
    }
    events.upsert_event(instance, raw)
    return KarmadaEvent.objects.get(instance=instance, uid=uid)


@pytest.fixture
def world(tenant_a, tenant_b):
    """One instance with shop (tenant A) and payments (tenant B), one that no tenant reads."""
    instance = KarmadaInstanceFactory(name="east")
    TenantNamespaceFactory(tenant=tenant_a, instance=instance, namespace="shop")
    TenantNamespaceFactory(tenant=tenant_b, instance=instance, namespace="payments")
    other = KarmadaInstanceFactory(name="west")
    return {
        "instance": instance,
        "other": other,
        "shop": record(instance, "shop-1", "Deployment", "shop", "cart", 1, "Warning", "Failed"),
        "shop_rb": record(instance, "shop-2", "ResourceBinding", "shop", "cart-deployment", 2),
        "payments": record(instance, "pay-1", "Deployment", "payments", "ledger", 3),
        "cluster": record(instance, "c1-1", "Cluster", "", "c1", 4, reason="Ready"),
        "work": record(instance, "w-1", "Work", "karmada-es-c1", "cart-x", 5, reason="SyncOK"),
        "west": record(other, "west-1", "Cluster", "", "c9", 6, reason="Ready"),
    }


def listed(client, query="") -> list[int]:
    response = client.get(f"/api/events/{query}")
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def ids(world, *names) -> set[int]:
    return {world[name].pk for name in names}


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("olga", ("shop", "shop_rb", "payments", "cluster", "work", "west")),
        ("alice", ("shop", "shop_rb", "cluster")),
        ("bob", ("shop", "shop_rb", "cluster")),
        ("carol", ("payments", "cluster")),
    ],
)
def test_each_reader_lists_what_the_event_tables_show(request, api, world, who, visible):
    user = request.getfixturevalue(who)
    shown = listed(api(user))
    assert set(shown) == ids(world, *visible)
    assert set(shown) == set(KarmadaEvent.objects.for_user(user).values_list("pk", flat=True))


def test_another_tenant_gets_404_for_an_event_it_cannot_see(api, world, bob, carol):
    url = f"/api/events/{world['shop'].pk}/"
    assert api(carol).get(url).status_code == 404
    assert api(carol).get(f"/api/events/{world['work'].pk}/").status_code == 404
    assert api(bob).get(url).status_code == 200


def test_anonymous_gets_401(world):
    client = APIClient()
    assert client.get("/api/events/").status_code == 401
    assert client.get(f"/api/events/{world['cluster'].pk}/").status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_events_cannot_be_written(api, world, olga, method):
    url = "/api/events/" if method == "post" else f"/api/events/{world['shop'].pk}/"
    assert getattr(api(olga), method)(url, {}).status_code == 405
    assert KarmadaEvent.objects.filter(pk=world["shop"].pk).exists()


def test_an_event_in_full(api, world, bob):
    body = api(bob).get(f"/api/events/{world['shop'].pk}/").json()
    assert body == {
        "id": world["shop"].pk,
        "instance": world["instance"].pk,
        "cluster_name": "",
        "type": "Warning",
        "reason": "Failed",
        "message": "Failed cart",
        "source": "karmada-controller-manager",
        "count": 3,
        "first_seen": "2030-01-01T09:00:00Z",
        "last_seen": "2030-01-01T10:01:00Z",
        "involved": {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "namespace": "shop",
            "name": "cart",
        },
    }


def test_newest_first(api, world, olga):
    names = ["west", "work", "cluster", "payments", "shop_rb", "shop"]
    assert listed(api(olga)) == [world[name].pk for name in names]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=Warning", ("shop",)),
        ("reason=Ready", ("cluster", "west")),
        ("involved_kind=Deployment", ("shop", "payments")),
        ("involved_namespace=shop", ("shop", "shop_rb")),
        ("cluster=c1", ("cluster", "work")),
        ("involved_kind=Cluster&cluster=c9", ("west",)),
    ],
)
def test_filters(api, world, olga, query, expected):
    assert set(listed(api(olga), f"?{query}")) == ids(world, *expected)


def test_instance_filter(api, world, olga, carol):
    west = world["other"].pk
    assert set(listed(api(olga), f"?instance={west}")) == ids(world, "west")
    east = world["instance"].pk
    assert set(listed(api(carol), f"?instance={east}")) == ids(world, "payments", "cluster")
    # Filters narrow what the reader sees; they never widen it.
    assert set(listed(api(carol), "?involved_namespace=shop")) == set()


def test_an_instance_the_reader_cannot_see_is_not_a_choice(api, world, carol):
    response = api(carol).get(f"/api/events/?instance={world['other'].pk}")
    assert response.status_code == 400 and "instance" in response.json()


def grow(instance, start, count):
    for i in range(start, start + count):
        record(instance, f"g-shop-{i}", "Deployment", "shop", f"d{i}", i % 60)
        record(instance, f"g-c-{i}", "Cluster", "", f"c{i}", i % 60)
        record(instance, f"g-w-{i}", "Work", "karmada-es-c1", f"w{i}", i % 60)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["olga", "bob"])
@pytest.mark.parametrize("query", ["", "?instance={pk}&type=Normal"])
def test_list_query_count_is_constant(request, api, world, who, query):
    client = api(request.getfixturevalue(who))
    url = "/api/events/" + query.format(pk=world["instance"].pk)
    grow(world["instance"], 0, 3)
    small = queries(client, url)
    grow(world["instance"], 3, 40)
    assert queries(client, url) == small
    assert len(client.get(url).json()["results"]) == 50  # a full page at the larger size


def test_schema_lists_the_endpoint_without_warnings(tmp_path):
    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    paths = yaml.safe_load((tmp_path / "schema.yaml").read_text())["paths"]
    assert set(paths["/api/events/"]) == {"get"}
    assert set(paths["/api/events/{id}/"]) == {"get"}
    parameters = {p["name"] for p in paths["/api/events/"]["get"]["parameters"]}
    filters = {"instance", "cluster", "type", "involved_kind", "involved_namespace", "reason"}
    assert filters | {"page"} == parameters
