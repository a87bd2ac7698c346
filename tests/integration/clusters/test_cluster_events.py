"""Karmada's Events reach the inventory through the sandbox and the watcher, and show, scoped,
on the instance and cluster pages."""

import re
import time
import uuid

import pytest
from django.urls import reverse

from clusters import events, services, watchers
from clusters.karmada import client_for
from clusters.models import ClusterState, KarmadaEvent, MemberCluster
from karmada_sandbox.seed import builders as seed
from tenants.models import TenantNamespace
from tests.factories import TenantNamespaceFactory
from tests.integration.clusters.test_event_links import shown_links

pytestmark = pytest.mark.django_db

EVENT_KEY = "v1/Event"


@pytest.fixture
def owned(instance, tenant_a, tenant_b):
    """The demo instance with shop owned by tenant A and payments by tenant B."""
    TenantNamespaceFactory(tenant=tenant_a, instance=instance, namespace="shop")
    TenantNamespaceFactory(tenant=tenant_b, instance=instance, namespace="payments")
    return instance


def ready_cluster(instance) -> MemberCluster:
    return MemberCluster.objects.filter(instance=instance, state=ClusterState.READY).first()


def propagate_config_map(instance, namespace: str, cluster: str) -> str:
    """Create a ConfigMap and a policy sending it to `cluster`; returns the ConfigMap's name."""
    name = f"ev-{uuid.uuid4().hex[:8]}"
    with client_for(instance) as client:
        client.create_resource(
            {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": {"name": name, "namespace": namespace},
                "data": {"k": "v"},
            }
        )
        client.create_propagation_policy(
            seed.policy(
                "PropagationPolicy",
                name,
                namespace,
                [seed.selector("ConfigMap", name)],
                {"clusterAffinity": {"clusterNames": [cluster]}},
            )
        )
    return name


