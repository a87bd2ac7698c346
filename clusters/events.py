"""Mirror core/v1 Events: what Karmada's controllers did to templates, bindings, Works, clusters.

Events are a log rather than state, so the mirror keeps the newest `kept_events()` of each
instance (`KAIRSHIP_EVENTS_KEPT`, 2000 by default), including events Karmada has since expired
(Kubernetes keeps them for an hour): a page opened later still says what happened. Deletions in
Karmada are therefore not mirrored, and a relist adds and updates without removing.

Rows are keyed by (instance, uid) and skip an unchanged resourceVersion, like every mirrored
kind. Importing this module registers the handler with `clusters.sync`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from kairship_ui import live
from tenants.models import TenantNamespace

from .models import CLUSTER_API_GROUP, KarmadaEvent, KarmadaInstance, MemberCluster
from .sync import SyncHandler, register_handler

DEFAULT_KEPT = 2000
EXECUTION_SPACE_PREFIX = "karmada-es-"
INSTANCE_TOPIC = "instance-events"
CLUSTER_TOPIC = "cluster-events"
UPDATED_FIELDS = [
    "resource_version",
    "tenant",
    "namespace",
    "name",
    "involved_api_version",
    "involved_kind",
    "involved_namespace",
    "involved_name",
    "cluster_name",
    "type",
    "reason",
    "message",
    "source",
    "count",
    "first_seen",
    "last_seen",
    "synced_at",
]

Raw = dict[str, Any]


def kept_events() -> int:
    """How many events each instance keeps (setting KAIRSHIP_EVENTS_KEPT)."""
    return int(getattr(settings, "KAIRSHIP_EVENTS_KEPT", DEFAULT_KEPT))


def _time(value: Any) -> datetime | None:
    return parse_datetime(value) if isinstance(value, str) and value else None


def cluster_name_for(involved: dict[str, Any]) -> str:
    """The member cluster an involved object stands for: a Cluster, or a Work in its
    execution namespace (`karmada-es-<cluster>`); "" for anything else."""
    namespace = involved.get("namespace") or ""
    if involved.get("kind") == "Cluster" and (involved.get("apiVersion") or "").startswith(
        f"{CLUSTER_API_GROUP}/"
    ):
        return involved.get("name") or ""
    if namespace.startswith(EXECUTION_SPACE_PREFIX):
        return namespace.removeprefix(EXECUTION_SPACE_PREFIX)
    return ""


def event_columns(raw: Raw) -> dict[str, Any]:
    """The KarmadaEvent fields of an Event (series and eventTime for events.k8s.io writers)."""
    meta, involved = raw.get("metadata") or {}, raw.get("involvedObject") or {}
    series = raw.get("series") or {}
    last_seen = (
        _time(series.get("lastObservedTime"))
        or _time(raw.get("lastTimestamp"))
        or _time(raw.get("eventTime"))
        or _time(meta.get("creationTimestamp"))
        or timezone.now()
    )
    kind, namespace = involved.get("kind") or "", involved.get("namespace") or ""
    name = involved.get("name") or ""
    source = (raw.get("source") or {}).get("component") or raw.get("reportingComponent") or ""
    return {
        "uid": meta.get("uid", ""),
        "resource_version": meta.get("resourceVersion", ""),
        "namespace": meta.get("namespace", ""),
        "name": meta.get("name", ""),
        "involved_api_version": (involved.get("apiVersion") or "")[:253],
        "involved_kind": kind[:100],
        "involved_namespace": namespace,
        "involved_name": name,
        "cluster_name": cluster_name_for(involved),
        "type": (raw.get("type") or "Normal")[:16],
        "reason": (raw.get("reason") or "")[:128],
        "message": raw.get("message") or "",
        "source": source[:253],
        "count": int(series.get("count") or raw.get("count") or 1),
        "first_seen": _time(raw.get("firstTimestamp")) or _time(raw.get("eventTime")) or last_seen,
        "last_seen": last_seen,
    }


def _owners(instance: KarmadaInstance, namespaces: set[str]) -> dict[str, int]:
    """namespace -> owning tenant id, for those of `namespaces` some tenant owns."""
    owned = TenantNamespace.objects.filter(instance=instance, namespace__in=namespaces - {""})
    return dict(owned.values_list("namespace", "tenant_id"))


def _publish(instance: KarmadaInstance, cluster_names: set[str]) -> None:
    """Re-render the events of the instance page and of each named cluster's page."""
    live.publish(INSTANCE_TOPIC, instance.pk)
    if names := cluster_names - {""}:
        clusters = MemberCluster.objects.filter(instance=instance, name__in=names)
        for pk in clusters.values_list("pk", flat=True):
            live.publish(CLUSTER_TOPIC, pk)


