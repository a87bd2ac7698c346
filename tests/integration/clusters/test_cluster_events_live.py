"""A new event reaches open instance and cluster pages, re-rendered through each reader's scope."""

import pytest
from asgiref.sync import sync_to_async

from clusters import events, sync
from kairship_ui import live
from kairship_ui.consumers import FORBIDDEN
from tests.factories import KarmadaInstanceFactory, TenantNamespaceFactory
from tests.integration.clusters.test_cluster_events import event_object
from tests.integration.clusters.test_cluster_query_counts import cluster_object
from tests.integration.foundation.test_live import connect

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


def instance_with_cluster(tenant):
    """An instance where `tenant` owns shop, with member cluster c1."""
    instance = KarmadaInstanceFactory()
    TenantNamespaceFactory(tenant=tenant, instance=instance, namespace="shop")
    cluster = sync.upsert_cluster(instance, cluster_object("c1", "uid-c1"))
    return instance, cluster


async def test_new_event_reaches_the_open_instance_page(bob, tenant_a):
    instance, _ = await sync_to_async(instance_with_cluster)(tenant_a)
    topic = live.object_group(events.INSTANCE_TOPIC, instance.pk)
    communicator, connected, _ = await connect(bob, topic)
    assert connected
    raw = event_object("web", "2030-01-01T00:00:00Z", message="Scheduled web onto c1.")
    await sync_to_async(events.upsert_event)(instance, raw)
    html = await communicator.receive_from(timeout=5)
    assert f'id="instance-{instance.pk}-events"' in html and 'hx-swap-oob="true"' in html
    assert "Scheduled web onto c1." in html and "Deployment shop/web" in html
    await communicator.disconnect()


async def test_other_tenants_event_is_not_rendered_for_a_reader(bob, tenant_a, tenant_b):
    instance, _ = await sync_to_async(instance_with_cluster)(tenant_a)
    await sync_to_async(TenantNamespaceFactory)(
        tenant=tenant_b, instance=instance, namespace="payments"
    )
    communicator, connected, _ = await connect(
        bob, live.object_group(events.INSTANCE_TOPIC, instance.pk)
    )
    assert connected
    raw = event_object("pay", "2030-01-01T00:00:00Z", namespace="payments", message="Secret!")
    await sync_to_async(events.upsert_event)(instance, raw)
    html = await communicator.receive_from(timeout=5)
    assert f'id="instance-{instance.pk}-events"' in html and "Secret!" not in html
    await communicator.disconnect()


async def test_work_event_reaches_the_open_cluster_page(olga, tenant_a):
    instance, cluster = await sync_to_async(instance_with_cluster)(tenant_a)
    communicator, connected, _ = await connect(
        olga, live.object_group(events.CLUSTER_TOPIC, cluster.pk)
    )
    assert connected
    work = {"apiVersion": "work.karmada.io/v1alpha1", "kind": "Work"}
    raw = event_object(
        "web-5d8f",
        "2030-01-01T00:00:00Z",
        namespace="karmada-es-c1",
        involvedObject={**work, "namespace": "karmada-es-c1", "name": "web-5d8f"},
        type="Warning",
        reason="SyncFailed",
        message="Failed to sync work(karmada-es-c1/web-5d8f) to cluster(c1), err: refused",
    )
    await sync_to_async(events.upsert_event)(instance, raw)
    html = await communicator.receive_from(timeout=5)
    assert f'id="cluster-{cluster.pk}-events"' in html
    assert "SyncFailed" in html and "pill-failed" in html
    await communicator.disconnect()


@pytest.mark.parametrize("topic", [events.INSTANCE_TOPIC, events.CLUSTER_TOPIC])
async def test_stranger_cannot_subscribe_to_events(carol, tenant_a, topic):
    instance, cluster = await sync_to_async(instance_with_cluster)(tenant_a)
    pk = instance.pk if topic == events.INSTANCE_TOPIC else cluster.pk
    _, connected, code = await connect(carol, live.object_group(topic, pk))
    assert not connected and code == FORBIDDEN
