"""REST endpoints for instances, member clusters and their operations; writes call services.

The read-only events endpoint lives in `events`.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from clusters import services
from clusters.filters import MemberClusterFilterSet
from clusters.forms import parse_labels
from clusters.models import KarmadaInstance, MemberCluster, OperatorKarmada
from clusters.operator import SCALABLE_COMPONENTS
from clusters.services.members import EFFECTS
from clusters.services.operator import MAX_REPLICAS
from kairship_ui.api import OperationSerializer, ScopedViewSetMixin, router

from .events import KarmadaEventViewSet


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


def _accepted(operation) -> Response:
    return Response(OperationSerializer(operation).data, status=status.HTTP_202_ACCEPTED)


class JoinSerializer(serializers.Serializer):
    """A Push-mode join: the member's kubeconfig and where the cluster runs."""

    name = serializers.CharField(max_length=48)
    kubeconfig = serializers.CharField(write_only=True, style={"base_template": "textarea.html"})
    context = serializers.CharField(required=False, allow_blank=True, default="")
    provider = serializers.CharField(required=False, allow_blank=True, default="")
    region = serializers.CharField(required=False, allow_blank=True, default="")
    zones = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    labels = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )

    def validate_labels(self, value):
        return parse_labels(", ".join(f"{k}={v}" for k, v in value.items()))


class BootstrapTokenSerializer(serializers.Serializer):
    cluster_name = serializers.CharField(max_length=48)


class PullRegistrationSerializer(serializers.Serializer):
    operation = OperationSerializer()
    command = serializers.CharField(help_text="Run on the member; contains the token.")


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

    @extend_schema(request=JoinSerializer, responses={202: OperationSerializer})
    @action(detail=True, methods=["post"])
    def join(self, request, pk=None):
        """Join a member cluster in Push mode (the Secrets and the Cluster object)."""
        instance = self.get_object()  # 404 before 400: nothing leaks about invisible ones
        body = JoinSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        return _accepted(
            services.join_cluster(
                actor=request.user,
                instance=instance,
                name=data["name"],
                kubeconfig_text=data["kubeconfig"],
                context=data["context"],
                provider=data["provider"],
                region=data["region"],
                zones=data["zones"],
                labels=data["labels"],
            )
        )

    @extend_schema(request=BootstrapTokenSerializer, responses={202: PullRegistrationSerializer})
    @action(detail=True, methods=["post"], url_path="bootstrap-tokens")
    def bootstrap_tokens(self, request, pk=None):
        """Create a bootstrap token for a Pull-mode member; answers the register command."""
        instance = self.get_object()
        body = BootstrapTokenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        registration = services.create_bootstrap_token(
            actor=request.user,
            instance=instance,
            cluster_name=body.validated_data["cluster_name"],
        )
        return Response(
            PullRegistrationSerializer(registration).data, status=status.HTTP_202_ACCEPTED
        )


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


class MemberClusterViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Member clusters across instances, filtered like the cluster page; steering is queued."""

    queryset_model = MemberCluster
    serializer_class = MemberClusterSerializer
    filterset_class = MemberClusterFilterSet
    write_action = "admin"

    def get_queryset(self):
        return super().get_queryset().select_related("instance")

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

    @extend_schema(request=None, responses={202: OperationSerializer})
    @action(detail=True, methods=["post"])
    def unjoin(self, request, pk=None):
        """Delete the Cluster object (and its Push-mode Secrets)."""
        return _accepted(services.unjoin_cluster(actor=request.user, cluster=self.get_object()))


class ReplicasField(serializers.DictField):
    child = serializers.IntegerField(min_value=1, max_value=MAX_REPLICAS)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        unknown = sorted(set(value) - set(SCALABLE_COMPONENTS))
        if unknown:
            raise serializers.ValidationError(f"Unknown components: {', '.join(unknown)}.")
        return value


class OperatorKarmadaSerializer(serializers.ModelSerializer):
    host = serializers.PrimaryKeyRelatedField(queryset=KarmadaInstance.objects.none())
    replicas = ReplicasField(required=False, default=dict)
    registered = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = OperatorKarmada
        fields = [
            "id",
            "host",
            "namespace",
            "name",
            "version",
            "replicas",
            "phase",
            "ready_reason",
            "ready_message",
            "registered",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "phase",
            "ready_reason",
            "ready_message",
            "registered",
            "created_at",
            "updated_at",
        ]
        validators = []  # uniqueness is the service's to check (at the name field)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["host"].queryset = KarmadaInstance.objects.for_user(request.user, "admin")


class KarmadaUpdateSerializer(serializers.Serializer):
    version = serializers.CharField(required=False, allow_blank=True, default="")
    replicas = ReplicasField(required=False, default=dict)


class OperatorKarmadaViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Karmada instances created through karmada-operator on a host instance.

    Create queues the `Karmada` object; PATCH updates version / replicas; DELETE uninstalls.
    """

    queryset_model = OperatorKarmada
    serializer_class = OperatorKarmadaSerializer
    write_action = "admin"

    def get_queryset(self):
        return super().get_queryset().select_related("host", "registered")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.create_karmada(
            actor=self.request.user,
            host=data["host"],
            name=data["name"],
            namespace=data["namespace"],
            version=data.get("version", ""),
            replicas=data.get("replicas") or {},
        )

    @extend_schema(request=KarmadaUpdateSerializer, responses={202: OperationSerializer})
    def partial_update(self, request, pk=None):
        karmada = self.get_object()
        body = KarmadaUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        return _accepted(
            services.update_karmada(
                actor=request.user,
                karmada=karmada,
                version=data["version"] or karmada.version,
                replicas={**karmada.replicas, **data["replicas"]},
            )
        )

    @extend_schema(request=None, responses={202: OperationSerializer})
    def destroy(self, request, pk=None):
        return _accepted(services.uninstall_karmada(actor=request.user, karmada=self.get_object()))


router.register("instances", KarmadaInstanceViewSet, basename="instance")
router.register("operator-karmadas", OperatorKarmadaViewSet, basename="operatorkarmada")
router.register("member-clusters", MemberClusterViewSet, basename="membercluster")
router.register("events", KarmadaEventViewSet, basename="karmadaevent")
