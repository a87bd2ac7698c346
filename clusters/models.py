"""Karmada instances the console manages, and the member clusters mirrored from them."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models

from kairship_ui import crypto
from tenants.querysets import OperatorOnlyQuerySet, ScopedQuerySet

CLUSTER_API_GROUP = "cluster.karmada.io"


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

    @property
    def reachable(self) -> bool:
        return self.health == Health.HEALTHY

    def audit_fields(self) -> dict:
        return {"kind": "KarmadaInstance", "instance": self, "name": self.name}

    def set_kubeconfig(self, text: str) -> None:
        self.kubeconfig_encrypted = crypto.encrypt(text)

    def kubeconfig_text(self) -> str:
        """The decrypted kubeconfig; never render it. Raises crypto.CredentialsUnreadable."""
        return crypto.decrypt(self.kubeconfig_encrypted)


class ClusterQuerySet(ScopedQuerySet):
    def tenant_filter(self, tenant_ids: frozenset[int], action: str) -> Self:
        """Tenants read the member clusters of instances where they own a namespace."""
        if action != "view":
            return self.none()
        return self.filter(instance__tenant_namespaces__tenant_id__in=tenant_ids).distinct()

    def ready(self) -> Self:
        return self.filter(ready=True)


class ClusterState(models.TextChoices):
    READY = "ready", "Ready"
    NOT_READY = "not-ready", "Not ready"
    UNKNOWN = "unknown", "Unknown"


class MemberCluster(models.Model):
    """A Cluster object mirrored from an instance; the columns pages filter and show on."""

    instance = models.ForeignKey(KarmadaInstance, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(max_length=253)
    uid = models.CharField(max_length=64)
    resource_version = models.CharField(max_length=64)
    raw = models.JSONField(help_text="The whole Cluster object, for YAML views and previews.")
    state = models.CharField(
        max_length=10, choices=ClusterState.choices, default=ClusterState.UNKNOWN, db_index=True
    )
    state_reason = models.CharField(max_length=200, blank=True)
    state_message = models.TextField(blank=True)
    state_since = models.DateTimeField(null=True, blank=True)
    sync_mode = models.CharField(max_length=10, blank=True)
    provider = models.CharField(max_length=100, blank=True, db_index=True)
    region = models.CharField(max_length=100, blank=True, db_index=True)
    zones = models.JSONField(default=list, blank=True)
    kubernetes_version = models.CharField(max_length=64, blank=True)
    labels = models.JSONField(default=dict, blank=True)
    taints = models.JSONField(default=list, blank=True)
    nodes_total = models.IntegerField(default=0)
    nodes_ready = models.IntegerField(default=0)
    cpu_allocatable_milli = models.BigIntegerField(default=0)
    cpu_allocated_milli = models.BigIntegerField(default=0)
    memory_allocatable_bytes = models.BigIntegerField(default=0)
    memory_allocated_bytes = models.BigIntegerField(default=0)
    pods_allocatable = models.IntegerField(default=0)
    pods_allocated = models.IntegerField(default=0)
    deleting = models.BooleanField(default=False)
    synced_at = models.DateTimeField(auto_now=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering = ["instance__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instance", "uid"], name="cluster_uid_per_instance"),
            models.UniqueConstraint(fields=["instance", "name"], name="cluster_name_per_instance"),
        ]

    def __str__(self) -> str:
        return f"{self.instance.name}/{self.name}"

    def audit_fields(self) -> dict:
        return {"kind": "Cluster", "instance": self.instance, "name": self.name}

    @property
    def spec(self) -> dict:
        return self.raw.get("spec") or {}


class SyncState(models.Model):
    """Where an instance's watcher for one kind stands, so it can resume after a restart."""

    instance = models.ForeignKey(
        KarmadaInstance, on_delete=models.CASCADE, related_name="sync_states"
    )
    kind = models.CharField(max_length=64)
    resource_version = models.CharField(max_length=64, blank=True)
    last_event_at = models.DateTimeField(null=True, blank=True)
    last_relist_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = OperatorOnlyQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["instance", "kind"], name="one_sync_state")]

    def __str__(self) -> str:
        return f"{self.instance.name} {self.kind} @ {self.resource_version}"


