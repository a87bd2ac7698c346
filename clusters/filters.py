"""Filters for the cluster list (shared by the page and the API) and the events API."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from .models import ClusterState, EventType, KarmadaEvent, KarmadaInstance, MemberCluster

SORTS = {
    "name": ("instance__name", "name"),
    "-name": ("-instance__name", "-name"),
    "state": ("state", "name"),
    "cpu": ("-cpu_allocatable_milli", "name"),
    "memory": ("-memory_allocatable_bytes", "name"),
    "version": ("kubernetes_version", "name"),
}


class ScopedInstanceFilterSet(django_filters.FilterSet):
    """Nobody can filter by an instance they cannot see: `instance` offers those of `user`, or
    of the request's user (what DRF's filter backend passes)."""

    instance = django_filters.ModelChoiceFilter(queryset=KarmadaInstance.objects.none())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = user or getattr(self.request, "user", None)
        self.filters["instance"].queryset = KarmadaInstance.objects.for_user(user)


class MemberClusterFilterSet(ScopedInstanceFilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    provider = django_filters.CharFilter()
    region = django_filters.CharFilter()
    zone = django_filters.CharFilter(method="in_zone")
    state = django_filters.ChoiceFilter(choices=ClusterState.choices)
    label = django_filters.CharFilter(method="has_label", label="Label (key or key=value)")
    sort = django_filters.ChoiceFilter(choices=[(k, k) for k in SORTS], method="sort_by")

    class Meta:
        model = MemberCluster
        fields = ["q", "instance", "provider", "region", "zone", "state", "label", "sort"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(region__icontains=value) | Q(provider__icontains=value)
        )

    def in_zone(self, queryset, name, value):
        # JSON containment is not available on SQLite; the quoted text match works on both.
        return queryset.filter(zones__icontains=f'"{value}"')

    def has_label(self, queryset, name, value):
        key, _, wanted = value.partition("=")
        if wanted:
            return queryset.filter(**{f"labels__{key.strip()}": wanted.strip()})
        return queryset.filter(labels__has_key=key.strip())

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])


class KarmadaEventFilterSet(ScopedInstanceFilterSet):
    cluster = django_filters.CharFilter(field_name="cluster_name", label="Member cluster name")
    type = django_filters.ChoiceFilter(choices=EventType.choices)
    involved_kind = django_filters.CharFilter()
    involved_namespace = django_filters.CharFilter()
    reason = django_filters.CharFilter()

    class Meta:
        model = KarmadaEvent
        fields = ["instance", "cluster", "type", "involved_kind", "involved_namespace", "reason"]
