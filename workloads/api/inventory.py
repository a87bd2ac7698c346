"""Read serializers of the inventory's templates, bindings and policies."""

from __future__ import annotations

from rest_framework import serializers

from workloads.models import Placement, Policy, ResourceBinding, Workload, WorkloadState


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
