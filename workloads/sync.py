"""Mirror templates, bindings, Works and policies: one idempotent upsert path per model.

Each upsert is keyed by (instance, uid), skips an unchanged resourceVersion, resolves the
object's tenant (from the namespace's TenantNamespace) and its relations (template ↔ binding ↔
placements ↔ Works, template → claiming policy) into foreign keys, and publishes live updates.
Importing this module registers its handlers with `clusters.sync`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db import models, transaction

from clusters.models import KarmadaInstance, MemberCluster
from clusters.sync import SyncHandler, on_cluster_saved, register_handler
from kairship_ui import live
from tenants.models import TenantNamespace

from .inventory import binding_columns, placements, policy_columns, work_columns, workload_columns
from .kinds import POLICY_API, TEMPLATE_KINDS
from .models import Placement, Policy, PolicyKind, ResourceBinding, Work, Workload

Raw = dict[str, Any]


def tenant_id_for(instance: KarmadaInstance, namespace: str) -> int | None:
    """The tenant owning `namespace` on `instance`; None for cluster-scoped or unowned objects."""
    if not namespace:
        return None
    owners = TenantNamespace.objects.filter(instance=instance, namespace=namespace)
    return owners.values_list("tenant_id", flat=True).first()


def _publish(kinds: str, instance: KarmadaInstance, tenant_id: int | None) -> None:
    live.publish_list(live.all_list_group(kinds))
    if tenant_id is not None:
        live.publish_list(live.tenant_list_group(kinds, tenant_id))


def _store(model: type[models.Model], instance: KarmadaInstance, columns: dict) -> Any | None:
    """Insert or update the row for (instance, uid); None when its resourceVersion is unchanged."""
    current = model.objects.filter(instance=instance, uid=columns["uid"]).first()
    if current and current.resource_version == columns["resource_version"]:
        return None
    row, _ = model.objects.update_or_create(instance=instance, uid=columns["uid"], defaults=columns)
    return row


def _store_owned(
    model: type[models.Model],
    topic: str,
    kinds: str,
    instance: KarmadaInstance,
    columns: dict,
    lists: bool,
) -> Any | None:
    """`_store` a namespaced row with its tenant, and tell the pages showing it or its list."""
    columns["tenant_id"] = tenant_id_for(instance, columns["namespace"])
    with transaction.atomic():
        row = _store(model, instance, columns)
        if row is not None:
            live.publish(topic, row.pk)
            if lists:
                _publish(kinds, instance, row.tenant_id)
    return row


def _replace(
    model: type[models.Model],
    instance: KarmadaInstance,
    items: Iterable[Raw],
    upsert: Callable[..., Any],
    kinds: str,
    listed_at: datetime,
    **scope: Any,
) -> int:
    """A full relist of one kind: upsert changed objects, delete rows Karmada no longer has.

    Rows stored since `listed_at`, when the list began, stay even when it lacks them: they are
    newer (the console mirrors its own writes at once)."""
    rows = model.objects.filter(instance=instance, **scope)
    known = dict(rows.values_list("uid", "resource_version"))
    changed, seen = 0, set()
    for raw in items:
        meta = raw.get("metadata") or {}
        seen.add(meta.get("uid", ""))
        if known.get(meta.get("uid", "")) != meta.get("resourceVersion"):
            changed += upsert(instance, raw, lists=False) is not None
    stale = set(known) - seen
    with transaction.atomic():
        if stale:
            stale = set(
                rows.filter(uid__in=stale, synced_at__lt=listed_at).values_list("uid", flat=True)
            )
            rows.filter(uid__in=stale).delete()
        if changed or stale:
            live.publish_list(live.all_list_group(kinds))
            tenant_ids = rows.exclude(tenant=None).values_list("tenant_id", flat=True)
            for tenant_id in tenant_ids.distinct():
                live.publish_list(live.tenant_list_group(kinds, tenant_id))
    return changed + len(stale)


def _delete(model: type[models.Model], instance: KarmadaInstance, raw: Raw, kinds: str) -> None:
    with transaction.atomic():
        row = model.objects.filter(instance=instance, uid=raw["metadata"].get("uid", "")).first()
        if row is not None:
            row.delete()
            _publish(kinds, instance, row.tenant_id)


# Policies


def _link_policy(instance: KarmadaInstance, kind: str, namespace: str, name: str) -> None:
    """Point the templates claimed by policy kind/namespace/name at its row."""
    policy = Policy.objects.filter(
        instance=instance, kind=kind, namespace=namespace, name=name
    ).first()
    if policy is not None:
        Workload.objects.filter(
            instance=instance, policy_kind=kind, policy_namespace=namespace, policy_name=name
        ).exclude(policy=policy).update(policy=policy)


def upsert_policy(instance: KarmadaInstance, raw: Raw, lists: bool = True) -> Policy | None:
    """Store one policy of any of the four kinds and link the templates it claims."""
    policy = _store_owned(Policy, "policy", "policies", instance, policy_columns(raw), lists)
    if policy is None:
        return None
    _link_policy(instance, policy.kind, policy.namespace, policy.name)
    return policy


def _policy_handler(kind: str) -> SyncHandler:
    return SyncHandler(
        POLICY_API,
        kind,
        upsert_policy,
        lambda instance, raw: _delete(Policy, instance, raw, "policies"),
        lambda instance, items, listed_at: _replace(
            Policy, instance, items, upsert_policy, "policies", listed_at, kind=kind
        ),
    )


# Resource templates


def _link_template(instance: KarmadaInstance, template_uid: str) -> None:
    """Point the template's binding at the template's row, if both exist.

    Both sides call this after their own commit: of two watchers racing (templates and
    bindings run in separate threads), the later one always sees the other's row.
    """
    workload = Workload.objects.filter(instance=instance, uid=template_uid).first()
    bindings = ResourceBinding.objects.filter(instance=instance, template_uid=template_uid)
    binding = bindings.order_by("-pk").first()
    if workload is None or binding is None or binding.workload_id == workload.pk:
        return
    with transaction.atomic():
        ResourceBinding.objects.filter(workload=workload).update(workload=None)
        ResourceBinding.objects.filter(pk=binding.pk).update(workload=workload)
        live.publish("workload", workload.pk)
        _publish("workloads", instance, workload.tenant_id)


def upsert_workload(instance: KarmadaInstance, raw: Raw, lists: bool = True) -> Workload | None:
    """Store one resource template (Secrets without their data) and link policy and binding."""
    workload = _store_owned(
        Workload, "workload", "workloads", instance, workload_columns(raw), lists
    )
    if workload is None:
        return None
    if workload.policy_kind:
        _link_policy(
            instance, workload.policy_kind, workload.policy_namespace, workload.policy_name
        )
    elif workload.policy_id:
        Workload.objects.filter(pk=workload.pk).update(policy=None)
    _link_template(instance, workload.uid)
    return workload


def _template_handler(api_version: str, kind: str) -> SyncHandler:
    return SyncHandler(
        api_version,
        kind,
        upsert_workload,
        lambda instance, raw: _delete(Workload, instance, raw, "workloads"),
        lambda instance, items, listed_at: _replace(
            Workload,
            instance,
            items,
            upsert_workload,
            "workloads",
            listed_at,
            api_version=api_version,
            kind=kind,
        ),
    )


# Bindings and their placements


def _store_placements(instance: KarmadaInstance, binding: ResourceBinding) -> None:
    """Replace the binding's per-cluster rows (two queries plus the cluster look-up)."""
    rows = placements(binding.raw)
    clusters = dict(
        MemberCluster.objects.filter(instance=instance, name__in=rows).values_list("name", "pk")
    )
    binding.placements.all().delete()
    Placement.objects.bulk_create(
        Placement(
            binding=binding,
            instance=instance,
            tenant_id=binding.tenant_id,
            cluster_name=name,
            cluster_id=clusters.get(name),
            **row,
        )
        for name, row in rows.items()
    )