class EventQuerySet(ScopedQuerySet):
    def tenant_filter(self, tenant_ids: frozenset[int], action: str) -> Self:
        """Tenants read the events of their namespaces, and those about a member cluster they
        may read (Cluster objects are cluster-scoped: their events belong to no namespace)."""
        if action != "view":
            return self.none()
        readable = KarmadaInstance.objects.filter(tenant_namespaces__tenant_id__in=tenant_ids)
        about_a_cluster = models.Q(
            involved_api_version__startswith=f"{CLUSTER_API_GROUP}/",
            involved_kind="Cluster",
            instance_id__in=readable.values("pk"),
        )
        return self.filter(models.Q(tenant_id__in=tenant_ids) | about_a_cluster)


class EventType(models.TextChoices):
    NORMAL = "Normal", "Normal"
    WARNING = "Warning", "Warning"


class KarmadaEvent(models.Model):
    """A core/v1 Event recorded in an instance by Karmada's controllers (clusters.events).

    The tenant is the one owning the involved object's namespace; events about cluster-scoped
    objects and Works in execution namespaces have none. `cluster_name` names the member
    cluster the event is about: the Cluster itself, or a Work in its `karmada-es-` namespace.
    """

    instance = models.ForeignKey(KarmadaInstance, on_delete=models.CASCADE, related_name="events")
    tenant = models.ForeignKey("tenants.Tenant", null=True, blank=True, on_delete=models.SET_NULL)
    uid = models.CharField(max_length=64)
    resource_version = models.CharField(max_length=64)
    namespace = models.CharField(max_length=253)
    name = models.CharField(max_length=253)
    involved_api_version = models.CharField(max_length=253, blank=True)
    involved_kind = models.CharField(max_length=100, blank=True)
    involved_namespace = models.CharField(max_length=253, blank=True)
    involved_name = models.CharField(max_length=253, blank=True)
    cluster_name = models.CharField(max_length=253, blank=True)
    type = models.CharField(max_length=16, default=EventType.NORMAL)
    reason = models.CharField(max_length=128, blank=True)
    message = models.TextField(blank=True)
    source = models.CharField(max_length=253, blank=True, help_text="The reporting component.")
    count = models.IntegerField(default=1)
    first_seen = models.DateTimeField(null=True, blank=True)
    last_seen = models.DateTimeField()
    synced_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["instance", "uid"], name="event_uid_per_instance")
        ]
        indexes = [
            models.Index(fields=["instance", "-last_seen"], name="event_newest_per_instance"),
            models.Index(
                fields=["instance", "cluster_name", "-last_seen"], name="event_newest_per_cluster"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.reason} {self.involved_kind}/{self.involved_name}"

    @property
    def warning(self) -> bool:
        return self.type == EventType.WARNING

    @property
    def involved(self) -> str:
        """The involved object as `Kind namespace/name`."""
        where = f"{self.involved_namespace}/" if self.involved_namespace else ""
        return f"{self.involved_kind} {where}{self.involved_name}".strip()


class KarmadaPhase(models.TextChoices):
    PENDING = "pending", "Pending"
    PROGRESSING = "progressing", "Installing"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"
    DELETING = "deleting", "Uninstalling"


class OperatorKarmada(models.Model):
    """A karmada-operator `Karmada` object the console created on a host instance.

    Mirrors its Ready condition; once ready, `registered` is the instance made from its admin
    kubeconfig Secret.
    """

    host = models.ForeignKey(
        KarmadaInstance, on_delete=models.CASCADE, related_name="hosted_karmadas"
    )
    namespace = models.CharField(max_length=63)
    name = models.SlugField(max_length=63)
    version = models.CharField(max_length=64, blank=True)
    replicas = models.JSONField(default=dict, blank=True)
    phase = models.CharField(
        max_length=12, choices=KarmadaPhase.choices, default=KarmadaPhase.PENDING
    )
    ready_reason = models.CharField(max_length=200, blank=True)
    ready_message = models.TextField(blank=True)
    raw = models.JSONField(default=dict, blank=True)
    registered = models.ForeignKey(
        KarmadaInstance, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OperatorOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["host__name", "namespace", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["host", "namespace", "name"], name="one_karmada_per_host_namespace"
            )
        ]

    def __str__(self) -> str:
        return f"{self.host.name}:{self.namespace}/{self.name}"

    def audit_fields(self) -> dict:
        return {
            "kind": "Karmada",
            "instance": self.host,
            "namespace": self.namespace,
            "name": self.name,
        }

    @property
    def following(self) -> bool:
        """Still waiting for the operator (installing, updating or uninstalling)."""
        return self.phase in (KarmadaPhase.PENDING, KarmadaPhase.PROGRESSING, KarmadaPhase.DELETING)
