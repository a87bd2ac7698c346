"""Mirror Karmada objects into the inventory: a handler per kind, the Cluster handler here.

Each kind registers a `SyncHandler` (one idempotent upsert path, a delete and a full replace);
the watchers (`clusters.watchers`) and the periodic resync run every registered handler.
Other apps add theirs from their `ready()` (workloads.sync adds bindings, Works, policies and
resource templates).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from kairship_ui import live
from karmada_gateway import KarmadaClient, KarmadaNotFound, Kind

from .inventory import cluster_columns
from .models import KarmadaInstance, MemberCluster

# Called with each stored cluster row, inside its transaction: other apps link rows that
# name the cluster and arrived before it (workloads links its placements).
_cluster_saved_hooks: list[Callable[[MemberCluster], None]] = []


def on_cluster_saved(hook: Callable[[MemberCluster], None]) -> None:
    """Register `hook` to run whenever a cluster row is created or changed."""
    _cluster_saved_hooks.append(hook)


def _publish(instance: KarmadaInstance, cluster_pk: int | None) -> None:
    if cluster_pk is not None:
        live.publish("cluster", cluster_pk)
    live.publish_list(live.instance_list_group("clusters", instance.pk))
    live.publish_list(live.all_list_group("clusters"))
    live.publish("instance", instance.pk)


def upsert_cluster(instance: KarmadaInstance, raw: dict[str, Any]) -> MemberCluster | None:
    """Store one Cluster object; returns the row, or None when its resourceVersion is unchanged."""
    columns = cluster_columns(raw)
    name = raw["metadata"]["name"]
    with transaction.atomic():
        current = MemberCluster.objects.filter(instance=instance, uid=columns["uid"]).first()
        if current and current.resource_version == columns["resource_version"]:
            return None
        # A cluster re-joined under the same name is a new object: drop the stale row.
        MemberCluster.objects.filter(instance=instance, name=name).exclude(
            uid=columns["uid"]
        ).delete()
        cluster, _ = MemberCluster.objects.update_or_create(
            instance=instance, uid=columns["uid"], defaults={"name": name, **columns}
        )
        for hook in _cluster_saved_hooks:
            hook(cluster)
        _publish(instance, cluster.pk)
    return cluster


def delete_cluster(instance: KarmadaInstance, raw: dict[str, Any]) -> None:
    """Forget a Cluster object Karmada deleted."""
    with transaction.atomic():
        MemberCluster.objects.filter(instance=instance, uid=raw["metadata"].get("uid", "")).delete()
        _publish(instance, None)


def replace_clusters(
    instance: KarmadaInstance, items: Iterable[dict[str, Any]], listed_at: datetime
) -> int:
    """A full relist: upsert every object, delete rows Karmada no longer has (but not those
    stored since `listed_at`, newer than the list). Returns changes."""
    changed, seen = 0, set()
    for raw in items:
        seen.add(raw["metadata"].get("uid", ""))
        changed += upsert_cluster(instance, raw) is not None
    with transaction.atomic():
        gone = MemberCluster.objects.filter(instance=instance, synced_at__lt=listed_at)
        deleted, _ = gone.exclude(uid__in=seen).delete()
        if deleted:
            _publish(instance, None)
    return changed + deleted


@dataclass(frozen=True)
class SyncHandler:
    """How one kind is mirrored: what to watch, and its upsert / delete / replace functions."""

    api_version: str
    kind: str
    upsert: Callable[[KarmadaInstance, dict[str, Any]], object]
    delete: Callable[[KarmadaInstance, dict[str, Any]], None]
    # (instance, the listed objects, when the list began) -> rows changed
    replace: Callable[[KarmadaInstance, Iterable[dict[str, Any]], datetime], int]

    @property
    def key(self) -> str:
        """The SyncState kind and lease name: "Cluster" for Karmada kinds, "apps/v1/Deployment"."""
        if self.api_version.split("/")[0].endswith("karmada.io"):
            return self.kind
        return f"{self.api_version}/{self.kind}"

    def resolve(self, client: KarmadaClient) -> Kind:
        """The watchable Kind. Raises KarmadaNotFound when the instance does not serve it."""
        return client.resolve_kind(self.api_version, self.kind)


_HANDLERS: dict[str, SyncHandler] = {}
log = logging.getLogger(__name__)
PAGE_SIZE = 500


def register_handler(handler: SyncHandler) -> None:
    """Mirror `handler.kind` too (called at import time by each app's sync module)."""
    _HANDLERS[handler.key] = handler


def handlers() -> list[SyncHandler]:
    """Every registered handler, in registration order (clusters first, so links resolve)."""
    return list(_HANDLERS.values())


def handler_for(key: str) -> SyncHandler:
    return _HANDLERS[key]


def list_all(client: KarmadaClient, kind: Kind) -> Iterator[dict[str, Any]]:
    """Every object of `kind`, page after page, as raw dicts."""
    token: str | None = None
    while True:
        options: dict[str, Any] = {"limit": PAGE_SIZE}
        if token:
            options["continue_token"] = token
        page = client.list_objects(kind, **options)
        yield from (item.raw for item in page.items)
        token = page.continue_token
        if not token:
            return


def relist(instance: KarmadaInstance, client: KarmadaClient, handler: SyncHandler) -> int:
    """Replace the inventory of one kind with a fresh list. Returns the rows changed."""
    try:
        kind = handler.resolve(client)
    except KarmadaNotFound:
        log.info("%s does not serve %s; not mirrored", instance, handler.key)
        return 0
    typed = {"apiVersion": kind.api_version, "kind": kind.kind}
    listed_at = timezone.now()
    items = [{**typed, **raw} for raw in list_all(client, kind)]
    return handler.replace(instance, items, listed_at)


register_handler(
    SyncHandler(
        "cluster.karmada.io/v1alpha1", "Cluster", upsert_cluster, delete_cluster, replace_clusters
    )
)
