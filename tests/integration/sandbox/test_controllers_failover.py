"""Cluster goes unreachable -> taint -> eviction -> rescheduled elsewhere -> cleaned up."""

from __future__ import annotations

import pytest

from karmada_sandbox import seed
from karmada_sandbox.controllers.base import condition
from karmada_sandbox.members import MemberSpec
from karmada_sandbox.registry import control_plane_registry
from karmada_sandbox.seed import demo
from karmada_sandbox.store import ObjectStore
from karmada_sandbox.world import KarmadaWorld

POLICY = "policy.karmada.io/v1alpha1"
RB = ("work.karmada.io/v1alpha2", "ResourceBinding")


def _kind(world: KarmadaWorld, api_version: str, kind: str):
    return world.control_plane.registry.by_kind(api_version, kind)


def _create(world: KarmadaWorld, obj: dict) -> None:
    world.control_plane.create(_kind(world, obj["apiVersion"], obj["kind"]), obj)


def _binding(world: KarmadaWorld) -> dict:
    return world.control_plane.get(_kind(world, *RB), "shop", "web-deployment")


def _cluster(world: KarmadaWorld, name: str) -> dict:
    return world.control_plane.get(
        _kind(world, "cluster.karmada.io/v1alpha1", "Cluster"), None, name
    )


def _works(world: KarmadaWorld, cluster: str) -> list[dict]:
    rtype = _kind(world, "work.karmada.io/v1alpha1", "Work")
    return world.control_plane.list(rtype, f"karmada-es-{cluster}")[0]


def _member_deployments(world: KarmadaWorld, cluster: str) -> list[dict]:
    store = world.members[cluster].store
    return store.list(store.registry.by_kind("apps/v1", "Deployment"), "shop")[0]


def taint_policy() -> dict:
    """Taint prod clusters NoExecute while Ready is not True (as an operator would)."""
    return demo.taint_policies()[0]


@pytest.fixture
def world() -> KarmadaWorld:
    w = KarmadaWorld(ObjectStore(control_plane_registry()), clock=lambda: 0.0)
    for name in ("east", "west"):
        w.add_member(MemberSpec(name, "aws", f"{name}-1", labels={"env": "prod"}))
    _create(w, taint_policy())
    _create(w, seed.namespace("shop"))
    w.settle()
    return w


def _propagate(world: KarmadaWorld, tolerations: list[dict] | None = None) -> None:
    placement = {
        "clusterAffinity": {"clusterNames": ["east", "west"]},
        "replicaScheduling": {
            "replicaSchedulingType": "Divided",
            "replicaDivisionPreference": "Weighted",
        },
    }
    if tolerations:
        placement["clusterTolerations"] = tolerations
    _create(world, seed.deployment("web", "shop", 4, "nginx", "100m", "64Mi"))
    _create(
        world,
        seed.policy(
            "PropagationPolicy",
            "web",
            "shop",
            [seed.selector("Deployment", "web", "apps/v1")],
            placement,
        ),
    )
    world.settle()
    world.advance(5)
    world.settle()


def test_unreachable_cluster_is_not_ready_and_tainted(world):
    world.apply_fault("east", {"reachable": False})
    world.settle()
    cluster = _cluster(world, "east")
    ready = condition(cluster, "Ready")
    assert (ready["status"], ready["reason"]) == ("False", "ClusterNotReachable")
    assert ready["message"] == "cluster is not reachable"
    taints = {(t["key"], t["effect"]) for t in cluster["spec"]["taints"]}
    assert taints == {
        ("cluster.karmada.io/not-ready", "NoSchedule"),
        ("cluster.karmada.io/not-ready", "NoExecute"),
    }


def test_no_execute_taint_evicts_and_reschedules(world):
    _propagate(world)
    assert [c["name"] for c in _binding(world)["spec"]["clusters"]] == ["east", "west"]
    world.apply_fault("east", {"reachable": False})
    world.settle()
    binding = _binding(world)
    assert binding["spec"]["clusters"] == [{"name": "west", "replicas": 4}]
    (task,) = binding["spec"]["gracefulEvictionTasks"]
    assert task["fromCluster"] == "east"
    assert (task["reason"], task["producer"], task["purgeMode"]) == (
        "TaintUntolerated",
        "TaintManager",
        "Gracefully",
    )
    assert task["replicas"] == 2
    assert _works(world, "east"), "the evicted cluster keeps its Work during the grace period"


