"""`/api/preview/policy/` and `/api/preview/override-policy/`: drafts against the inventory."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from workloads.preview.inventory import preview_draft_override, preview_draft_policy

from .writes import ProblemsSerializer, VisibleInstanceField, VisibleWorkloadField, invalid_body


class PolicyPreviewRequestSerializer(serializers.Serializer):
    instance = VisibleInstanceField(help_text="The Karmada instance's name.")
    policy = serializers.DictField(help_text="A draft (Cluster)PropagationPolicy.")
    workload = VisibleWorkloadField(
        required=False,
        allow_null=True,
        help_text="Preview for this template only (else the ones the draft selects).",
    )
    limit = serializers.IntegerField(required=False, default=20, min_value=1, max_value=100)

    def validate(self, attrs):
        workload = attrs.get("workload")
        if workload is not None and workload.instance_id != attrs["instance"].pk:
            raise serializers.ValidationError({"workload": ["Not on that instance."]})
        return attrs


class OverridePreviewRequestSerializer(serializers.Serializer):
    instance = VisibleInstanceField(help_text="The Karmada instance's name.")
    policy = serializers.DictField(help_text="A draft (Cluster)OverridePolicy.")
    limit = serializers.IntegerField(required=False, default=200, min_value=1, max_value=500)


class ClusterPreviewSerializer(serializers.Serializer):
    name = serializers.CharField()
    replicas = serializers.IntegerField()
    manifest = serializers.JSONField(allow_null=True, help_text="The Work's manifest there.")
    diff = serializers.CharField(help_text="Unified diff from the template.")
    applied_cluster_overrides = serializers.ListField(child=serializers.JSONField())
    applied_overrides = serializers.ListField(child=serializers.JSONField())
    error = serializers.CharField(allow_null=True)
    suspended = serializers.BooleanField()


class PolicyPreviewSerializer(serializers.Serializer):
    """One template's preview: claim, scheduling, per-cluster manifests, changes from now."""

    workload_id = serializers.IntegerField(allow_null=True, help_text="Null for a new template.")
    workload_key = serializers.CharField(help_text="kind/namespace/name")
    template_kind = serializers.CharField()
    template_namespace = serializers.CharField(allow_blank=True)
    template_name = serializers.CharField()
    claim = serializers.JSONField(allow_null=True, help_text="The claiming policy and why.")
    workload = serializers.JSONField(help_text="The template as the scheduler reads it.")
    template_yaml = serializers.CharField()
    admission_denied = serializers.CharField(allow_null=True)
    scheduled = serializers.BooleanField()
    error = serializers.JSONField(allow_null=True, help_text="{reason, message} when unscheduled")
    placement = serializers.JSONField(help_text="The effective placement.")
    filter_results = serializers.JSONField(help_text="{affinity term: {cluster: [reasons]}}")
    filtered_out = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    available_replicas = serializers.DictField(child=serializers.IntegerField())
    observed_affinity_name = serializers.CharField(allow_null=True)
    clusters = ClusterPreviewSerializer(many=True)
    changes = serializers.JSONField(
        allow_null=True, help_text="{added, removed, replicas: {cluster: [now, after]}, ...}"
    )


class PolicyPreviewsSerializer(serializers.Serializer):
    previews = PolicyPreviewSerializer(many=True)


class OverrideChangeSerializer(serializers.Serializer):
    template = serializers.JSONField(help_text="{api_version, kind, namespace, name}")
    cluster = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)
    diff = serializers.CharField()
    error = serializers.CharField(allow_null=True)


class OverridePreviewSerializer(serializers.Serializer):
    admission_denied = serializers.CharField(allow_null=True)
    changes = OverrideChangeSerializer(many=True)


class PreviewViewSet(viewsets.GenericViewSet):
    """What a draft policy would do, computed from the inventory; nothing is written."""

    serializer_class = PolicyPreviewRequestSerializer

    @extend_schema(
        request=PolicyPreviewRequestSerializer,
        responses={200: PolicyPreviewsSerializer, 400: ProblemsSerializer},
    )
    @action(detail=False, methods=["post"], url_path="policy")
    def policy(self, request):
        """Preview a draft (Cluster)PropagationPolicy on the templates it selects."""
        body = PolicyPreviewRequestSerializer(data=request.data, context={"request": request})
        if not body.is_valid():
            return invalid_body(body)
        data = body.validated_data
        previews = preview_draft_policy(
            data["instance"],
            data["policy"],
            user=request.user,
            workload=data.get("workload"),
            limit=data["limit"],
        )
        return Response(
            PolicyPreviewsSerializer({"previews": [p.to_dict() for p in previews]}).data
        )

    @extend_schema(
        request=OverridePreviewRequestSerializer,
        responses={200: OverridePreviewSerializer, 400: ProblemsSerializer},
    )
    @action(detail=False, methods=["post"], url_path="override-policy")
    def override_policy(self, request):
        """Preview a draft (Cluster)OverridePolicy: every template and cluster it changes."""
        body = OverridePreviewRequestSerializer(data=request.data, context={"request": request})
        if not body.is_valid():
            return invalid_body(body)
        data = body.validated_data
        preview = preview_draft_override(
            data["instance"], data["policy"], user=request.user, limit=data["limit"]
        )
        return Response(OverridePreviewSerializer(preview.to_dict()).data)
