"""The `demo` seed: seven members across aws, gcp and azure, two applications, and leftovers.

Members span regions, zones and Kubernetes 1.29-1.32 (one pull-mode, one with an API group
missing, one degraded). The `shop` and `payments` applications are propagated with policies
and overrides; single-cluster workloads with their ConfigMaps / Secrets / Services wait in two
members to be promoted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from karmada_sandbox.members import MemberSpec
from karmada_sandbox.seed.builders import (
    POLICY_API,
    config_map,
    deployment,
    namespace,
    policy,
    secret,
    selector,
    service,
)

if TYPE_CHECKING:
    from karmada_sandbox.world import KarmadaWorld

DEMO_MEMBERS = (
    MemberSpec(
        "aws-us-east",
        "aws",
        "us-east-1",
        ("us-east-1a", "us-east-1b"),
        "v1.31.4",
        4,
        {"cpu": "8", "memory": "32Gi", "pods": "110", "ephemeral-storage": "100Gi"},
        {"env": "prod", "tier": "gold"},
    ),
    MemberSpec(
        "aws-eu-west",
        "aws",
        "eu-west-1",
        ("eu-west-1a",),
        "v1.30.6",
        3,
        labels={"env": "prod", "tier": "silver"},
    ),
    MemberSpec(
        "gcp-us-central",
        "gcp",
        "us-central1",
        ("us-central1-a", "us-central1-b"),
        "v1.32.1",
        4,
        {"cpu": "16", "memory": "64Gi", "pods": "110", "ephemeral-storage": "200Gi"},
        {"env": "prod", "tier": "gold"},
    ),
    MemberSpec(
        "gcp-asia-east",
        "gcp",
        "asia-east1",
        ("asia-east1-a",),
        "v1.29.10",
        2,
        labels={"env": "staging"},
        disabled_apis=("autoscaling/v2",),
    ),
    MemberSpec(
        "azure-westeurope",
        "azure",
        "westeurope",
        ("westeurope-1", "westeurope-2"),
        "v1.31.2",
        3,
        labels={"env": "prod", "tier": "silver"},
    ),
    MemberSpec(
        "azure-eastus",
        "azure",
        "eastus",
        ("eastus-1",),
        "v1.30.4",
        2,
        labels={"env": "staging"},
        sync_mode="Pull",
    ),
    MemberSpec(
        "aws-ap-edge",
        "aws",
        "ap-southeast-1",
        ("ap-southeast-1a",),
        "v1.29.8",
        1,
        labels={"env": "dev"},
    ),
)
DEGRADED = "aws-ap-edge"


def seed_demo(world: KarmadaWorld) -> None:
    """Join the demo members, degrade one, create the demo objects and let them settle."""
    for spec in DEMO_MEMBERS:
        world.add_member(spec)
    world.apply_fault(DEGRADED, {"healthy": False})
    world.settle()
    store, registry = world.control_plane, world.control_plane.registry
    for obj in demo_control_plane_objects():
        store.create(registry.by_kind(obj["apiVersion"], obj["kind"]), obj)
    for cluster, objects in demo_member_objects().items():
        member = world.members[cluster]
        for obj in objects:
            member.store.create(member.store.registry.by_kind(obj["apiVersion"], obj["kind"]), obj)
    world.settle()


def demo_control_plane_objects() -> list[dict[str, Any]]:
    """Namespaces, templates, policies and overrides of the demo, in creation order."""
    return [
        *taint_policies(),
        namespace("shop"),
        namespace("payments"),
        *_shop(),
        *_payments(),
        *platform(),
    ]


def taint_policies() -> list[dict[str, Any]]:
    """A ClusterTaintPolicy tainting prod clusters NoExecute while they are not Ready."""
    taints = [{"key": "cluster.karmada.io/not-ready", "effect": "NoExecute"}]
    return [
        {
            "apiVersion": POLICY_API,
            "kind": "ClusterTaintPolicy",
            "metadata": {"name": "evict-from-unready-prod"},
            "spec": {
                "targetClusters": {"labelSelector": {"matchLabels": {"env": "prod"}}},
                "addOnConditions": [
                    {
                        "conditionType": "Ready",
                        "operator": "In",
                        "statusValues": ["False", "Unknown"],
                    }
                ],
                "removeOnConditions": [
                    {"conditionType": "Ready", "operator": "In", "statusValues": ["True"]}
                ],
                "taints": taints,
            },
        }
    ]


def _shop() -> list[dict[str, Any]]:
    prod = {"labelSelector": {"matchLabels": {"env": "prod"}}}
    divided = {
        "replicaSchedulingType": "Divided",
        "replicaDivisionPreference": "Weighted",
        "weightPreference": {"dynamicWeight": "AvailableReplicas"},
    }
    return [
        config_map("storefront-config", "shop", {"THEME": "autumn", "CURRENCY": "EUR"}),
        deployment(
            "storefront", "shop", 6, "nginx:1.27", "250m", "256Mi", config="storefront-config"
        ),
        service("storefront", "shop"),
        deployment("cart", "shop", 2, "ghcr.io/kairship/cart:2.4.1", "100m", "128Mi"),
        policy(
            "PropagationPolicy",
            "storefront",
            "shop",
            [
                selector("Deployment", "storefront", "apps/v1"),
                selector("Service", "storefront"),
                selector("ConfigMap", "storefront-config"),
            ],
            {
                "clusterAffinity": prod,
                "replicaScheduling": divided,
                "clusterTolerations": [
                    {
                        "key": "cluster.karmada.io/not-ready",
                        "operator": "Exists",
                        "effect": "NoExecute",
                        "tolerationSeconds": 30,
                    }
                ],
            },
            propagateDeps=True,
        ),
        policy(
            "PropagationPolicy",
            "cart",
            "shop",
            [selector("Deployment", "cart", "apps/v1")],
            {"clusterAffinity": {"clusterNames": ["aws-us-east", "gcp-us-central"]}},
        ),
        {
            "apiVersion": POLICY_API,
            "kind": "OverridePolicy",
            "metadata": {"name": "storefront-eu-mirror", "namespace": "shop"},
            "spec": {
                "resourceSelectors": [selector("Deployment", "storefront", "apps/v1")],
                "overrideRules": [
                    {
                        "targetCluster": {
                            "fieldSelector": {
                                "matchExpressions": [
                                    {
                                        "key": "region",
                                        "operator": "In",
                                        "values": ["eu-west-1", "westeurope"],
                                    }
                                ]
                            }
                        },
                        "overriders": {
                            "imageOverrider": [
                                {
                                    "component": "Registry",
                                    "operator": "replace",
                                    "value": "mirror.eu.example.com",
                                }
                            ]
                        },
                    }
                ],
            },
        },
    ]


def _payments() -> list[dict[str, Any]]:
    weights = [
        {"targetCluster": {"clusterNames": ["aws-us-east"]}, "weight": 2},
        {"targetCluster": {"clusterNames": ["azure-westeurope"]}, "weight": 1},
    ]
    return [
        secret("payments-db", "payments", {"password": "c2FuZGJveA=="}),
        deployment(
            "payments-api",
            "payments",
            3,
            "ghcr.io/kairship/payments:1.9.0",
            "500m",
            "512Mi",
            secret="payments-db",
        ),
        policy(
            "PropagationPolicy",
            "payments-api",
            "payments",
            [selector("Deployment", "payments-api", "apps/v1")],
            {
                "clusterAffinity": {"clusterNames": ["aws-us-east", "azure-westeurope"]},
                "replicaScheduling": {
                    "replicaSchedulingType": "Divided",
                    "replicaDivisionPreference": "Weighted",
                    "weightPreference": {"staticWeightList": weights},
                },
            },
            propagateDeps=True,
            failover={"cluster": {"purgeMode": "Gracefully"}},
        ),
        {
            "apiVersion": POLICY_API,
            "kind": "OverridePolicy",
            "metadata": {"name": "payments-region-label", "namespace": "payments"},
            "spec": {
                "resourceSelectors": [selector("Deployment", "payments-api", "apps/v1")],
                "overrideRules": [
                    {
                        "overriders": {
                            "labelsOverrider": [{"operator": "add", "value": {"compliance": "pci"}}]
                        }
                    }
                ],
            },
        },
    ]


def platform() -> list[dict[str, Any]]:
    """A ClusterRole for every cluster (a ClusterResourceBinding) and a cluster-wide override."""
    role = {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "ClusterRole",
        "metadata": {"name": "kairship-viewer"},
        "rules": [
            {"apiGroups": ["", "apps"], "resources": ["*"], "verbs": ["get", "list", "watch"]}
        ],
    }
    return [
        role,
        policy(
            "ClusterPropagationPolicy",
            "platform-rbac",
            None,
            [selector("ClusterRole", "kairship-viewer", "rbac.authorization.k8s.io/v1")],
            {},
        ),
        {
            "apiVersion": POLICY_API,
            "kind": "ClusterOverridePolicy",
            "metadata": {"name": "managed-by-kairship"},
            "spec": {
                "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}],
                "overrideRules": [
                    {
                        "overriders": {
                            "annotationsOverrider": [
                                {"operator": "add", "value": {"kairship.io/managed": "true"}}
                            ]
                        }
                    }
                ],
            },
        },
    ]


def demo_member_objects() -> dict[str, list[dict[str, Any]]]:
    """Single-cluster workloads that exist only in a member, waiting to be promoted."""
    return {
        "aws-eu-west": [
            namespace("legacy"),
            config_map("inventory-config", "legacy", {"WAREHOUSE": "dublin"}),
            secret("inventory-db", "legacy", {"password": "bGVnYWN5"}),
            deployment(
                "inventory",
                "legacy",
                2,
                "ghcr.io/kairship/inventory:0.8.3",
                "200m",
                "256Mi",
                config="inventory-config",
                secret="inventory-db",
            ),
            service("inventory", "legacy", cluster_ip="10.96.12.40"),
        ],
        "gcp-us-central": [
            namespace("reports"),
            config_map("report-settings", "reports", {"SCHEDULE": "0 3 * * *"}),
            deployment(
                "report-generator",
                "reports",
                1,
                "ghcr.io/kairship/reports:3.1.0",
                "1",
                "1Gi",
                config="report-settings",
            ),
            service("report-generator", "reports", cluster_ip="10.96.40.7"),
        ],
    }
