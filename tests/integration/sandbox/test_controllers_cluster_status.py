"""Cluster status controller, cluster controller taints, pull-mode leases, attached members."""

from __future__ import annotations

import pytest

from karmada_sandbox.controllers.base import condition
from karmada_sandbox.members import MemberSpec
from karmada_sandbox.registry import control_plane_registry
from karmada_sandbox.store import ObjectStore
from karmada_sandbox.world import KarmadaWorld

CLUSTER = ("cluster.karmada.io/v1alpha1", "Cluster")


@pytest.fixture
def world() -> KarmadaWorld:
    w = KarmadaWorld(ObjectStore(control_plane_registry()), clock=lambda: 0.0)
    w.add_member(
        MemberSpec(
            "push",
            "aws",
            "us-east-1",
            ("us-east-1a", "us-east-1b"),
            "v1.31.4",
            nodes=2,
            labels={"env": "prod"},
        )
    )
    w.add_member(
        MemberSpec(
            "pull",
            "gcp",
            "europe-west4",
            ("europe-west4-a",),
            "v1.29.10",
            nodes=1,
            sync_mode="Pull",
            disabled_apis=("batch/v1",),
        )
    )
    w.settle()
    return w


def _cluster(world: KarmadaWorld, name: str) -> dict:
    return world.control_plane.get(world.control_plane.registry.by_kind(*CLUSTER), None, name)


def _taints(world: KarmadaWorld, name: str) -> set[tuple[str, str]]:
    return {(t["key"], t["effect"]) for t in _cluster(world, name)["spec"].get("taints") or []}


def test_ready_cluster_reports_version_nodes_and_capacity(world):
    status = _cluster(world, "push")["status"]
    ready = condition(_cluster(world, "push"), "Ready")
    assert (ready["status"], ready["reason"]) == ("True", "ClusterReady")
    assert ready["message"] == "cluster is healthy and ready to accept workloads"
    assert status["kubernetesVersion"] == "v1.31.4"
    assert status["nodeSummary"] == {"totalNum": 2, "readyNum": 2}
    assert status["resourceSummary"]["allocatable"]["cpu"] == "16"
    assert status["resourceSummary"]["allocatable"]["memory"] == "64Gi"
    assert status["resourceSummary"]["allocated"] == {"pods": "0"}
    assert condition(_cluster(world, "push"), "CompleteAPIEnablements")["reason"] == "Complete"


def test_cluster_joins_with_finalizer_and_execution_namespace(world):
    cluster = _cluster(world, "push")
    assert "karmada.io/cluster-controller" in cluster["metadata"]["finalizers"]
    store = world.control_plane
    assert store.get(store.registry.by_kind("v1", "Namespace"), None, "karmada-es-push")
    assert cluster["spec"]["zones"] == ["us-east-1a", "us-east-1b"]


def test_api_enablements_follow_the_member_registry(world):
    versions = {e["groupVersion"] for e in _cluster(world, "pull")["status"]["apiEnablements"]}
    assert "apps/v1" in versions and "batch/v1" not in versions
    world.apply_fault("push", {"disableAPIs": ["networking.k8s.io/v1"]})
    world.settle()
    versions = {e["groupVersion"] for e in _cluster(world, "push")["status"]["apiEnablements"]}
    assert "networking.k8s.io/v1" not in versions
    assert not world.members["push"].serves("networking.k8s.io/v1", "Ingress")


def test_unhealthy_member_is_not_ready_and_tainted(world):
    world.apply_fault("push", {"healthy": False})
    world.settle()
    ready = condition(_cluster(world, "push"), "Ready")
    assert (ready["status"], ready["reason"]) == ("False", "ClusterNotReady")
    assert ready["message"] == "cluster is reachable but health endpoint responded without ok"
    assert _taints(world, "push") == {("cluster.karmada.io/not-ready", "NoSchedule")}


def test_recovery_clears_the_not_ready_taint(world):
    world.apply_fault("push", {"reachable": False})
    world.settle()
    assert _taints(world, "push") == {("cluster.karmada.io/not-ready", "NoSchedule")}
    world.apply_fault("push", {"ready": True})
    world.settle()
    assert _taints(world, "push") == set()
    assert condition(_cluster(world, "push"), "Ready")["status"] == "True"


def test_pull_cluster_renews_its_lease(world):
    store = world.control_plane
    lease = store.get(
        store.registry.by_kind("coordination.k8s.io/v1", "Lease"), "karmada-cluster", "pull"
    )
    first = lease["spec"]["renewTime"]
    world.advance(10)
    world.settle()
    lease = store.get(
        store.registry.by_kind("coordination.k8s.io/v1", "Lease"), "karmada-cluster", "pull"
    )
    assert lease["spec"]["renewTime"] > first


def test_silent_pull_cluster_turns_unknown_after_grace(world):
    world.apply_fault("pull", {"reachable": False})
    world.settle()
    assert condition(_cluster(world, "pull"), "Ready")["status"] == "True"
    world.advance(45)
    world.settle()
    ready = condition(_cluster(world, "pull"), "Ready")
    assert (ready["status"], ready["reason"]) == ("Unknown", "ClusterStatusUnknown")
    assert ready["message"] == "Cluster status controller stopped posting cluster status."
    assert _taints(world, "pull") == {("cluster.karmada.io/unreachable", "NoSchedule")}


def test_capacity_fault_changes_allocatable(world):
    world.apply_fault("push", {"capacity": {"cpu": "3", "memory": "6Gi", "pods": "21"}})
    world.settle()
    allocatable = _cluster(world, "push")["status"]["resourceSummary"]["allocatable"]
    assert (allocatable["cpu"], allocatable["memory"], allocatable["pods"]) == ("3", "6Gi", "21")


def test_cluster_created_through_the_api_gets_a_simulated_member(world):
    store = world.control_plane
    store.create(
        store.registry.by_kind(*CLUSTER),
        {
            "apiVersion": "cluster.karmada.io/v1alpha1",
            "kind": "Cluster",
            "metadata": {"name": "joined", "labels": {"env": "dev"}},
            "spec": {"syncMode": "Push", "provider": "azure", "region": "eastus"},
        },
    )
    world.settle()
    assert "joined" in world.members
    assert condition(_cluster(world, "joined"), "Ready")["status"] == "True"
    assert world.proxy_store("joined") is world.members["joined"].store


def test_deleting_a_cluster_removes_its_execution_namespace(world):
    store = world.control_plane
    store.delete(store.registry.by_kind(*CLUSTER), None, "push")
    world.settle()
    assert [c["metadata"]["name"] for c in store.list(store.registry.by_kind(*CLUSTER))[0]] == [
        "pull"
    ]
    namespaces = store.list(store.registry.by_kind("v1", "Namespace"))[0]
    assert "karmada-es-push" not in {n["metadata"]["name"] for n in namespaces}


def test_resource_models_grade_nodes_by_free_room(world):
    cluster = _cluster(world, "push")
    assert len(cluster["spec"]["resourceModels"]) == 9
    modelings = cluster["status"]["resourceSummary"]["allocatableModelings"]
    assert {m["grade"]: m["count"] for m in modelings if m["count"]} == {3: 2}
