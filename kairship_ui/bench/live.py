"""Live-update latency: from a committed backend change to the fragment reaching a subscriber."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth import get_user_model

from kairship_ui import live
from kairship_ui.consumers import LiveConsumer
from tenants import services
from tenants.models import Tenant

from .report import line, percentile


async def _measure(rounds: int) -> list[float]:
    User = get_user_model()
    operator = await sync_to_async(User.objects.create_superuser)("bench-live", password="x")
    tenant = await sync_to_async(Tenant.objects.create)(name="Live bench", slug="live-bench")
    communicator = WebsocketCommunicator(
        LiveConsumer.as_asgi(), f"/ws/live/?topic={live.object_group('tenant', tenant.pk)}"
    )
    communicator.scope["user"] = operator
    await communicator.connect()
    samples = []
    for i in range(rounds):
        await sync_to_async(User.objects.create)(username=f"live-bench-{i}")
        start = time.perf_counter()
        await sync_to_async(services.add_member)(
            actor=operator, tenant=tenant, username=f"live-bench-{i}", role="viewer"
        )
        await communicator.receive_from(timeout=5)
        samples.append((time.perf_counter() - start) * 1000)
    await communicator.disconnect()
    return samples


def run(rounds: int = 30) -> Iterator[str]:
    samples = asyncio.run(_measure(rounds))
    yield line(
        "live.fanout", rounds=rounds, p50_ms=percentile(samples, 50), p95_ms=percentile(samples, 95)
    )
