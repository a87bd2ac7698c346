"""Mirror Cluster objects into the inventory: one idempotent upsert path, live updates on change."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from kairship_ui import live

from .inventory import cluster_columns
from .models import KarmadaInstance, MemberCluster


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
        _publish(instance, cluster.pk)
    return cluster


def delete_cluster(instance: KarmadaInstance, raw: dict[str, Any]) -> None:
    """Forget a Cluster object Karmada deleted."""
    with transaction.atomic():
        MemberCluster.objects.filter(instance=instance, uid=raw["metadata"].get("uid", "")).delete()
        _publish(instance, None)


def replace_clusters(instance: KarmadaInstance, items: Iterable[dict[str, Any]]) -> int:
    """A full relist: upsert every object, delete rows Karmada no longer has. Returns changes."""
    changed, seen = 0, set()
    for raw in items:
        seen.add(raw["metadata"].get("uid", ""))
        changed += upsert_cluster(instance, raw) is not None
    with transaction.atomic():
        deleted, _ = MemberCluster.objects.filter(instance=instance).exclude(uid__in=seen).delete()
        if deleted:
            _publish(instance, None)
    return changed + deleted
