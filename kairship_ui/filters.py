"""Filters for the audit log, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from .models import AuditEntry, Outcome


class AuditEntryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    action = django_filters.CharFilter(lookup_expr="startswith")
    kind = django_filters.CharFilter()
    actor = django_filters.CharFilter(field_name="actor_name")
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices)
    tenant = django_filters.NumberFilter(field_name="tenant_id")
    since = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="lt")

    class Meta:
        model = AuditEntry
        fields = ["q", "action", "kind", "actor", "outcome", "tenant", "since", "until"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(namespace__icontains=value))