def upsert_binding(
    instance: KarmadaInstance, raw: Raw, lists: bool = True
) -> ResourceBinding | None:
    """Store a (Cluster)ResourceBinding and its placements; link its template and Works."""
    columns = binding_columns(raw)
    columns["tenant_id"] = tenant_id_for(instance, columns["namespace"])
    workload = Workload.objects.filter(instance=instance, uid=columns["template_uid"]).first()
    with transaction.atomic():
        if workload is not None:
            ResourceBinding.objects.filter(workload=workload).exclude(uid=columns["uid"]).update(
                workload=None
            )
        binding = _store(ResourceBinding, instance, {**columns, "workload": workload})
        if binding is None:
            return None
        _store_placements(instance, binding)
        if binding.workload_id:
            live.publish("workload", binding.workload_id)
        if lists:
            _publish("workloads", instance, binding.tenant_id)
    _link_template(instance, binding.template_uid)
    _link_works(instance, binding.kind, binding.namespace, binding.name)
    return binding


def delete_binding(instance: KarmadaInstance, raw: Raw) -> None:
    """Forget a binding (its placements go with it) and refresh its template's pages."""
    with transaction.atomic():
        uid = raw["metadata"].get("uid", "")
        binding = ResourceBinding.objects.filter(instance=instance, uid=uid).first()
        if binding is None:
            return
        binding.delete()
        if binding.workload_id:
            live.publish("workload", binding.workload_id)
        _publish("workloads", instance, binding.tenant_id)


