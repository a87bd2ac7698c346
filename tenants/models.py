"""Tenants (workspaces), their members and the namespaces they own."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from .querysets import ScopedQuerySet
from .roles import Role

dns_label = RegexValidator(
    r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$",
    "Use lower-case letters, digits and '-', starting and ending "
    "with a letter or digit (at most 63 characters).",
)


class TenantQuerySet(ScopedQuerySet):
    def tenant_filter(self, tenant_ids: frozenset[int], action: str) -> Self:
        return self.filter(pk__in=tenant_ids)


class Tenant(models.Model):
    """A workspace: a team that owns namespaces on one or more Karmada instances."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=63, unique=True, validators=[dns_label])
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one tenant."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["tenant__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "user"], name="one_role_per_tenant")
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.role} of {self.tenant}"


class TenantNamespace(models.Model):
    """A namespace on a Karmada instance that belongs to a tenant."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="namespaces")
    instance = models.ForeignKey(
        "clusters.KarmadaInstance", on_delete=models.CASCADE, related_name="tenant_namespaces"
    )
    namespace = models.CharField(max_length=63, validators=[dns_label])

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["instance__name", "namespace"]
        constraints = [
            models.UniqueConstraint(
                fields=["instance", "namespace"], name="namespace_has_one_tenant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instance}/{self.namespace}"
