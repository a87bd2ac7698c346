"""Cluster pages cost the same number of queries with 3 or 40 clusters (and their events, each
linked to the page of its object)."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusters import events, sync
from clusters.models import MemberCluster
from tests.factories import KarmadaInstanceFactory, TenantNamespaceFactory
from workloads import sync as workload_sync

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
            "resourceModels": [
                {"grade": 0, "ranges": [{"name": "cpu", "min": "0", "max": "4"}]},
                {"grade": 1, "ranges": [{"name": "cpu", "min": "4", "max": "9223372036854775807"}]},
            ],
        },
        "status": {
            "kubernetesVersion": "v1.31.0",
            "conditions": [{"type": "Ready", "status": "True", "reason": "ClusterReady"}],
            "nodeSummary": {"totalNum": 3, "readyNum": 3},
            "resourceSummary": {
                "allocatable": {"cpu": "8", "memory": "32Gi", "pods": "110"},
                "allocated": {"cpu": "1500m", "memory": "2Gi", "pods": "9"},
                "allocatableModelings": [{"grade": 0, "count": 1}, {"grade": 1, "count": 2}],
            },
        },
    }


API_VERSIONS = {
    "Cluster": "cluster.karmada.io/v1alpha1",
    "Work": "work.karmada.io/v1alpha1",
    "ResourceBinding": "work.karmada.io/v1alpha2",
    "Deployment": "apps/v1",
}


def template_object(name: str, namespace: str = "shop") -> dict:
    meta = {"name": name, "namespace": namespace, "uid": f"t-{namespace}-{name}"}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {**meta, "resourceVersion": "1"},
    }


def binding_object(template: str, namespace: str = "shop") -> dict:
    """The ResourceBinding `<template>-deployment` of template_object(template, namespace)."""
    return {
        "apiVersion": "work.karmada.io/v1alpha2",
        "kind": "ResourceBinding",
        "metadata": {
            "name": f"{template}-deployment",
            "namespace": namespace,
            "uid": f"rb-{namespace}-{template}",
            "resourceVersion": "1",
        },
        "spec": {
            "resource": {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "namespace": namespace,
                "name": template,
                "uid": f"t-{namespace}-{template}",
            }
        },
    }


def work_object(name: str, cluster: str, template: str, namespace: str = "shop") -> dict:
    """A Work in `cluster`'s execution namespace, of binding_object(template, namespace)."""
    return {
        "apiVersion": "work.karmada.io/v1alpha1",
        "kind": "Work",
        "metadata": {
            "name": name,
            "namespace": f"karmada-es-{cluster}",
            "uid": f"work-{cluster}-{name}",
            "resourceVersion": "1",
            "annotations": {
                "resourcebinding.karmada.io/namespace": namespace,
                "resourcebinding.karmada.io/name": f"{template}-deployment",
            },
        },
    }


def mirror_template(instance, template: str, work: str, cluster: str) -> None:
    """A Deployment in shop with its binding and one Work on `cluster`, in the inventory."""
    workload_sync.upsert_workload(instance, template_object(template))
    workload_sync.upsert_binding(instance, binding_object(template))
    workload_sync.upsert_work(instance, work_object(work, cluster, template))


def event_object(uid: str, namespace: str, kind: str, name: str) -> dict:
    stamp = "2030-01-01T00:00:00Z"
    return {
        "metadata": {"name": uid, "namespace": namespace or "default", "uid": uid},
        "involvedObject": {
            "apiVersion": API_VERSIONS[kind],
            "kind": kind,
            "namespace": namespace,
            "name": name,
        },
        "type": "Warning",
        "reason": "SyncFailed",
        "message": f"{kind} {name} failed",
        "count": 2,
        "lastTimestamp": stamp,
    }


def grow(instance, start, count):
    """Clusters c<start>.., each with an event on itself, on a Work of c0, on a Deployment in
    shop and on its binding; the Deployment, binding and Work are mirrored (so all link)."""
    for i in range(start, start + count):
        sync.upsert_cluster(instance, copy.deepcopy(cluster_object(f"c{i}", f"uid-{i}")))
        mirror_template(instance, f"d{i}", f"w{i}", "c0")
        events.upsert_event(instance, event_object(f"ec{i}", "", "Cluster", f"c{i}"))
        events.upsert_event(instance, event_object(f"ew{i}", "karmada-es-c0", "Work", f"w{i}"))
        events.upsert_event(instance, event_object(f"es{i}", "shop", "Deployment", f"d{i}"))
        binding = f"d{i}-deployment"
        events.upsert_event(instance, event_object(f"eb{i}", "shop", "ResourceBinding", binding))


def event_links(body: str) -> int:
    return body.count("data-event-link")


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


@pytest.fixture(params=["olga", "bob"])
def reader(request, tenant_a):
    """An operator, or a viewer of the tenant owning shop on the instance."""
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("url_name", ["clusters:instance_detail", "clusters:instance_events"])
def test_instance_detail_query_count_is_constant(client_for, reader, tenant_a, url_name):
    instance = KarmadaInstanceFactory()
    TenantNamespaceFactory(tenant=tenant_a, instance=instance, namespace="shop")
    client = client_for(reader)
    url = reverse(url_name, args=[instance.pk])
    grow(instance, 0, 3)
    small = queries(client, url)
    grow(instance, 3, 40)
    body = client.get(url).content.decode()
    assert queries(client, url) == small
    assert body.count("data-event-uid=") == 20
    # Every shown event's object is mirrored and readable: Works and clusters for operators,
    # the tenant's Deployments, bindings and the clusters for its viewer.
    assert event_links(body) == 20


@pytest.mark.parametrize("url_name", ["clusters:cluster_detail", "clusters:cluster_events"])
def test_cluster_detail_query_count_is_constant(client_for, reader, tenant_a, url_name):
    instance = KarmadaInstanceFactory()
    TenantNamespaceFactory(tenant=tenant_a, instance=instance, namespace="shop")
    client = client_for(reader)
    grow(instance, 0, 3)
    url = reverse(url_name, args=[MemberCluster.objects.get(instance=instance, name="c0").pk])
    small = queries(client, url)
    grow(instance, 3, 40)
    assert queries(client, url) == small
    body = client.get(url).content.decode()
    assert event_links(body) == body.count("data-event-uid=") > 0


def test_columns_are_extracted(olga):
    instance = KarmadaInstanceFactory()
    cluster = sync.upsert_cluster(instance, cluster_object("c1", "u1"))
    assert (cluster.cpu_allocatable_milli, cluster.cpu_allocated_milli) == (8000, 1500)
    assert cluster.memory_allocatable_bytes == 32 * 2**30 and cluster.pods_allocated == 9
    assert cluster.state == "ready" and cluster.nodes_ready == 3