def _binding_handler(kind: str) -> SyncHandler:
    return SyncHandler(
        "work.karmada.io/v1alpha2",
        kind,
        upsert_binding,
        delete_binding,
        lambda instance, items, listed_at: _replace(
            ResourceBinding, instance, items, upsert_binding, "workloads", listed_at, kind=kind
        ),
    )


# Works


def _link_works(instance: KarmadaInstance, kind: str, namespace: str, name: str) -> None:
    """Point the Works of binding kind/namespace/name at its row (and its tenant)."""
    binding = ResourceBinding.objects.filter(
        instance=instance, kind=kind, namespace=namespace, name=name
    ).first()
    if binding is not None:
        Work.objects.filter(
            instance=instance, binding_kind=kind, binding_namespace=namespace, binding_name=name
        ).exclude(binding=binding, tenant_id=binding.tenant_id).update(
            binding=binding, tenant_id=binding.tenant_id
        )


def upsert_work(instance: KarmadaInstance, raw: Raw, lists: bool = True) -> Work | None:
    """Store one Work, linked to its binding (and through it to a tenant)."""
    columns = work_columns(raw)
    with transaction.atomic():
        work = _store(Work, instance, columns)
        if work is None:
            return None
    _link_works(instance, work.binding_kind, work.binding_namespace, work.binding_name)
    workload_id = (
        ResourceBinding.objects.filter(works=work).values_list("workload_id", flat=True).first()
    )
    if workload_id:
        live.publish("workload", workload_id)
    return work


WORK_HANDLER = SyncHandler(
    "work.karmada.io/v1alpha1",
    "Work",
    upsert_work,
    lambda instance, raw: _delete(Work, instance, raw, "workloads"),
    lambda instance, items, listed_at: _replace(
        Work, instance, items, upsert_work, "workloads", listed_at
    ),
)


def retenant_instance(instance_id: int) -> None:
    """Re-resolve every mirrored row's tenant after the instance's namespace owners changed."""
    owned = TenantNamespace.objects.filter(instance_id=instance_id)
    owners = dict(owned.values_list("namespace", "tenant_id"))
    with transaction.atomic():
        for model in (Policy, Workload, ResourceBinding):
            model.objects.filter(instance_id=instance_id).update(tenant=None)
            for namespace, tenant_id in owners.items():
                rows = model.objects.filter(instance_id=instance_id, namespace=namespace)
                rows.update(tenant_id=tenant_id)
        for model in (Placement, Work):
            model.objects.filter(instance_id=instance_id).update(tenant=None)
            for namespace, tenant_id in owners.items():
                rows = model.objects.filter(instance_id=instance_id, binding__namespace=namespace)
                rows.update(tenant_id=tenant_id)
        for kinds in ("workloads", "policies"):
            live.publish_list(live.all_list_group(kinds))
            for tenant_id in set(owners.values()):
                live.publish_list(live.tenant_list_group(kinds, tenant_id))


def link_placements(cluster: MemberCluster) -> None:
    """Point the placements that name `cluster` at its row (bindings may arrive first)."""
    Placement.objects.filter(instance_id=cluster.instance_id, cluster_name=cluster.name).exclude(
        cluster=cluster
    ).update(cluster=cluster)


on_cluster_saved(link_placements)
for _kind in PolicyKind.values:
    register_handler(_policy_handler(_kind))
for _api_version, _kind in TEMPLATE_KINDS:
    register_handler(_template_handler(_api_version, _kind))
register_handler(_binding_handler("ResourceBinding"))
register_handler(_binding_handler("ClusterResourceBinding"))
register_handler(WORK_HANDLER)
