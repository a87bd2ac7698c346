"""The resource templates the console mirrors, previews and writes: (apiVersion, kind) pairs."""

from __future__ import annotations

POLICY_API = "policy.karmada.io/v1alpha1"

NAMESPACED_TEMPLATE_KINDS = (
    ("apps/v1", "Deployment"),
    ("apps/v1", "StatefulSet"),
    ("apps/v1", "DaemonSet"),
    ("batch/v1", "Job"),
    ("batch/v1", "CronJob"),
    ("v1", "Service"),
    ("networking.k8s.io/v1", "Ingress"),
    ("v1", "ConfigMap"),
    ("v1", "Secret"),
    ("v1", "PersistentVolumeClaim"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"),
)
# What ClusterPropagationPolicies commonly place; only platform operators see and write them.
# Namespaces are left out: Karmada propagates them by itself, not through bindings.
CLUSTER_TEMPLATE_KINDS = (
    ("storage.k8s.io/v1", "StorageClass"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
)
TEMPLATE_KINDS = NAMESPACED_TEMPLATE_KINDS + CLUSTER_TEMPLATE_KINDS
CLUSTER_TEMPLATE_KIND_NAMES = frozenset(kind for _, kind in CLUSTER_TEMPLATE_KINDS)
