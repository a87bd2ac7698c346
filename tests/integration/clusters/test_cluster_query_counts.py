"""Cluster pages cost the same number of queries with 3 or 40 clusters."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusters import sync
from tests.factories import KarmadaInstanceFactory

pytestmark = pytest.mark.django_db


def cluster_object(name: str, uid: str) -> dict:
    return {
        "apiVersion": "cluster.karmada.io/v1alpha1",
        "kind": "Cluster",
        "metadata": {"name": name, "uid": uid, "resourceVersion": "1", "labels": {"a": "b"}},
        "spec": {
            "provider": "aws",
            "region": "r1",
            "zones": ["z1"],
            "taints": [{"key": "k", "effect": "NoSchedule"}],
        },
        "status": {
            "kubernetesVersion": "v1.31.0",
            "conditions": [{"type": "Ready", "status": "True", "reason": "ClusterReady"}],
            "nodeSummary": {"totalNum": 3, "readyNum": 3},
            "resourceSummary": {
                "allocatable": {"cpu": "8", "memory": "32Gi", "pods": "110"},
                "allocated": {"cpu": "1500m", "memory": "2Gi", "pods": "9"},
            },
        },
    }


def grow(instance, start, count):
    for i in range(start, start + count):
        sync.upsert_cluster(instance, copy.deepcopy(cluster_object(f"c{i}", f"uid-{i}")))


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["clusters:cluster_list", "clusters:instance_list"])
def test_list_query_count_is_constant(client_for, olga, url_name):
    instance = KarmadaInstanceFactory()
    client = client_for(olga)
    grow(instance, 0, 3)
    small = queries(client, reverse(url_name))
    grow(instance, 3, 40)
    assert queries(client, reverse(url_name)) == small


def test_instance_detail_query_count_is_constant(client_for, olga):
    instance = KarmadaInstanceFactory()
    client = client_for(olga)
    url = reverse("clusters:instance_detail", args=[instance.pk])
    grow(instance, 0, 3)
    small = queries(client, url)
    grow(instance, 3, 40)
    assert queries(client, url) == small


def test_columns_are_extracted(olga):
    instance = KarmadaInstanceFactory()
    cluster = sync.upsert_cluster(instance, cluster_object("c1", "u1"))
    assert (cluster.cpu_allocatable_milli, cluster.cpu_allocated_milli) == (8000, 1500)
    assert cluster.memory_allocatable_bytes == 32 * 2**30 and cluster.pods_allocated == 9
    assert cluster.state == "ready" and cluster.nodes_ready == 3
