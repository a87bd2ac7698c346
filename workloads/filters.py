"""Filters for the workload, binding and policy lists, shared by the pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from clusters.filters import ScopedInstanceFilterSet

from .kinds import TEMPLATE_KINDS
from .models import Policy, PolicyKind, ResourceBinding, Workload, WorkloadState

UNCLAIMED = "unclaimed"
WORKLOAD_KINDS = [(kind, kind) for _, kind in TEMPLATE_KINDS]
WORKLOAD_SORTS = {
    "name": ("instance_id", "namespace", "kind", "name"),
    "kind": ("kind", "namespace", "name"),
    "newest": ("-created", "name"),
    "oldest": ("created", "name"),
}


class WorkloadFilterSet(ScopedInstanceFilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    namespace = django_filters.CharFilter()
    kind = django_filters.ChoiceFilter(choices=WORKLOAD_KINDS)
    policy = django_filters.CharFilter(method="claimed_by", label="Policy (name or ns/name)")
    state = django_filters.ChoiceFilter(
        choices=[(UNCLAIMED, "Not propagated"), *WorkloadState.choices], method="in_state"
    )
    sort = django_filters.ChoiceFilter(choices=[(k, k) for k in WORKLOAD_SORTS], method="sort_by")

    class Meta:
        model = Workload
        fields = ["q", "instance", "namespace", "kind", "policy", "state", "sort"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(namespace__icontains=value))

    def claimed_by(self, queryset, name, value):
        namespace, _, policy = value.strip().rpartition("/")
        if namespace:
            return queryset.filter(policy_namespace=namespace, policy_name=policy)
        return queryset.filter(policy_name=policy)

    def in_state(self, queryset, name, value):
        if value == UNCLAIMED:
            return queryset.filter(binding__isnull=True)
        return queryset.filter(binding__state=value)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*WORKLOAD_SORTS[value])


class ResourceBindingFilterSet(ScopedInstanceFilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    namespace = django_filters.CharFilter()
    kind = django_filters.ChoiceFilter(
        choices=[("ResourceBinding", "ResourceBinding"), ("ClusterResourceBinding", "Cluster")]
    )
    state = django_filters.ChoiceFilter(choices=WorkloadState.choices)
    cluster = django_filters.CharFilter(field_name="placements__cluster_name", distinct=True)

    class Meta:
        model = ResourceBinding
        fields = ["q", "instance", "namespace", "kind", "state", "cluster"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(namespace__icontains=value))


class PolicyFilterSet(ScopedInstanceFilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    namespace = django_filters.CharFilter()
    kind = django_filters.ChoiceFilter(choices=PolicyKind.choices)
    family = django_filters.ChoiceFilter(
        choices=[("propagation", "Propagation"), ("override", "Override")], method="in_family"
    )

    class Meta:
        model = Policy
        fields = ["q", "instance", "namespace", "kind", "family"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(namespace__icontains=value))

    def in_family(self, queryset, name, value):
        overrides = [PolicyKind.OVERRIDE, PolicyKind.CLUSTER_OVERRIDE]
        if value == "override":
            return queryset.filter(kind__in=overrides)
        return queryset.exclude(kind__in=overrides)
