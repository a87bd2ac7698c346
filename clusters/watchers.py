"""Watchers keep the inventory current: one per instance and kind, resumable, never duplicated.

`run_sync` (the Procfile's `sync` process) starts a `Watcher` thread per instance and registered
kind (`clusters.sync.handlers()`). Each holds a Redis lease so a second sync process never
watches the same thing, resumes from the stored resourceVersion, and relists on 410 Gone (the
gateway's Reflector does that part). A watcher holds a database connection only while it
applies what it received, never while it waits on the stream, so a process watching many
instances needs about as many connections as it has events in flight, not one per watcher.
"""

from __future__ import annotations

import logging
import threading

import redis
from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from karmada_gateway import KarmadaError, KarmadaNotFound, Reflector, WatchEvent

from . import sync
from .karmada import client_for
from .models import KarmadaInstance, SyncState

log = logging.getLogger(__name__)
LEASE_PREFIX = "kairship:lease:"
LEASE_SECONDS = 45
WATCH_CHUNK_SECONDS = 20
RETRY_SECONDS = 5
UNSERVED_RETRY_SECONDS = 60


class Lease:
    """A Redis key owned by one watcher at a time; renewed while the watcher runs."""

    def __init__(self, name: str, owner: str) -> None:
        self.key, self.owner = f"{LEASE_PREFIX}{name}", owner
        self._redis = redis.Redis.from_url(settings.REDIS_URL)

    def acquire(self) -> bool:
        if self._redis.set(self.key, self.owner, nx=True, ex=LEASE_SECONDS):
            return True
        return self.renew()

    def renew(self) -> bool:
        if self._redis.get(self.key) == self.owner.encode():
            return bool(self._redis.expire(self.key, LEASE_SECONDS))
        return False

    def release(self) -> None:
        if self._redis.get(self.key) == self.owner.encode():
            self._redis.delete(self.key)


def _handle(instance: KarmadaInstance, handler: sync.SyncHandler, item) -> None:
    typed = {"apiVersion": handler.api_version, "kind": handler.kind}
    if isinstance(item, WatchEvent):
        raw = {**typed, **item.object.raw}
        if item.type == "DELETED":
            handler.delete(instance, raw)
        else:
            handler.upsert(instance, raw)
    else:  # a Snapshot from a (re)list
        handler.replace(instance, [{**typed, **obj.raw} for obj in item.items], item.listed_at)


def watch_once(
    instance: KarmadaInstance,
    seconds: float,
    max_events: int | None = None,
    key: str = "Cluster",
    idle_without_connection: bool = False,
) -> None:
    """Watch one kind of `instance` for about `seconds`, resuming and recording where it stopped;
    with `idle_without_connection`, the thread's database connection is closed whenever it
    goes back to waiting on the stream (a long-lived watcher's case).

    Raises KarmadaNotFound when the instance does not serve the kind, other KarmadaErrors.
    """
    handler = sync.handler_for(key)
    state, _ = SyncState.objects.get_or_create(instance=instance, kind=key)
    if idle_without_connection:
        connection.close()
    with client_for(instance, timeout=seconds + 10) as client:
        kind = handler.resolve(client)
        reflector = Reflector(client, kind, resource_version=state.resource_version or None)
        for item in reflector.run(timeout_seconds=seconds, max_events=max_events):
            _handle(instance, handler, item)
            state.resource_version = reflector.resource_version or ""
            state.last_event_at = timezone.now()
            state.save(update_fields=["resource_version", "last_event_at"])
            if idle_without_connection:
                connection.close()
    state.resource_version = reflector.resource_version or ""
    state.last_error = ""
    state.save(update_fields=["resource_version", "last_error"])


class Watcher(threading.Thread):
    """Keeps one kind of one instance's inventory current until `stop()`."""

    def __init__(self, instance_id: int, owner: str, key: str = "Cluster") -> None:
        super().__init__(name=f"watch-{instance_id}-{key}", daemon=True)
        self.instance_id, self.key = instance_id, key
        self.lease = Lease(f"{instance_id}:{key}", owner)
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()

    def run(self) -> None:
        try:
            while not self._stopping.is_set():
                if not self.lease.acquire():
                    self._stopping.wait(RETRY_SECONDS)
                    continue
                self._watch_chunk()
        finally:
            self.lease.release()
            close_old_connections()

    def _watch_chunk(self) -> None:
        close_old_connections()
        instance = KarmadaInstance.objects.filter(pk=self.instance_id).first()
        if instance is None:
            self.stop()
            return
        try:
            watch_once(instance, WATCH_CHUNK_SECONDS, key=self.key, idle_without_connection=True)
        except KarmadaError as exc:
            SyncState.objects.filter(instance=instance, kind=self.key).update(last_error=str(exc))
            log.warning("watching %s of %s failed: %s", self.key, instance, exc)
            unserved = isinstance(exc, KarmadaNotFound)
            self._stopping.wait(UNSERVED_RETRY_SECONDS if unserved else RETRY_SECONDS)
        finally:
            connection.close()  # nothing to do until the next chunk
