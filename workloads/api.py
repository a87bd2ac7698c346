"""Read-only REST endpoints for workloads, bindings and policies, filtered like the pages."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from kairship_ui.api import ScopedViewSetMixin, router

from .filters import PolicyFilterSet, ResourceBindingFilterSet, WorkloadFilterSet
from .models import Placement, Policy, ResourceBinding, Workload, WorkloadState
from .queries import workload_rows


class PlacementSerializer(serializers.ModelSerializer):
    cluster = serializers.CharField(source="cluster_name")

    class Meta:
        model = Placement
        fields = ["cluster", "replicas", "ready_replicas", "health", "applied", "applied_message"]
        read_only_fields = fields


class ResourceBindingSerializer(serializers.ModelSerializer):
    instance = serializers.SlugRelatedField(slug_field="name", read_only=True)
    placements = PlacementSerializer(many=True, read_only=True)
    scheduled = serializers.CharField(read_only=True, help_text="Scheduled condition status")
    fully_applied = serializers.CharField(read_only=True, help_text="FullyApplied status")
    state = serializers.CharField(
        read_only=True, help_text=" | ".join(value for value, _ in WorkloadState.choices)
    )

    class Meta:
        model = ResourceBinding
        fields = [
            "id",
            "instance",
            "kind",
            "namespace",
            "name",
            "workload",
            "replicas",
            "ready_replicas",
            "state",
            "scheduled",
            "scheduled_reason",
            "scheduled_message",
            "fully_applied",
            "applied_reason",
            "applied_message",
            "placements",
            "synced_at",
        ]
        read_only_fields = fields


class WorkloadBindingSerializer(ResourceBindingSerializer):
    class Meta(ResourceBindingSerializer.Meta):
        fields = [
            f for f in ResourceBindingSerializer.Meta.fields if f not in ("instance", "workload")
        ]
        read_only_fields = fields


class WorkloadSerializer(serializers.ModelSerializer):
    instance = serializers.SlugRelatedField(slug_field="name", read_only=True)
    binding = WorkloadBindingSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Workload
        fields = [
            "id",
            "instance",
            "api_version",
            "kind",
            "namespace",
            "name",
            "desired_replicas",
            "ready_replicas",
            "policy_kind",
            "policy_namespace",
            "policy_name",
            "policy",
            "binding",
            "created",
            "synced_at",
        ]
        read_only_fields = fields


class PolicySerializer(serializers.ModelSerializer):
    instance = serializers.SlugRelatedField(slug_field="name", read_only=True)
    spec = serializers.JSONField(read_only=True)

    class Meta:
        model = Policy
        fields = [
            "id",
            "instance",
            "kind",
            "namespace",
            "name",
            "priority",
            "preemption",
            "selected_kinds",
            "spec",
            "created",
            "synced_at",
        ]
        read_only_fields = fields


class WorkloadViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Resource templates across instances with their binding and per-cluster placements."""

    queryset_model = Workload
    serializer_class = WorkloadSerializer

    def get_queryset(self):
        return workload_rows(super().get_queryset())

    def filter_queryset(self, queryset):
        return WorkloadFilterSet(
            self.request.query_params, queryset=queryset, user=self.request.user
        ).qs


class ResourceBindingViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """ResourceBindings and ClusterResourceBindings: scheduling, apply state, placements."""

    queryset_model = ResourceBinding
    serializer_class = ResourceBindingSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("instance").prefetch_related("placements")

    def filter_queryset(self, queryset):
        return ResourceBindingFilterSet(
            self.request.query_params, queryset=queryset, user=self.request.user
        ).qs


class PolicyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Propagation and override policies, namespaced and cluster-scoped."""

    queryset_model = Policy
    serializer_class = PolicySerializer

    def get_queryset(self):
        return super().get_queryset().select_related("instance")

    def filter_queryset(self, queryset):
        return PolicyFilterSet(
            self.request.query_params, queryset=queryset, user=self.request.user
        ).qs


router.register("workloads", WorkloadViewSet, basename="workload")
router.register("resource-bindings", ResourceBindingViewSet, basename="resourcebinding")
router.register("policies", PolicyViewSet, basename="policy")
