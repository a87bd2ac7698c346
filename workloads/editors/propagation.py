"""The PropagationPolicy / ClusterPropagationPolicy form: every field of Karmada's CRD."""

from __future__ import annotations

from .schema import Field, Group, Section, cluster_affinity, policy_metadata, resource_selectors

_STATE_RULES = (
    Field("aliasLabelName", "Alias label"),
    Field("jsonPath", "JSON path", placeholder="{ .updateRevision }"),
)


def _resources(cluster_scoped: bool) -> Section:
    return Section(
        "Resources it propagates",
        (
            resource_selectors(cluster_scoped),
            Field(
                "spec.priority", "Priority", "number", help="Higher wins among matching policies."
            ),
            Field(
                "spec.preemption",
                "Preemption",
                "select",
                ("Always", "Never"),
                help="Always: take resources from lower-priority policies (default Never).",
            ),
            Field(
                "spec.conflictResolution",
                "Conflict resolution",
                "select",
                ("Abort", "Overwrite"),
                help="When the resource already exists in a member (default Abort).",
            ),
            Field("spec.propagateDeps", "Propagate dependencies", "checkbox"),
        ),
    )


CLUSTERS = Section(
    "Where it runs",
    cluster_affinity("spec.placement.clusterAffinity"),
    help="Clusters must match every part that is set.",
)

FALLBACK = Section(
    "Ordered cluster affinities (fallback groups)",
    (
        Group(
            "spec.placement.clusterAffinities",
            "Affinity groups",
            (
                Field("affinityName", "Group name"),
                *cluster_affinity(""),
                Group(
                    "overflowAffinities",
                    "Overflow groups",
                    (Field("affinityName", "Group name"), *cluster_affinity("")),
                    add_label="Add overflow group",
                ),
            ),
            add_label="Add affinity group",
            help="Tried in order; the next group is used when the current one cannot fit.",
        ),
    ),
    advanced=True,
)

TOLERATIONS = Section(
    "Cluster tolerations",
    (
        Group(
            "spec.placement.clusterTolerations",
            "Tolerations",
            (
                Field("key", "Key"),
                Field("operator", "Operator", "select", ("Equal", "Exists")),
                Field("value", "Value"),
                Field(
                    "effect", "Effect", "select", ("NoSchedule", "PreferNoSchedule", "NoExecute")
                ),
                Field("tolerationSeconds", "Toleration seconds", "number"),
            ),
            add_label="Add toleration",
        ),
    ),
    advanced=True,
)

SPREAD = Section(
    "Spread constraints",
    (
        Group(
            "spec.placement.spreadConstraints",
            "Constraints",
            (
                Field(
                    "spreadByField",
                    "Spread by field",
                    "select",
                    ("cluster", "region", "zone", "provider"),
                ),
                Field("spreadByLabel", "Spread by label"),
                Field("minGroups", "Min groups", "number"),
                Field("maxGroups", "Max groups", "number"),
            ),
            add_label="Add spread constraint",
        ),
    ),
    advanced=True,
)

REPLICAS = Section(
    "Replicas",
    (
        Field(
            "spec.placement.replicaScheduling.replicaSchedulingType",
            "Scheduling",
            "select",
            ("Duplicated", "Divided"),
            help="Duplicated: every cluster runs all replicas. Divided: they are shared out.",
        ),
        Field(
            "spec.placement.replicaScheduling.replicaDivisionPreference",
            "Division",
            "select",
            ("Aggregated", "Weighted"),
            help="Aggregated: as few clusters as possible. Weighted: by the weights below.",
        ),
        Field(
            "spec.placement.replicaScheduling.weightPreference.dynamicWeight",
            "Dynamic weight",
            "select",
            ("AvailableReplicas",),
            help="Weigh clusters by how many replicas they can still fit.",
        ),
        Group(
            "spec.placement.replicaScheduling.weightPreference.staticWeightList",
            "Static weights",
            (Field("weight", "Weight", "number"), *cluster_affinity("targetCluster")),
            add_label="Add weight",
        ),
    ),
)

BEHAVIOUR = Section(
    "Behaviour",
    (
        Field(
            "spec.preserveResourcesOnDeletion", "Keep resources in members on deletion", "checkbox"
        ),
        Field("spec.suspension.dispatching", "Suspend dispatching to every cluster", "checkbox"),
        Field(
            "spec.suspension.dispatchingOnClusters.clusterNames",
            "Suspend dispatching to",
            "clusters",
        ),
        Field(
            "spec.activationPreference",
            "Activation",
            "select",
            ("Lazy",),
            help="Lazy: changes apply only when the resource itself changes.",
        ),
        Field("spec.schedulerName", "Scheduler", placeholder="default-scheduler"),
        Field("spec.dependentOverrides", "Dependent override policies", "list"),
        Field("spec.schedulePriority.priorityClassName", "Priority class"),
        Field(
            "spec.schedulePriority.priorityClassSource",
            "Priority class source",
            "select",
            ("KubePriorityClass",),
        ),
        Field("spec.association", "Association (deprecated)", "checkbox"),
        Field("spec.placement.workloadAffinity.affinity.groupByLabelKey", "Affinity group label"),
        Field(
            "spec.placement.workloadAffinity.antiAffinity.groupByLabelKey",
            "Anti-affinity group label",
        ),
    ),
    advanced=True,
)

FAILOVER = Section(
    "Failover",
    (
        Field(
            "spec.failover.application.decisionConditions.tolerationSeconds",
            "Application unhealthy for (s)",
            "number",
            help="How long an unhealthy application is tolerated before it moves.",
        ),
        Field(
            "spec.failover.application.purgeMode",
            "Application purge mode",
            "select",
            ("Directly", "Gracefully", "Never"),
        ),
        Field("spec.failover.application.gracePeriodSeconds", "Grace period (s)", "number"),
        Group(
            "spec.failover.application.statePreservation.rules",
            "Application state to preserve",
            _STATE_RULES,
            add_label="Add rule",
        ),
        Field(
            "spec.failover.cluster.purgeMode",
            "Cluster failover purge mode",
            "select",
            ("Directly", "Gracefully"),
        ),
        Group(
            "spec.failover.cluster.statePreservation.rules",
            "Cluster failover state to preserve",
            _STATE_RULES,
            add_label="Add rule",
        ),
    ),
    advanced=True,
)


def propagation_form(cluster_scoped: bool = False) -> tuple[Section, ...]:
    """The sections of a PropagationPolicy form (ClusterPropagationPolicy: no namespace)."""
    return (
        policy_metadata(cluster_scoped),
        _resources(cluster_scoped),
        CLUSTERS,
        REPLICAS,
        SPREAD,
        TOLERATIONS,
        FALLBACK,
        FAILOVER,
        BEHAVIOUR,
    )
