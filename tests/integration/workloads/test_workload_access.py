"""Tenants see their namespaces' workloads and policies; strangers get 404 and empty lists."""

import pytest
from django.urls import reverse

from kairship_ui import live
from workloads.models import Policy, ResourceBinding, Workload

pytestmark = pytest.mark.django_db


@pytest.fixture
def storefront(demo):
    return Workload.objects.get(instance=demo, kind="Deployment", name="storefront")


def test_tenant_reads_its_workload_pages(client_for, bob, storefront):
    client = client_for(bob)
    listing = client.get(reverse("workloads:workload_list")).content.decode()
    assert f'id="workload-{storefront.pk}-row"' in listing and "payments-api" not in listing
    detail = client.get(reverse("workloads:workload_detail", args=[storefront.pk]))
    body = detail.content.decode()
    assert detail.status_code == 200 and 'data-override="storefront-eu-mirror"' in body
    assert 'data-dependency="ConfigMap/storefront-config"' in body
    for placement in storefront.binding.placements.all():
        assert f'data-placement="{placement.cluster_name}"' in body
        assert f'data-work="{placement.cluster_name}"' in body


def test_stranger_gets_404_and_empty_lists(client_for, carol, storefront):
    client = client_for(carol)
    url = reverse("workloads:workload_detail", args=[storefront.pk])
    assert client.get(url).status_code == 404
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 404  # the fragment too
    policy = Policy.objects.get(instance=storefront.instance, name="storefront")
    assert client.get(reverse("workloads:policy_detail", args=[policy.pk])).status_code == 404
    listing = client.get(reverse("workloads:workload_list")).content.decode()
    assert "storefront" not in listing and "payments-api" in listing
    policies = client.get(reverse("workloads:policy_list")).content.decode()
    assert "storefront" not in policies and "payments-region-label" in policies


def test_cluster_scoped_objects_are_operator_only(client_for, bob, olga, demo):
    cpp = Policy.objects.get(instance=demo, kind="ClusterPropagationPolicy")
    assert client_for(bob).get(reverse("workloads:policy_detail", args=[cpp.pk])).status_code == 404
    page = client_for(olga).get(reverse("workloads:policy_detail", args=[cpp.pk]))
    assert page.status_code == 200 and "platform-rbac" in page.content.decode()


def test_api_lists_filter_and_hide(api, bob, carol, olga, storefront):
    mine = api(bob).get("/api/workloads/", {"kind": "Deployment"}).json()
    assert {r["name"] for r in mine["results"]} == {"storefront", "cart"}
    row = next(r for r in mine["results"] if r["name"] == "storefront")
    assert row["binding"]["replicas"] == 6 and row["binding"]["placements"]
    assert api(carol).get(f"/api/workloads/{storefront.pk}/").status_code == 404
    theirs = api(carol).get("/api/workloads/").json()["results"]
    assert theirs and all(r["namespace"] == "payments" for r in theirs)
    binding = ResourceBinding.objects.get(workload=storefront)
    assert api(carol).get(f"/api/resource-bindings/{binding.pk}/").status_code == 404
    assert api(bob).get(f"/api/resource-bindings/{binding.pk}/").status_code == 200
    names = {p["name"] for p in api(carol).get("/api/policies/").json()["results"]}
    assert "storefront" not in names and "payments-api" in names
    everything = api(olga).get("/api/policies/", {"family": "override"}).json()
    assert {"storefront-eu-mirror", "managed-by-kairship"} <= {
        p["name"] for p in everything["results"]
    }


def test_viewers_cannot_write_through_the_api(api, bob, storefront):
    # The API takes writes now; a viewer's is refused and nothing is queued.
    assert api(bob).delete(f"/api/workloads/{storefront.pk}/").status_code == 403
    assert not storefront.instance.operations.filter(verb__startswith="workload").exists()


def test_list_filters(client_for, olga, demo, storefront):
    client = client_for(olga)
    by_policy = client.get(reverse("workloads:workload_list"), {"policy": "shop/storefront"})
    body = by_policy.content.decode()
    assert f"workload-{storefront.pk}-row" in body and "payments-api" not in body
    unclaimed = client.get(reverse("workloads:workload_list"), {"state": "unclaimed"})
    assert f"workload-{storefront.pk}-row" not in unclaimed.content.decode()
    fragment = client.get(
        reverse("workloads:workload_list"), {"kind": "Secret"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in fragment and 'id="workload-table"' in fragment
    assert "payments-db" in fragment and "storefront" not in fragment


def test_topics_follow_the_same_scope(bob, carol, olga, storefront):
    topic = live.object_group("workload", storefront.pk)
    assert live.authorize(bob, topic) and live.authorize(olga, topic)
    assert not live.authorize(carol, topic)
    assert live.render_fragment(carol, "workload", storefront.pk) is None
    html = live.render_fragment(bob, "workload", storefront.pk)
    assert f'id="workload-{storefront.pk}-status"' in html and 'hx-swap-oob="true"' in html
    assert not live.authorize(carol, live.tenant_list_group("workloads", storefront.tenant_id))
