"""The sync loop publishes changes: subscribers re-render through their own scope."""

import copy

import pytest
from asgiref.sync import sync_to_async

from kairship_ui import live
from kairship_ui.consumers import FORBIDDEN
from tests.factories import KarmadaInstanceFactory, TenantNamespaceFactory
from tests.integration.foundation.test_live import connect
from tests.integration.workloads.test_workload_query_counts import binding, deployment
from workloads import sync
from workloads.models import Workload

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


def mirrored_app(tenant) -> Workload:
    instance = KarmadaInstanceFactory()
    TenantNamespaceFactory(tenant=tenant, instance=instance, namespace="shop")
    workload = sync.upsert_workload(instance, deployment("app", "w1"))
    sync.upsert_binding(instance, binding("app", "w1"))
    return workload


def roll_out(workload: Workload, ready: int) -> None:
    """Karmada reports `ready` replicas on the first cluster (a newer binding version)."""
    raw = copy.deepcopy(workload.binding.raw)
    raw["metadata"]["resourceVersion"] = str(ready + 10)
    raw["status"]["aggregatedStatus"][0]["status"]["readyReplicas"] = ready
    sync.upsert_binding(workload.instance, raw)


async def test_strangers_socket_is_closed(carol, tenant_a):
    workload = await sync_to_async(mirrored_app)(tenant_a)
    _, connected, code = await connect(carol, live.object_group("workload", workload.pk))
    assert not connected and code == FORBIDDEN
    _, connected, code = await connect(carol, live.tenant_list_group("workloads", tenant_a.pk))
    assert not connected and code == FORBIDDEN


async def test_rollout_reaches_the_open_detail_page(bob, tenant_a):
    workload = await sync_to_async(mirrored_app)(tenant_a)
    communicator, connected, _ = await connect(bob, live.object_group("workload", workload.pk))
    assert connected
    workload = await sync_to_async(Workload.objects.select_related("binding", "instance").get)(
        pk=workload.pk
    )
    await sync_to_async(roll_out)(workload, 7)
    html = await communicator.receive_from(timeout=5)
    assert f'id="workload-{workload.pk}-status"' in html and 'hx-swap-oob="true"' in html
    assert "9 / 3" in html  # 7 on c1 plus 1 on each of the two others
    await communicator.disconnect()


async def test_new_workload_refreshes_tenant_lists_only(bob, carol, tenant_a, tenant_b):
    workload = await sync_to_async(mirrored_app)(tenant_a)
    mine, connected, _ = await connect(bob, live.tenant_list_group("workloads", tenant_a.pk))
    theirs, also, _ = await connect(carol, live.tenant_list_group("workloads", tenant_b.pk))
    assert connected and also
    instance = await sync_to_async(lambda: workload.instance)()
    await sync_to_async(sync.upsert_workload)(instance, deployment("other", "w2"))
    html = await mine.receive_from(timeout=5)
    assert live.list_dom_id(live.tenant_list_group("workloads", tenant_a.pk)) in html
    assert await theirs.receive_nothing(timeout=1)
    await mine.disconnect()
    await theirs.disconnect()