def test_eviction_task_ends_when_the_new_cluster_is_healthy(world):
    _propagate(world)
    world.apply_fault("east", {"reachable": False})
    world.settle()
    world.advance(5)
    world.settle()
    binding = _binding(world)
    assert "gracefulEvictionTasks" not in binding["spec"]
    (west,) = [i for i in binding["status"]["aggregatedStatus"] if i["clusterName"] == "west"]
    assert west["health"] == "Healthy" and west["status"]["readyReplicas"] == 4
    (work,) = _works(world, "east")
    assert work["metadata"].get("deletionTimestamp"), "deletion waits for the cluster"
    assert _member_deployments(world, "east"), "unreachable member still runs the old copy"


def test_recovered_cluster_loses_the_evicted_copy_and_its_taints(world):
    _propagate(world)
    world.apply_fault("east", {"reachable": False})
    world.settle()
    world.advance(5)
    world.settle()
    world.apply_fault("east", {"ready": True})
    world.settle()
    assert condition(_cluster(world, "east"), "Ready")["status"] == "True"
    assert not _cluster(world, "east")["spec"].get("taints")
    assert _works(world, "east") == []
    assert _member_deployments(world, "east") == []


def test_toleration_seconds_delay_eviction(world):
    toleration = {
        "key": "cluster.karmada.io/not-ready",
        "operator": "Exists",
        "effect": "NoExecute",
        "tolerationSeconds": 30,
    }
    _propagate(world, [toleration])
    world.apply_fault("east", {"reachable": False})
    world.settle()
    assert "gracefulEvictionTasks" not in _binding(world)["spec"]
    world.advance(31)
    world.settle()
    assert _binding(world)["spec"]["gracefulEvictionTasks"][0]["fromCluster"] == "east"


def test_grace_period_expiry_removes_the_task(world):
    world.ctx.settings.graceful_eviction_timeout = 60
    _propagate(world)
    world.apply_fault("west", {"reachable": False})
    world.apply_fault("east", {"capacity": {"pods": "2"}})
    world.settle()
    assert _binding(world)["spec"]["gracefulEvictionTasks"]
    world.advance(61)
    world.settle()
    assert "gracefulEvictionTasks" not in _binding(world)["spec"]


def test_application_failover_moves_off_a_cluster_that_stays_unhealthy(world):
    world.apply_fault("east", {"capacity": {"pods": "1"}})
    _create(world, seed.deployment("web", "shop", 4, "nginx", "100m", "64Mi"))
    placement = {
        "clusterAffinity": {"clusterNames": ["east", "west"]},
        "replicaScheduling": {
            "replicaSchedulingType": "Divided",
            "replicaDivisionPreference": "Weighted",
        },
    }
    failover = {
        "application": {
            "decisionConditions": {"tolerationSeconds": 10},
            "purgeMode": "Gracefully",
            "gracePeriodSeconds": 30,
        }
    }
    _create(
        world,
        seed.policy(
            "PropagationPolicy",
            "web",
            "shop",
            [seed.selector("Deployment", "web", "apps/v1")],
            placement,
            propagateDeps=True,
            failover=failover,
        ),
    )
    world.settle()
    world.advance(5)
    world.settle()
    assert [c["name"] for c in _binding(world)["spec"]["clusters"]] == ["east", "west"]
    world.advance(6)
    world.settle()
    binding = _binding(world)
    (task,) = binding["spec"]["gracefulEvictionTasks"]
    assert (task["fromCluster"], task["reason"], task["gracePeriodSeconds"]) == (
        "east",
        "ApplicationFailure",
        30,
    )
    assert task["producer"] == "resource-binding-application-failover-controller"
    assert binding["spec"]["clusters"] == [{"name": "west", "replicas": 4}]
