"""Cluster pages and the member-clusters API at 3 instances × 100 member clusters.

The budget in DESIGN.md is fixed at that size, so `scale` (rows for the other lists) does not
change it. Clusters are stored through the inventory's own upsert path.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusters import sync
from clusters.models import KarmadaInstance, MemberCluster

from .report import line, median_ms

INSTANCES = 3
CLUSTERS_PER_INSTANCE = 100
PLACES = [
    ("aws", "eu-west-1", ["eu-west-1a", "eu-west-1b"]),
    ("aws", "us-east-1", ["us-east-1a"]),
    ("gcp", "europe-west4", ["europe-west4-a", "europe-west4-b"]),
    ("azure", "westeurope", ["westeurope-1"]),
    ("onprem", "dc-ams", ["rack-1"]),
]
API_ENABLEMENTS = [
    {"groupVersion": gv, "resources": [{"name": plural, "kind": kind}]}
    for gv, plural, kind in [
        ("v1", "configmaps", "ConfigMap"),
        ("apps/v1", "deployments", "Deployment"),
        ("batch/v1", "jobs", "Job"),
        ("networking.k8s.io/v1", "ingresses", "Ingress"),
        ("autoscaling/v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler"),
    ]
]


def cluster_object(instance: int, index: int) -> dict[str, Any]:
    """A Cluster as a real Karmada reports it: spec, conditions, APIs, nodes and resources."""
    provider, region, zones = PLACES[index % len(PLACES)]
    name = f"{provider}-{region}-{index:03d}"
    ready = index % 17 != 0
    nodes = 3 + index % 5
    stamp = "2026-11-01T10:00:00Z"
    return {
        "apiVersion": "cluster.karmada.io/v1alpha1",
        "kind": "Cluster",
        "metadata": {
            "name": name,
            "uid": f"bench-{instance}-{index}",
            "resourceVersion": "1",
            "creationTimestamp": stamp,
            "labels": {"env": ("prod", "staging")[index % 2], "team": f"t{index % 4}"},
            "finalizers": ["karmada.io/cluster-controller"],
        },
        "spec": {
            "id": f"00000000-0000-0000-{instance:04d}-{index:012d}",
            "syncMode": "Pull" if index % 10 == 0 else "Push",
            "apiEndpoint": f"https://{name}.example.com:6443",
            "secretRef": {"namespace": "karmada-cluster", "name": name},
            "impersonatorSecretRef": {
                "namespace": "karmada-cluster",
                "name": f"{name}-impersonator",
            },
            "provider": provider,
            "region": region,
            "zones": zones,
            "taints": []
            if ready
            else [{"key": "cluster.karmada.io/not-ready", "effect": "NoSchedule"}],
        },
        "status": {
            "kubernetesVersion": f"v1.{29 + index % 3}.{index % 7}",
            "apiEnablements": API_ENABLEMENTS,
            "conditions": [
                {
                    "type": "Ready",
                    "status": "True" if ready else "False",
                    "reason": "ClusterReady" if ready else "ClusterNotReachable",
                    "message": "cluster is healthy and ready to accept workloads"
                    if ready
                    else "cluster is not reachable",
                    "lastTransitionTime": stamp,
                },
                {
                    "type": "CompleteAPIEnablements",
                    "status": "True",
                    "reason": "Complete",
                    "message": "collected complete APIEnablements from the cluster",
                    "lastTransitionTime": stamp,
                },
            ],
            "nodeSummary": {"totalNum": nodes, "readyNum": nodes - (0 if ready else 1)},
            "resourceSummary": {
                "allocatable": {"cpu": f"{8 * nodes}", "memory": f"{32 * nodes}Gi", "pods": "110"},
                "allocated": {"cpu": f"{1500 * nodes}m", "memory": f"{6 * nodes}Gi", "pods": "40"},
                "allocating": {"cpu": "0", "memory": "0", "pods": "0"},
            },
        },
    }


def seed() -> list[KarmadaInstance]:
    """3 instances, each with 100 member clusters stored through `sync.upsert_cluster`."""
    instances = [
        KarmadaInstance.objects.create(name=f"bench-clusters-{i}", kubeconfig_encrypted=b"")
        for i in range(INSTANCES)
    ]
    for number, instance in enumerate(instances):
        for index in range(CLUSTERS_PER_INSTANCE):
            sync.upsert_cluster(instance, cluster_object(number, index))
    return instances


def run(scale: int) -> Iterator[str]:
    instances = seed()
    total = INSTANCES * CLUSTERS_PER_INSTANCE
    cluster = MemberCluster.objects.filter(instance=instances[0]).order_by("pk").first()
    operator = get_user_model().objects.create_superuser("bench-clusters", password="x")
    client = Client()
    client.force_login(operator)
    pages = {
        "page.cluster_list": (reverse("clusters:cluster_list"), total),
        "page.cluster_list_filtered": (
            reverse("clusters:cluster_list") + "?provider=aws&state=ready&sort=cpu&label=env=prod",
            total,
        ),
        "page.cluster_detail": (reverse("clusters:cluster_detail", args=[cluster.pk]), 1),
        "page.instance_list_3x100": (reverse("clusters:instance_list"), INSTANCES),
        "page.instance_detail": (
            reverse("clusters:instance_detail", args=[instances[0].pk]),
            CLUSTERS_PER_INSTANCE,
        ),
        "page.topology": (reverse("clusters:topology"), total),
        "api.member_clusters": ("/api/member-clusters/", total),
    }
    for name, (url, rows) in pages.items():
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        ms = median_ms(lambda url=url: client.get(url))
        yield line(name, rows=rows, median_ms=ms, queries=len(queries.captured_queries))
