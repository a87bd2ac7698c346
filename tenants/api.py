"""REST endpoints for tenants and memberships; writes go through the services."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from kairship_ui.api import ScopedViewSetMixin, router

from . import services
from .models import Membership, Tenant
from .roles import Role


class TenantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tenant
        fields = ["id", "name", "slug", "description", "created_at"]
        read_only_fields = ["id", "created_at"]


class TenantViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Tenants you belong to (operators: all). Operators create; tenant admins rename."""

    queryset_model = Tenant
    serializer_class = TenantSerializer
    write_action = "admin"

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.create_tenant(
            actor=self.request.user,
            name=data["name"],
            slug=data["slug"],
            description=data.get("description", ""),
        )

    def perform_update(self, serializer):
        data = serializer.validated_data
        tenant = serializer.instance
        serializer.instance = services.update_tenant(
            actor=self.request.user,
            tenant=tenant,
            name=data.get("name", tenant.name),
            description=data.get("description", tenant.description),
        )


class MembershipSerializer(serializers.ModelSerializer):
    tenant = serializers.PrimaryKeyRelatedField(queryset=Tenant.objects.all())
    username = serializers.SlugRelatedField(
        source="user", slug_field="username", queryset=get_user_model().objects.all()
    )
    role = serializers.ChoiceField(choices=Role.choices)

    class Meta:
        model = Membership
        fields = ["id", "tenant", "username", "role", "created_at"]
        read_only_fields = ["id", "created_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:  # nobody can pick a tenant they cannot administer
            fields["tenant"].queryset = Tenant.objects.for_user(request.user, "admin")
        return fields


class MembershipViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Who holds which role in which tenant; tenant admins and operators change it."""

    queryset_model = Membership
    serializer_class = MembershipSerializer
    write_action = "admin"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("user", "tenant")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        membership = services.add_member(
            actor=request.user,
            tenant=data["tenant"],
            username=data["user"].username,
            role=data["role"],
        )
        return Response(self.get_serializer(membership).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        role = serializer.validated_data.get("role", serializer.instance.role)
        serializer.instance = services.change_role(
            actor=self.request.user, membership=serializer.instance, role=role
        )

    def perform_destroy(self, instance):
        services.remove_member(actor=self.request.user, membership=instance)


router.register("tenants", TenantViewSet, basename="tenant")
router.register("memberships", MembershipViewSet, basename="membership")
