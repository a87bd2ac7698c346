"""The workload and policy inventory: resource templates, bindings, placements, Works, policies.

Every row is mirrored from one Karmada instance, keyed by (instance, uid), with the raw object
kept for YAML views and previews. Namespaced rows carry the tenant that owns their namespace;
cluster-scoped rows have none and only platform operators see them.
"""

from __future__ import annotations

from django.db import models

from tenants.querysets import ScopedQuerySet


class InventoryQuerySet(ScopedQuerySet):
    """Tenants see the rows of their tenants' namespaces; the tenant column decides."""


class Mirrored(models.Model):
    """Fields every mirrored Karmada object has."""

    instance = models.ForeignKey("clusters.KarmadaInstance", on_delete=models.CASCADE)
    tenant = models.ForeignKey("tenants.Tenant", null=True, blank=True, on_delete=models.SET_NULL)
    uid = models.CharField(max_length=64)
    resource_version = models.CharField(max_length=64)
    namespace = models.CharField(max_length=253, blank=True, db_index=True)
    name = models.CharField(max_length=253, db_index=True)
    raw = models.JSONField(help_text="The whole object (Secrets: metadata only).")
    created = models.DateTimeField(null=True, blank=True, help_text="creationTimestamp")
    synced_at = models.DateTimeField(auto_now=True)

    objects = InventoryQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.namespace}/{self.name}" if self.namespace else self.name


class Condition(models.TextChoices):
    TRUE = "True", "True"
    FALSE = "False", "False"
    UNKNOWN = "", "Unknown"


class WorkloadState(models.TextChoices):
    """Where a workload stands, derived from its binding at upsert time."""

    SCHEDULING = "scheduling", "Scheduling"
    UNSCHEDULABLE = "unschedulable", "Unschedulable"
    APPLYING = "applying", "Applying"
    APPLY_FAILED = "apply-failed", "Apply failed"
    PROGRESSING = "progressing", "Progressing"
    READY = "ready", "Ready"


STATE_PILLS = {
    WorkloadState.SCHEDULING: "pending",
    WorkloadState.UNSCHEDULABLE: "failed",
    WorkloadState.APPLYING: "pending",
    WorkloadState.APPLY_FAILED: "failed",
    WorkloadState.PROGRESSING: "running",
    WorkloadState.READY: "ready",
}


class PolicyKind(models.TextChoices):
    PROPAGATION = "PropagationPolicy", "PropagationPolicy"
    CLUSTER_PROPAGATION = "ClusterPropagationPolicy", "ClusterPropagationPolicy"
    OVERRIDE = "OverridePolicy", "OverridePolicy"
    CLUSTER_OVERRIDE = "ClusterOverridePolicy", "ClusterOverridePolicy"


class Policy(Mirrored):
    """A PropagationPolicy, ClusterPropagationPolicy, OverridePolicy or ClusterOverridePolicy."""

    instance = models.ForeignKey(
        "clusters.KarmadaInstance", on_delete=models.CASCADE, related_name="policies"
    )
    kind = models.CharField(max_length=32, choices=PolicyKind.choices, db_index=True)
    priority = models.IntegerField(default=0)
    preemption = models.CharField(max_length=16, blank=True)
    permanent_id = models.CharField(max_length=64, blank=True)
    selected_kinds = models.JSONField(default=list, blank=True, help_text="Selector kinds.")

    class Meta:
        ordering = ["instance__name", "kind", "namespace", "name"]
        verbose_name_plural = "policies"
        constraints = [
            models.UniqueConstraint(fields=["instance", "uid"], name="policy_uid_per_instance")
        ]
        indexes = [models.Index(fields=["instance", "kind", "namespace", "name"])]

    def audit_fields(self) -> dict:
        fields = {"kind": self.kind, "instance": self.instance, "name": self.name}
        return {**fields, "namespace": self.namespace, "tenant": self.tenant}

    @property
    def is_override(self) -> bool:
        return self.kind in (PolicyKind.OVERRIDE, PolicyKind.CLUSTER_OVERRIDE)

    @property
    def spec(self) -> dict:
        return self.raw.get("spec") or {}


