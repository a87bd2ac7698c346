"""REST API: the root, shared viewset plumbing, error mapping, and the audit endpoints."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import KairshipError
from .filters import AuditEntryFilterSet
from .models import AuditEntry, Operation

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def exception_handler(exc, context):
    """Domain errors become 400/403/409 with the same text the pages show, at the field."""
    if isinstance(exc, KairshipError):
        body = {exc.field: [exc.message]} if exc.field else {"detail": exc.message}
        return Response(body, status=exc.status)
    return drf_exception_handler(exc, context)


class ScopedViewSetMixin:
    """Querysets come from `for_user`: safe methods need `view`, the rest `change`."""

    queryset_model = None
    write_action = "change"

    def get_queryset(self):
        action = "view" if self.request.method in SAFE_METHODS else self.write_action
        return self.queryset_model.objects.for_user(self.request.user, action)


class AuditEntrySerializer(serializers.ModelSerializer):
    tenant = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "actor_name",
            "action",
            "outcome",
            "tenant",
            "instance_name",
            "kind",
            "namespace",
            "name",
            "before",
            "after",
            "changes",
            "message",
        ]


class AuditEntryViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The audit log, newest first, filtered like the audit page."""

    queryset_model = AuditEntry
    serializer_class = AuditEntrySerializer
    filterset_class = AuditEntryFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("tenant")


class OperationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Operation
        fields = [
            "id",
            "verb",
            "kind",
            "namespace",
            "name",
            "state",
            "message",
            "created_at",
            "updated_at",
        ]


class OperationViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Work sent to Karmada and its outcome."""

    queryset_model = Operation
    serializer_class = OperationSerializer


router = DefaultRouter()
router.register("audit-entries", AuditEntryViewSet, basename="auditentry")
router.register("operations", OperationViewSet, basename="operation")


def register_app_routes() -> None:
    """Each app adds its endpoints in its api.py through `router`."""
    from clusters import api as clusters_api  # noqa: F401
    from tenants import api as tenants_api  # noqa: F401
    from workloads import api as workloads_api  # noqa: F401


register_app_routes()

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
]
