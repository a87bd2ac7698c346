"""`/api/events/`: the mirrored Karmada events, read-only, scoped like the instance and cluster
pages' event tables (tenants: their namespaces and the clusters they read; Works: operators)."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from clusters.filters import KarmadaEventFilterSet
from clusters.models import KarmadaEvent
from kairship_ui.api import ScopedViewSetMixin


class InvolvedObjectSerializer(serializers.Serializer):
    """The event's involvedObject reference, named as Kubernetes names it."""

    apiVersion = serializers.CharField(source="involved_api_version", read_only=True)
    kind = serializers.CharField(source="involved_kind", read_only=True)
    namespace = serializers.CharField(source="involved_namespace", read_only=True)
    name = serializers.CharField(source="involved_name", read_only=True)


class KarmadaEventSerializer(serializers.ModelSerializer):
    involved = InvolvedObjectSerializer(source="*", read_only=True)

    class Meta:
        model = KarmadaEvent
        fields = [
            "id",
            "instance",
            "cluster_name",
            "type",
            "reason",
            "message",
            "source",
            "count",
            "first_seen",
            "last_seen",
            "involved",
        ]
        read_only_fields = fields


class KarmadaEventViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Events Karmada's controllers recorded, newest first."""

    queryset_model = KarmadaEvent
    serializer_class = KarmadaEventSerializer
    filterset_class = KarmadaEventFilterSet

    def get_queryset(self):
        return super().get_queryset().order_by("-last_seen", "-pk")
