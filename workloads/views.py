"""Workload and policy pages (read side); every list starts from `for_user`."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from kairship_ui import live
from kairship_ui.htmx import render_page
from kairship_ui.models import AuditEntry
from kairship_ui.paging import paginate
from kairship_ui.permissions import scoped
from karmada_semantics.selectors import resource_matches
from tenants.querysets import tenant_ids_for
from tenants.roles import is_platform_operator

from .filters import WORKLOAD_SORTS, PolicyFilterSet, WorkloadFilterSet
from .models import Policy, PolicyKind, Workload
from .queries import workload_rows

MATCH_CANDIDATES = 500
SHOWN_CLAIMED = 100


def _can_create(user) -> bool:
    """Whether a "New" button leads anywhere: operators, and tenant editors and admins."""
    return is_platform_operator(user) or bool(tenant_ids_for(user, "change"))


def _list_topics(user, kinds: str) -> list[str]:
    """The live groups a list page of `kinds` listens to: all, or the user's tenants."""
    if is_platform_operator(user):
        return [live.all_list_group(kinds)]
    return [live.tenant_list_group(kinds, pk) for pk in sorted(tenant_ids_for(user, "view"))[:10]]


@scoped("view")
def workload_list(request: HttpRequest) -> HttpResponse:
    workloads = workload_rows(Workload.objects.for_user(request.user))
    filterset = WorkloadFilterSet(request.GET, queryset=workloads, user=request.user)
    context = {
        "filter": filterset,
        "kinds": filterset.filters["kind"].extra["choices"],
        "states": filterset.filters["state"].extra["choices"],
        "sorts": list(WORKLOAD_SORTS),
        "is_operator": is_platform_operator(request.user),
        "can_create": _can_create(request.user),
        "live_topics": _list_topics(request.user, "workloads"),
        **paginate(request, filterset.qs),
    }
    return render_page(request, "workloads/workload_list.html", context, partial="workload-table")


def _matching_overrides(workload: Workload, user) -> list[Policy]:
    """Override policies whose resource selectors match the template, in the user's scope."""
    candidates = Policy.objects.for_user(user).filter(
        instance_id=workload.instance_id,
        kind__in=[PolicyKind.OVERRIDE, PolicyKind.CLUSTER_OVERRIDE],
        namespace__in=["", workload.namespace],
    )
    return [
        policy
        for policy in candidates[:MATCH_CANDIDATES]
        if any(resource_matches(workload.raw, s) for s in policy.spec.get("resourceSelectors", []))
    ]


def _dependencies(workload: Workload, binding, user) -> list[Workload]:
    if binding is None or not binding.dependencies:
        return []
    wanted = {(d["kind"], d["namespace"], d["name"]) for d in binding.dependencies}
    rows = Workload.objects.for_user(user).filter(
        instance_id=workload.instance_id, name__in={name for _, _, name in wanted}
    )
    return [w for w in rows if (w.kind, w.namespace, w.name) in wanted]


def workload_context(workload: Workload, user) -> dict:
    """What the workload page and its live fragment show."""
    binding = getattr(workload, "binding", None)
    return {
        "workload": workload,
        "binding": binding,
        "placements": list(binding.placements.select_related("cluster")) if binding else [],
        "works": list(binding.works.all()) if binding else [],
        "overrides": _matching_overrides(workload, user),
        "dependencies": _dependencies(workload, binding, user),
        "is_operator": is_platform_operator(user),
        "live_topic": live.object_group("workload", workload.pk),
    }


@scoped("view")
def workload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workloads = Workload.objects.for_user(request.user, "view")
    workload = get_object_or_404(workloads.select_related("instance", "policy", "binding"), pk=pk)
    history = AuditEntry.objects.filter(
        instance_id=workload.instance_id,
        kind=workload.kind,
        namespace=workload.namespace,
        name=workload.name,
    )[:20]
    can_change = workloads.for_user(request.user, "change").filter(pk=pk).exists()
    context = {**workload_context(workload, request.user), "history": history}
    context["can_change"] = can_change
    return render_page(
        request, "workloads/workload_detail.html", context, partial="workload-status"
    )


@scoped("view")
def policy_list(request: HttpRequest) -> HttpResponse:
    policies = (
        Policy.objects.for_user(request.user)
        .select_related("instance")
        .annotate(claimed_count=Count("claimed"))
        .order_by("instance__name", "kind", "namespace", "name")
    )
    filterset = PolicyFilterSet(request.GET, queryset=policies, user=request.user)
    context = {
        "filter": filterset,
        "kinds": PolicyKind.choices,
        "can_create": _can_create(request.user),
        "live_topics": _list_topics(request.user, "policies"),
        **paginate(request, filterset.qs),
    }
    return render_page(request, "workloads/policy_list.html", context, partial="policy-table")


def _matched_workloads(policy: Policy, user) -> list[Workload]:
    """Templates an override policy's selectors match (bounded to MATCH_CANDIDATES)."""
    selectors = policy.spec.get("resourceSelectors") or []
    candidates = Workload.objects.for_user(user).filter(
        instance_id=policy.instance_id, kind__in=policy.selected_kinds
    )
    if policy.namespace:
        candidates = candidates.filter(namespace=policy.namespace)
    return [
        w
        for w in candidates.select_related("binding")[:MATCH_CANDIDATES]
        if any(resource_matches(w.raw, s) for s in selectors)
    ]


def policy_context(policy: Policy, user) -> dict:
    """What the policy page and its live fragment show."""
    if policy.is_override:
        workloads = _matched_workloads(policy, user)
        total = len(workloads)
    else:
        claimed = Workload.objects.for_user(user).filter(policy=policy)
        claimed = claimed.order_by("namespace", "name")
        workloads = list(claimed.select_related("binding")[:SHOWN_CLAIMED])
        total = claimed.count()
    return {
        "policy": policy,
        "workloads": workloads,
        "total": total,
        "live_topic": live.object_group("policy", policy.pk),
    }


@scoped("view")
def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policies = Policy.objects.for_user(request.user, "view").select_related("instance")
    policy = get_object_or_404(policies, pk=pk)
    context = policy_context(policy, request.user)
    context["can_change"] = Policy.objects.for_user(request.user, "change").filter(pk=pk).exists()
    return render_page(request, "workloads/policy_detail.html", context, partial="policy-summary")
