"""Live updates over the websocket: authorised topics only, fragments re-rendered per user."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from kairship_ui import live
from kairship_ui.consumers import FORBIDDEN, LiveConsumer
from tenants import services
from tenants.models import Membership
from tests.factories import UserFactory

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


async def connect(user, *topics):
    query = "&".join(f"topic={t}" for t in topics)
    communicator = WebsocketCommunicator(LiveConsumer.as_asgi(), f"/ws/live/?{query}")
    communicator.scope["user"] = user
    connected, code = await communicator.connect(timeout=5)
    if connected and not await communicator.receive_nothing(timeout=0.3):
        message = await communicator.receive_output()
        if message["type"] == "websocket.close":
            return communicator, False, message.get("code")
    return communicator, connected, code


async def test_anonymous_socket_is_closed(tenant_a):
    _, connected, code = await connect(AnonymousUser(), live.object_group("tenant", tenant_a.pk))
    assert not connected and code == FORBIDDEN


async def test_other_tenant_cannot_subscribe(carol, tenant_a):
    _, connected, code = await connect(carol, live.object_group("tenant", tenant_a.pk))
    assert not connected and code == FORBIDDEN


async def test_one_forbidden_topic_closes_the_socket(carol, tenant_a, tenant_b):
    _, connected, _ = await connect(
        carol, live.object_group("tenant", tenant_b.pk), live.object_group("tenant", tenant_a.pk)
    )
    assert not connected


async def test_operator_list_topic_is_refused_to_tenants(bob):
    _, connected, _ = await connect(bob, live.all_list_group("tenants"))
    assert not connected


async def test_member_receives_out_of_band_fragment(bob, olga, tenant_a):
    communicator, connected, _ = await connect(bob, live.object_group("tenant", tenant_a.pk))
    assert connected
    await sync_to_async(UserFactory)(username="erin")
    await sync_to_async(services.add_member)(
        actor=olga, tenant=tenant_a, username="erin", role="viewer"
    )
    html = await communicator.receive_from(timeout=5)
    assert f'id="tenant-{tenant_a.pk}-members"' in html
    assert 'hx-swap-oob="true"' in html and "erin" in html
    await communicator.disconnect()


async def test_revoked_access_stops_updates(bob, olga, tenant_a):
    communicator, connected, _ = await connect(bob, live.object_group("tenant", tenant_a.pk))
    assert connected
    membership = await sync_to_async(Membership.objects.get)(user=bob)
    await sync_to_async(services.remove_member)(actor=olga, membership=membership)
    assert await communicator.receive_nothing(timeout=1)
    await communicator.disconnect()
