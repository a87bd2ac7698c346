"""REST endpoints for instances, member clusters and their operations; writes call services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kairship_ui.api import OperationSerializer, ScopedViewSetMixin, router

from . import services
from .filters import MemberClusterFilterSet
from .forms import parse_labels
from .models import KarmadaInstance, MemberCluster
from .services.members import EFFECTS


class KarmadaInstanceSerializer(serializers.ModelSerializer):
    kubeconfig = serializers.CharField(write_only=True, style={"base_template": "textarea.html"})

    class Meta:
        model = KarmadaInstance
        fields = [
            "id",
            "name",
            "description",
            "labels",
            "context",
            "kubeconfig",
            "is_sandbox",
            "health",
            "health_message",
            "last_contact_at",
            "api_latency_ms",
            "version",
            "created_at",
        ]
        read_only_fields = [
            "id",
            "is_sandbox",
            "health",
            "health_message",
            "last_contact_at",
            "api_latency_ms",
            "version",
            "created_at",
        ]


class KarmadaInstanceViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Karmada instances. Creating one registers it and queues its verification."""

    queryset_model = KarmadaInstance
    serializer_class = KarmadaInstanceSerializer
    write_action = "admin"

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.register_instance(
            actor=self.request.user,
            name=data["name"],
            kubeconfig_text=data["kubeconfig"],
            context=data.get("context", ""),
            description=data.get("description", ""),
            labels=data.get("labels") or {},
        )

    def perform_destroy(self, instance):
        services.delete_instance(actor=self.request.user, instance=instance)


class MemberClusterSerializer(serializers.ModelSerializer):
    instance = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = MemberCluster
        fields = [
            "id",
            "instance",
            "name",
            "state",
            "state_reason",
            "state_message",
            "provider",
            "region",
            "zones",
            "kubernetes_version",
            "labels",
            "taints",
            "nodes_ready",
            "nodes_total",
            "cpu_allocatable_milli",
            "cpu_allocated_milli",
            "memory_allocatable_bytes",
            "memory_allocated_bytes",
            "pods_allocatable",
            "pods_allocated",
            "deleting",
            "synced_at",
        ]
        read_only_fields = fields


class LabelsSerializer(serializers.Serializer):
    labels = serializers.DictField(child=serializers.CharField(allow_blank=True))

    def validate_labels(self, value):
        return parse_labels(", ".join(f"{k}={v}" for k, v in value.items()))


class TaintSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=253)
    value = serializers.CharField(max_length=63, required=False, allow_blank=True)
    effect = serializers.ChoiceField(choices=EFFECTS)


def _accepted(operation) -> Response:
    return Response(OperationSerializer(operation).data, status=status.HTTP_202_ACCEPTED)


class MemberClusterViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Member clusters across instances, filtered like the cluster page; steering is queued."""

    queryset_model = MemberCluster
    serializer_class = MemberClusterSerializer
    write_action = "admin"

    def get_queryset(self):
        return super().get_queryset().select_related("instance")

    def filter_queryset(self, queryset):
        return MemberClusterFilterSet(
            self.request.query_params, queryset=queryset, user=self.request.user
        ).qs

    @extend_schema(request=LabelsSerializer, responses={202: OperationSerializer})
    @action(detail=True, methods=["put"])
    def labels(self, request, pk=None):
        body = LabelsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return _accepted(
            services.set_cluster_labels(
                actor=request.user, cluster=self.get_object(), labels=body.validated_data["labels"]
            )
        )

    @extend_schema(request=TaintSerializer, responses={202: OperationSerializer})
    @action(detail=True, methods=["post", "delete"])
    def taints(self, request, pk=None):
        body = TaintSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        cluster, data = self.get_object(), body.validated_data
        if request.method == "DELETE":
            return _accepted(
                services.remove_taint(
                    actor=request.user, cluster=cluster, key=data["key"], effect=data["effect"]
                )
            )
        return _accepted(services.add_taint(actor=request.user, cluster=cluster, taint=data))

    @extend_schema(request=None, responses={202: OperationSerializer})
    @action(detail=True, methods=["post"])
    def cordon(self, request, pk=None):
        return _accepted(services.cordon_cluster(actor=request.user, cluster=self.get_object()))

    @extend_schema(request=None, responses={202: OperationSerializer})
    @action(detail=True, methods=["post"])
    def uncordon(self, request, pk=None):
        return _accepted(services.uncordon_cluster(actor=request.user, cluster=self.get_object()))

    @extend_schema(request=None, responses={202: OperationSerializer})
    @action(detail=True, methods=["post"])
    def drain(self, request, pk=None):
        return _accepted(services.drain_cluster(actor=request.user, cluster=self.get_object()))


router.register("instances", KarmadaInstanceViewSet, basename="instance")
router.register("member-clusters", MemberClusterViewSet, basename="membercluster")