def watch_until(instance, **lookup) -> KarmadaEvent:
    """Run the Event watcher in short chunks until a row matching `lookup` is mirrored."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        watchers.watch_once(instance, seconds=1, key=EVENT_KEY)
        if row := KarmadaEvent.objects.filter(instance=instance, **lookup).first():
            return row
    raise AssertionError(f"no event {lookup} reached the inventory")


def test_resync_mirrors_what_karmadas_controllers_recorded(owned, tenant_a, tenant_b):
    rows = KarmadaEvent.objects.filter(instance=owned)
    reasons = set(rows.values_list("involved_kind", "reason"))
    assert ("ResourceBinding", "ScheduleBindingSucceed") in reasons
    assert ("Deployment", "ApplyPolicySucceed") in reasons
    assert ("Work", "SyncSucceed") in reasons
    assert ("Cluster", "CreateExecutionSpaceSucceed") in reasons
    # Tenants come from the namespaces' owners, set after the first resync here.
    assert {e.tenant_id for e in rows.filter(involved_namespace="shop")} == {tenant_a.pk}
    assert {e.tenant_id for e in rows.filter(involved_namespace="payments")} == {tenant_b.pk}
    work = rows.filter(involved_kind="Work").first()
    assert work.tenant_id is None
    assert work.involved_namespace == f"karmada-es-{work.cluster_name}"
    assert work.message == (
        f"Sync work({work.involved_namespace}/{work.involved_name}) "
        f"to cluster({work.cluster_name}) successful."
    )
    space = rows.get(
        involved_kind="Cluster",
        reason="CreateExecutionSpaceSucceed",
        involved_name=work.cluster_name,
    )
    assert space.cluster_name == work.cluster_name and space.namespace == "default"


def test_unchanged_event_is_skipped(instance):
    raw = event_object("again", "2030-01-01T00:00:00Z")
    assert events.upsert_event(instance, raw).reason == "ScheduleBindingSucceed"
    assert events.upsert_event(instance, raw) is None
    assert events.replace_events(instance, [raw]) == 0
    counted = {**raw, "metadata": {**raw["metadata"], "resourceVersion": "2"}, "count": 4}
    assert events.upsert_event(instance, counted).count == 4


def test_watcher_brings_new_events_to_both_pages(client_for, olga, owned):
    cluster = ready_cluster(owned)
    watchers.watch_once(owned, seconds=1, key=EVENT_KEY)
    name = propagate_config_map(owned, "shop", cluster.name)
    applied = watch_until(owned, involved_name=name, reason="ApplyPolicySucceed")
    assert applied.involved_kind == "ConfigMap" and applied.involved_namespace == "shop"
    synced = watch_until(
        owned,
        involved_kind="Work",
        involved_name__startswith=f"{name}-",
        reason="SyncSucceed",
    )
    assert synced.involved_namespace == f"karmada-es-{cluster.name}"
    assert synced.cluster_name == cluster.name

    client = client_for(olga)
    body = client.get(reverse("clusters:instance_detail", args=[owned.pk])).content.decode()
    assert f'id="instance-{owned.pk}-events"' in body and f"ConfigMap shop/{name}" in body
    body = client.get(reverse("clusters:cluster_detail", args=[cluster.pk])).content.decode()
    assert f'id="cluster-{cluster.pk}-events"' in body
    assert f'data-event-uid="{synced.uid}"' in body
    assert f'data-event-uid="{applied.uid}"' not in body  # not about this cluster


def test_events_fragments_render_for_htmx(client_for, olga, owned):
    cluster = ready_cluster(owned)
    client = client_for(olga)
    response = client.get(
        reverse("clusters:cluster_events", args=[cluster.pk]), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith(f'<section class="mt-3" id="cluster-{cluster.pk}-events"')
    assert "CreateExecutionSpaceSucceed" in body
    response = client.get(
        reverse("clusters:instance_events", args=[owned.pk]), headers={"HX-Request": "true"}
    )
    assert response.content.decode().lstrip().startswith(f'<section id="instance-{owned.pk}-')


def shown_events(client, url) -> list[KarmadaEvent]:
    body = client.get(url).content.decode()
    uids = re.findall(r'data-event-uid="([^"]+)"', body)
    return list(KarmadaEvent.objects.filter(uid__in=uids))


def test_tenants_see_their_namespaces_and_the_clusters_only(client_for, bob, carol, owned):
    assert set(KarmadaEvent.objects.for_user(bob).values_list("involved_namespace", flat=True)) == {
        "shop",
        "",
    }
    about_clusters = KarmadaEvent.objects.filter(instance=owned, involved_kind="Cluster")
    assert set(KarmadaEvent.objects.for_user(carol).filter(involved_namespace="")) == set(
        about_clusters
    )

    instance_url = reverse("clusters:instance_detail", args=[owned.pk])
    mine = {e.involved_namespace for e in shown_events(client_for(bob), instance_url)}
    assert "shop" in mine and mine <= {"shop", ""}
    theirs = {e.involved_namespace for e in shown_events(client_for(carol), instance_url)}
    assert "payments" in theirs and theirs <= {"payments", ""}

    # On a cluster page tenants read the events about the Cluster, not its Works' events.
    work = KarmadaEvent.objects.filter(instance=owned, involved_kind="Work").first()
    cluster = MemberCluster.objects.get(instance=owned, name=work.cluster_name)
    shown = shown_events(client_for(carol), reverse("clusters:cluster_detail", args=[cluster.pk]))
    assert shown and {e.involved_kind for e in shown} == {"Cluster"}


def test_events_link_to_the_pages_of_what_karmada_acted_on(client_for, olga, bob, owned):
    """The demo's templates, bindings, Works and clusters are all mirrored: each event about
    one links to a page that opens for the reader."""
    linked_kinds = {"Deployment", "Service", "ConfigMap", "ResourceBinding", "Work", "Cluster"}
    cluster = ready_cluster(owned)
    urls = [
        reverse("clusters:instance_detail", args=[owned.pk]),
        reverse("clusters:cluster_detail", args=[cluster.pk]),
    ]
    for user in (olga, bob):
        client = client_for(user)
        for url in urls:
            links = shown_links(client, url)
            shown = KarmadaEvent.objects.filter(instance=owned, uid__in=links)
            assert {e.uid for e in shown if e.involved_kind in linked_kinds} == {
                uid for uid, href in links.items() if href
            }
            for href in set(links.values()) - {None}:
                assert client.get(href).status_code == 200
    works = KarmadaEvent.objects.filter(instance=owned, involved_kind="Work")
    cluster_links = shown_links(client_for(olga), urls[1])
    assert any(cluster_links.get(e.uid) for e in works.filter(cluster_name=cluster.name))


def test_outsider_gets_404_for_the_fragments(client_for, carol, instance):
    cluster = MemberCluster.objects.filter(instance=instance).first()
    client = client_for(carol)
    assert client.get(reverse("clusters:instance_events", args=[instance.pk])).status_code == 404
    assert client.get(reverse("clusters:cluster_events", args=[cluster.pk])).status_code == 404


def test_namespace_changing_owner_moves_its_events(owned, tenant_a, tenant_b):
    TenantNamespace.objects.filter(instance=owned, namespace="shop").update(tenant=tenant_b)
    TenantNamespace.objects.get(instance=owned, namespace="shop").save()
    rows = KarmadaEvent.objects.filter(instance=owned, involved_namespace="shop")
    assert set(rows.values_list("tenant_id", flat=True)) == {tenant_b.pk}
    TenantNamespace.objects.filter(instance=owned, namespace="shop").delete()
    assert set(rows.values_list("tenant_id", flat=True)) == {None}


def test_only_the_newest_events_are_kept(settings, instance, sandbox):
    settings.KAIRSHIP_EVENTS_KEPT = 5
    fifth_newest = sorted((e["lastTimestamp"] for e in sandbox_events(sandbox)), reverse=True)[4]
    services.resync_instance(instance.pk)
    kept = KarmadaEvent.objects.filter(instance=instance)
    assert kept.count() == 5
    oldest_kept = min(kept.values_list("last_seen", flat=True))
    assert oldest_kept.strftime("%Y-%m-%dT%H:%M:%SZ") >= fifth_newest

    # New events push the oldest out; the bound holds on the watch path too.
    cluster = ready_cluster(instance)
    watchers.watch_once(instance, seconds=1, key=EVENT_KEY)
    name = propagate_config_map(instance, "shop", cluster.name)
    watch_until(instance, involved_kind="ConfigMap", involved_name=name)
    assert kept.count() == 5


def test_an_event_older_than_every_kept_one_is_dropped(settings, instance):
    settings.KAIRSHIP_EVENTS_KEPT = 3
    events.trim_events(instance.pk)
    newest = KarmadaEvent.objects.filter(instance=instance).first()
    assert events.upsert_event(instance, event_object("stale", "2001-01-01T00:00:00Z")) is None
    assert KarmadaEvent.objects.filter(instance=instance).count() == 3
    assert KarmadaEvent.objects.filter(pk=newest.pk).exists()


def test_deleted_event_stays_until_trimmed(instance):
    row = KarmadaEvent.objects.filter(instance=instance).first()
    events.keep_deleted_event(instance, {"metadata": {"uid": row.uid}})
    assert KarmadaEvent.objects.filter(pk=row.pk).exists()


def sandbox_events(sandbox) -> list[dict]:
    store = sandbox.control_plane
    return store.list(store.registry.by_kind("v1", "Event"), None)[0]


def event_object(name: str, stamp: str, namespace: str = "shop", **fields) -> dict:
    """A core/v1 Event as Karmada's recorder writes it."""
    return {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {
            "name": name,
            "namespace": namespace,
            "uid": f"uid-{name}",
            "resourceVersion": "1",
        },
        "involvedObject": {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "namespace": namespace,
            "name": name,
        },
        "type": "Normal",
        "reason": "ScheduleBindingSucceed",
        "message": "Binding has been scheduled successfully.",
        "count": 1,
        "firstTimestamp": stamp,
        "lastTimestamp": stamp,
        "source": {"component": "default-scheduler"},
        **fields,
    }
