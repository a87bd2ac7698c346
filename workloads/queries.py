"""Read-side queries shared by pages, the API and other apps' pages (a fixed query count each)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from clusters.models import MemberCluster

from .models import Placement, Policy, PolicyKind, Workload


def workload_rows(workloads: QuerySet[Workload]) -> QuerySet[Workload]:
    """Workloads with what a list row shows: instance, binding, policy, per-cluster placements.

    Ordered along the (instance, namespace, kind, name) index, so a page needs no full sort.
    """
    return (
        workloads.select_related("instance", "binding", "policy")
        .prefetch_related("binding__placements")
        .order_by("instance_id", "namespace", "kind", "name")
    )


def workloads_on_cluster(cluster: MemberCluster, user=None) -> QuerySet[Placement]:
    """The placements on `cluster`, each with its binding and workload; scoped to `user` if given.

    One indexed query: what runs there (the cluster page and the drain confirmation).
    """
    rows = Placement.objects.for_user(user) if user is not None else Placement.objects.all()
    return (
        rows.filter(cluster=cluster)
        .select_related("binding", "binding__workload")
        .order_by("binding__namespace", "binding__name")
    )


def operation_target_url(operation) -> str | None:
    """The page of the template or policy an operation wrote, once the inventory has it."""
    model, name = (
        (Policy, "policy_detail")
        if operation.kind in PolicyKind.values
        else (
            Workload,
            "workload_detail",
        )
    )
    pk = (
        model.objects.filter(
            instance_id=operation.instance_id,
            kind=operation.kind,
            namespace=operation.namespace,
            name=operation.name,
        )
        .values_list("pk", flat=True)
        .first()
    )
    return reverse(f"workloads:{name}", args=[pk]) if pk else None