class ResourceBinding(Mirrored):
    """A ResourceBinding or ClusterResourceBinding: where one template is scheduled and applied."""

    instance = models.ForeignKey(
        "clusters.KarmadaInstance", on_delete=models.CASCADE, related_name="bindings"
    )
    kind = models.CharField(max_length=32, default="ResourceBinding")
    workload = models.OneToOneField(
        "Workload", null=True, blank=True, on_delete=models.SET_NULL, related_name="binding"
    )
    template_uid = models.CharField(max_length=64, blank=True, db_index=True)
    # Summed over the target clusters (spec.replicas until scheduled), like ready_replicas.
    replicas = models.IntegerField(default=0)
    ready_replicas = models.IntegerField(default=0)
    scheduled = models.CharField(max_length=8, choices=Condition.choices, blank=True)
    scheduled_reason = models.CharField(max_length=100, blank=True)
    scheduled_message = models.TextField(blank=True)
    fully_applied = models.CharField(max_length=8, choices=Condition.choices, blank=True)
    applied_reason = models.CharField(max_length=100, blank=True)
    applied_message = models.TextField(blank=True)
    state = models.CharField(
        max_length=16,
        choices=WorkloadState.choices,
        default=WorkloadState.SCHEDULING,
        db_index=True,
    )
    dependencies = models.JSONField(default=list, blank=True, help_text="[{kind, namespace, name}]")

    class Meta:
        ordering = ["instance__name", "namespace", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instance", "uid"], name="binding_uid_per_instance")
        ]

    @property
    def state_pill(self) -> str:
        """The status pill class for the state (pill-ready, pill-failed…)."""
        return STATE_PILLS.get(self.state, "unknown")


class Workload(Mirrored):
    """A resource template (Deployment, Service, ConfigMap…) on the Karmada control plane."""

    instance = models.ForeignKey(
        "clusters.KarmadaInstance", on_delete=models.CASCADE, related_name="workloads"
    )
    api_version = models.CharField(max_length=100)
    kind = models.CharField(max_length=64, db_index=True)
    generation = models.BigIntegerField(default=0)
    desired_replicas = models.IntegerField(null=True, blank=True)
    ready_replicas = models.IntegerField(null=True, blank=True)
    policy_kind = models.CharField(max_length=32, blank=True)
    policy_namespace = models.CharField(max_length=253, blank=True)
    policy_name = models.CharField(max_length=253, blank=True, db_index=True)
    policy = models.ForeignKey(
        Policy, null=True, blank=True, on_delete=models.SET_NULL, related_name="claimed"
    )

    class Meta:
        ordering = ["instance__name", "namespace", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instance", "uid"], name="workload_uid_per_instance")
        ]
        indexes = [
            models.Index(fields=["instance", "namespace", "kind", "name"]),
            models.Index(fields=["instance", "policy_kind", "policy_namespace", "policy_name"]),
        ]

    def audit_fields(self) -> dict:
        fields = {"kind": self.kind, "instance": self.instance, "name": self.name}
        return {**fields, "namespace": self.namespace, "tenant": self.tenant}


class Placement(models.Model):
    """One binding's share on one member cluster: replicas, readiness, health, applied."""

    binding = models.ForeignKey(
        ResourceBinding, on_delete=models.CASCADE, related_name="placements"
    )
    instance = models.ForeignKey("clusters.KarmadaInstance", on_delete=models.CASCADE)
    tenant = models.ForeignKey("tenants.Tenant", null=True, blank=True, on_delete=models.SET_NULL)
    cluster_name = models.CharField(max_length=253)
    cluster = models.ForeignKey(
        "clusters.MemberCluster",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements",
    )
    replicas = models.IntegerField(default=0)
    ready_replicas = models.IntegerField(default=0)
    health = models.CharField(max_length=16, blank=True)
    applied = models.BooleanField(default=False)
    applied_message = models.TextField(blank=True)
    reported = models.BooleanField(default=False, help_text="Has an aggregatedStatus item.")

    objects = InventoryQuerySet.as_manager()

    class Meta:
        ordering = ["cluster_name"]
        constraints = [
            models.UniqueConstraint(fields=["binding", "cluster_name"], name="one_placement")
        ]

    def __str__(self) -> str:
        return f"{self.binding} on {self.cluster_name}"


class Work(Mirrored):
    """A Work: one binding's manifest for one member cluster, and whether it applied."""

    instance = models.ForeignKey(
        "clusters.KarmadaInstance", on_delete=models.CASCADE, related_name="works"
    )
    cluster_name = models.CharField(max_length=253, db_index=True)
    binding_kind = models.CharField(max_length=32, blank=True)
    binding_namespace = models.CharField(max_length=253, blank=True)
    binding_name = models.CharField(max_length=253, blank=True)
    binding = models.ForeignKey(
        ResourceBinding, null=True, blank=True, on_delete=models.SET_NULL, related_name="works"
    )
    applied = models.CharField(max_length=8, choices=Condition.choices, blank=True)
    applied_reason = models.CharField(max_length=100, blank=True)
    applied_message = models.TextField(blank=True)

    class Meta:
        ordering = ["cluster_name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instance", "uid"], name="work_uid_per_instance")
        ]
        indexes = [
            models.Index(fields=["instance", "binding_kind", "binding_namespace", "binding_name"])
        ]