def _store(instance: KarmadaInstance, columns: list[dict[str, Any]]) -> int:
    """Insert or update these events in one statement, trim, tell the pages. Returns rows."""
    if not columns:
        trim_events(instance.pk)
        return 0
    owners = _owners(instance, {c["involved_namespace"] for c in columns})
    rows = [
        KarmadaEvent(instance=instance, tenant_id=owners.get(c["involved_namespace"]), **c)
        for c in columns
    ]
    with transaction.atomic():
        KarmadaEvent.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["instance", "uid"],
            update_fields=UPDATED_FIELDS,
        )
        trim_events(instance.pk)
        _publish(instance, {c["cluster_name"] for c in columns})
    return len(rows)


def upsert_event(instance: KarmadaInstance, raw: Raw) -> KarmadaEvent | None:
    """Store one Event; returns its row, or None when its resourceVersion is unchanged
    (or it is older than every event the instance keeps)."""
    columns = event_columns(raw)
    rows = KarmadaEvent.objects.filter(instance=instance, uid=columns["uid"])
    if rows.filter(resource_version=columns["resource_version"]).exists():
        return None
    _store(instance, [columns])
    return rows.first()


def keep_deleted_event(instance: KarmadaInstance, raw: Raw) -> None:
    """Karmada expired or deleted an Event: its row stays until trimmed (see the module doc)."""


def replace_events(
    instance: KarmadaInstance, items: Iterable[Raw], listed_at: datetime | None = None
) -> int:
    """A relist: store the new and changed ones among the newest kept events, trim (events
    age out rather than disappear with the list, so `listed_at` does not matter).

    Returns the rows stored.
    """
    newest = sorted(map(event_columns, items), key=lambda c: c["last_seen"], reverse=True)
    known = dict(
        KarmadaEvent.objects.filter(instance=instance).values_list("uid", "resource_version")
    )
    changed = [c for c in newest[: kept_events()] if known.get(c["uid"]) != c["resource_version"]]
    return _store(instance, changed)


def trim_events(instance_id: int) -> int:
    """Delete all but the newest `kept_events()` events of an instance. Returns rows deleted."""
    rows = KarmadaEvent.objects.filter(instance_id=instance_id)
    keep = kept_events()
    newest_first = rows.order_by("-last_seen", "-pk").values_list("last_seen", "pk")
    cutoff = list(newest_first[keep : keep + 1])
    if not cutoff:
        return 0
    last_seen, pk = cutoff[0]
    older = models.Q(last_seen__lt=last_seen) | models.Q(last_seen=last_seen, pk__lte=pk)
    deleted, _ = rows.filter(older).delete()
    return deleted


def retenant_events(instance_id: int) -> None:
    """Re-resolve the tenant of every event of an instance after its namespace owners changed."""
    owned = TenantNamespace.objects.filter(instance_id=instance_id)
    owners = dict(owned.values_list("namespace", "tenant_id"))
    rows = KarmadaEvent.objects.filter(instance_id=instance_id)
    with transaction.atomic():
        rows.exclude(tenant=None).update(tenant=None)
        for namespace, tenant_id in owners.items():
            rows.filter(involved_namespace=namespace).update(tenant_id=tenant_id)
        live.publish(INSTANCE_TOPIC, instance_id)


register_handler(SyncHandler("v1", "Event", upsert_event, keep_deleted_event, replace_events))
