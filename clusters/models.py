"""Karmada instances the console manages, and the member clusters mirrored from them."""

from __future__ import annotations

from typing import Self

from django.db import models

from kairship_ui import crypto
from tenants.querysets import ScopedQuerySet


class InstanceQuerySet(ScopedQuerySet):
    def tenant_filter(self, tenant_ids: frozenset[int], action: str) -> Self:
        """Tenants may read the instances where they own a namespace; only operators change them."""
        if action != "view":
            return self.none()
        return self.filter(tenant_namespaces__tenant_id__in=tenant_ids).distinct()


class Health(models.TextChoices):
    UNKNOWN = "unknown", "Unknown"
    HEALTHY = "healthy", "Healthy"
    UNREACHABLE = "unreachable", "Unreachable"


class KarmadaInstance(models.Model):
    """A Karmada control plane reached through a kubeconfig (stored encrypted)."""

    name = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    labels = models.JSONField(default=dict, blank=True)
    kubeconfig_encrypted = models.BinaryField(editable=False)
    context = models.CharField(max_length=253, blank=True)
    is_sandbox = models.BooleanField(default=False, help_text="Enables the demo controls.")
    health = models.CharField(max_length=12, choices=Health.choices, default=Health.UNKNOWN)
    health_message = models.TextField(blank=True)
    last_contact_at = models.DateTimeField(null=True, blank=True)
    api_latency_ms = models.FloatField(null=True, blank=True)
    version = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InstanceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def set_kubeconfig(self, text: str) -> None:
        self.kubeconfig_encrypted = crypto.encrypt(text)

    def kubeconfig_text(self) -> str:
        """The decrypted kubeconfig; never render it. Raises crypto.CredentialsUnreadable."""
        return crypto.decrypt(self.kubeconfig_encrypted)
