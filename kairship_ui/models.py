"""Cross-cutting models: pending work shown to users, and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tenants.querysets import ScopedQuerySet


class Outcome(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class Operation(models.Model):
    """A unit of work sent to Karmada on a user's behalf; pages show it until it lands."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=64)
    tenant = models.ForeignKey(
        "tenants.Tenant", null=True, blank=True, on_delete=models.CASCADE, related_name="operations"
    )
    instance = models.ForeignKey(
        "clusters.KarmadaInstance",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="operations",
    )
    kind = models.CharField(max_length=100, blank=True)
    namespace = models.CharField(max_length=253, blank=True)
    name = models.CharField(max_length=253, blank=True)
    state = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    payload = models.JSONField(default=dict, blank=True, help_text="What the task should apply.")
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.verb} {self.kind} {self.namespace}/{self.name} ({self.state})"


class AuditEntry(models.Model):
    """One mutating action: who, when, what, the before/after diff and the outcome."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, help_text="Kept when the user is deleted.")
    action = models.CharField(max_length=64, db_index=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.SUCCEEDED)
    tenant = models.ForeignKey(
        "tenants.Tenant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    instance = models.ForeignKey(
        "clusters.KarmadaInstance",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    instance_name = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=100, db_index=True)
    namespace = models.CharField(max_length=253, blank=True)
    name = models.CharField(max_length=253, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    changes = models.JSONField(
        default=list, blank=True, help_text="[{path, before, after}] derived from before/after."
    )
    message = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["tenant", "-at"])]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action} {self.kind} {self.name}"
        )
