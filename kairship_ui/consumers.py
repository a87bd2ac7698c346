"""The one websocket consumer: subscribe to authorised topics, push re-rendered fragments."""

from __future__ import annotations

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from . import live

FORBIDDEN = 4403
MAX_TOPICS = 20


class LiveConsumer(AsyncWebsocketConsumer):
    """Topics come from `?topic=a&topic=b`; every one must be authorised or the socket closes."""

    async def connect(self) -> None:
        self.user = self.scope.get("user")
        query = parse_qs(self.scope.get("query_string", b"").decode())
        self.topics = query.get("topic", [])[:MAX_TOPICS]
        allowed = bool(self.topics) and await database_sync_to_async(self._authorized)()
        if not allowed:
            # Accept, then close with our code, so browsers can tell "forbidden" from a network
            # failure (a refused handshake only shows them 1006).
            await self.accept()
            await self.close(code=FORBIDDEN)
            return
        for topic in self.topics:
            await self.channel_layer.group_add(topic, self.channel_name)
        await self.accept()

    def _authorized(self) -> bool:
        return all(live.authorize(self.user, topic) for topic in self.topics)

    async def disconnect(self, code: int) -> None:
        for topic in getattr(self, "topics", []):
            await self.channel_layer.group_discard(topic, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """Pages only listen; anything they send is ignored."""

    async def live_changed(self, event: dict) -> None:
        csrf_token = self.scope.get("cookies", {}).get(settings.CSRF_COOKIE_NAME, "")
        html = await database_sync_to_async(live.render_fragment)(
            self.user, event["kind"], event["pk"], csrf_token
        )
        if html:
            await self.send(text_data=html)

    async def live_list_changed(self, event: dict) -> None:
        if await database_sync_to_async(live.authorize)(self.user, event["group"]):
            await self.send(text_data=live.list_refresh_fragment(event["group"]))
