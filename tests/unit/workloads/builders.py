"""Small builders for preview and validation scenarios, shaped like the Karmada vectors."""

from __future__ import annotations

from typing import Any

_APIS = [
    {"groupVersion": "v1", "resources": [{"name": "configmaps", "kind": "ConfigMap"}]},
    {
        "groupVersion": "apps/v1",
        "resources": [
            {"name": "deployments", "kind": "Deployment"},
            {"name": "statefulsets", "kind": "StatefulSet"},
        ],
    },
    {"groupVersion": "batch/v1", "resources": [{"name": "jobs", "kind": "Job"}]},
]


def cluster(
    name: str, *, region: str = "eu", cpu: str = "100", labels: dict | None = None, taints=None
) -> dict[str, Any]:
    """A ready member cluster with capacity (`cpu` cores, 200Gi, 110 pods)."""
    return {
        "apiVersion": "cluster.karmada.io/v1alpha1",
        "kind": "Cluster",
        "metadata": {"name": name, "labels": {"region": region, **(labels or {})}},
        "spec": {"region": region, "syncMode": "Push", "taints": taints or []},
        "status": {
            "apiEnablements": _APIS,
            "resourceSummary": {"allocatable": {"cpu": cpu, "memory": "200Gi", "pods": "110"}},
        },
    }


def deployment(
    name: str = "web", *, replicas: int = 6, image: str = "nginx:1.25", cpu: str = "500m"
) -> dict[str, Any]:
    """A Deployment template in namespace shop, one container requesting `cpu`."""
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": "shop", "uid": "4f0c1e2a", "resourceVersion": "7"},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {
                    "containers": [
                        {
                            "name": name,
                            "image": image,
                            "resources": {"requests": {"cpu": cpu, "memory": "256Mi"}},
                        }
                    ]
                },
            },
        },
        "status": {"replicas": replicas},
    }


def propagation_policy(
    name: str = "web",
    *,
    placement: dict | None = None,
    priority: int | None = None,
    selector: dict | None = None,
) -> dict[str, Any]:
    """A PropagationPolicy in namespace shop selecting Deployment `web` by name."""
    spec: dict[str, Any] = {
        "resourceSelectors": [
            selector or {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}
        ],
        "placement": placement or {},
    }
    if priority is not None:
        spec["priority"] = priority
    return {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "PropagationPolicy",
        "metadata": {"name": name, "namespace": "shop"},
        "spec": spec,
    }


def static_weights(weights: dict[str, int], **affinity: Any) -> dict[str, Any]:
    """A Divided / Weighted placement with static weights per cluster name."""
    placement: dict[str, Any] = {
        "replicaScheduling": {
            "replicaSchedulingType": "Divided",
            "replicaDivisionPreference": "Weighted",
            "weightPreference": {
                "staticWeightList": [
                    {"targetCluster": {"clusterNames": [name]}, "weight": weight}
                    for name, weight in weights.items()
                ]
            },
        }
    }
    if affinity:
        placement["clusterAffinity"] = affinity
    return placement


def region_image_override(
    region: str = "eu", registry: str = "eu.registry.example", name: str = "eu-images"
) -> dict[str, Any]:
    """An OverridePolicy replacing the image registry on clusters of one region."""
    return {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "OverridePolicy",
        "metadata": {"name": name, "namespace": "shop"},
        "spec": {
            "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}],
            "overrideRules": [
                {
                    "targetCluster": {
                        "fieldSelector": {
                            "matchExpressions": [
                                {"key": "region", "operator": "In", "values": [region]}
                            ]
                        }
                    },
                    "overriders": {
                        "imageOverrider": [
                            {"component": "Registry", "operator": "replace", "value": registry}
                        ]
                    },
                }
            ],
        },
    }
