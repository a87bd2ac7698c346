"""Fault injection: validation, effects on members, and the HTTP controls of a live server."""

from __future__ import annotations

import time

import pytest

from karmada_sandbox.members import MemberSpec
from karmada_sandbox.registry import control_plane_registry
from karmada_sandbox.store import ObjectStore
from karmada_sandbox.world import KarmadaWorld


@pytest.fixture
def world() -> KarmadaWorld:
    w = KarmadaWorld(ObjectStore(control_plane_registry()), clock=lambda: 0.0)
    w.add_member(MemberSpec("one", "aws", "us-east-1", nodes=2))
    w.settle()
    return w


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ({"explode": True}, "unknown fault keys: explode"),
        ({"reachable": "no"}, "reachable: must be true or false"),
        ({"capacity": {"cpu": "lots"}}, "invalid quantity"),
        ({"disableAPIs": ["v1"]}, "cannot be disabled"),
        ({"rolloutSeconds": -1}, "rolloutSeconds"),
        ({"ready": False}, "ready: only true"),
    ],
)
def test_bad_faults_are_refused_without_effect(world, fault, message):
    with pytest.raises(ValueError, match=message):
        world.apply_fault("one", fault)
    assert world.members["one"].fault_state()["reachable"] is True


def test_unknown_cluster_is_a_key_error(world):
    with pytest.raises(KeyError):
        world.apply_fault("nope", {"reachable": False})
    with pytest.raises(KeyError):
        world.proxy_store("nope")
    assert world.is_reachable("nope") is False


def test_fault_state_reports_every_change(world):
    state = world.apply_fault(
        "one",
        {
            "reachable": False,
            "capacity": {"pods": "40"},
            "disableAPIs": ["batch/v1"],
            "kubernetesVersion": "v1.30.1",
            "rolloutSeconds": 7,
        },
    )
    assert state == {
        "name": "one",
        "reachable": False,
        "healthy": True,
        "kubernetesVersion": "v1.30.1",
        "syncMode": "Push",
        "capacity": {"cpu": "16", "ephemeral-storage": "200Gi", "memory": "64Gi", "pods": "40"},
        "disabledAPIs": ["batch/v1"],
        "rolloutSeconds": 7.0,
    }
    assert world.is_reachable("one") is False
    assert world.describe_members()["items"] == [state]


def test_enable_apis_undoes_disable(world):
    world.apply_fault("one", {"disableAPIs": ["batch/v1"]})
    assert not world.members["one"].serves("batch/v1", "Job")
    world.apply_fault("one", {"enableAPIs": ["batch/v1"]})
    assert world.members["one"].serves("batch/v1", "Job")


def _member_deployment(world: KarmadaWorld, replicas: int) -> dict:
    store = world.members["one"].store
    rtype = store.registry.by_kind("apps/v1", "Deployment")
    store.create(
        rtype,
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "app", "namespace": "default"},
            "spec": {
                "replicas": replicas,
                "template": {
                    "spec": {
                        "containers": [
                            {
                                "name": "app",
                                "image": "nginx",
                                "resources": {"requests": {"cpu": "1"}},
                            }
                        ]
                    }
                },
            },
        },
    )
    world.settle()
    return store.get(rtype, "default", "app")


def test_rollout_seconds_zero_makes_pods_ready_at_once(world):
    world.apply_fault("one", {"rolloutSeconds": 0})
    assert _member_deployment(world, 3)["status"]["readyReplicas"] == 3


def test_slow_rollout_takes_longer(world):
    world.apply_fault("one", {"rolloutSeconds": 10})
    assert "readyReplicas" not in _member_deployment(world, 2)["status"]
    world.advance(5)
    world.settle()
    store = world.members["one"].store
    status = store.get(store.registry.by_kind("apps/v1", "Deployment"), "default", "app")["status"]
    assert status["readyReplicas"] == 1


def test_shrunk_capacity_leaves_pods_pending(world):
    world.apply_fault("one", {"capacity": {"cpu": "2"}, "rolloutSeconds": 0})
    deployment = _member_deployment(world, 3)
    assert deployment["status"]["readyReplicas"] == 2
    assert deployment["status"]["unavailableReplicas"] == 1


def test_http_controls_on_a_live_server(sandbox, api):
    sandbox.world.add_member(MemberSpec("live", "gcp", "us-central1"))
    answer = api.post("/sandbox/v1/clusters/live/faults", {"reachable": False})
    assert answer.status_code == 200, answer.text
    assert answer.json()["reachable"] is False
    listed = api.get("/sandbox/v1/clusters").json()["items"]
    assert [m["name"] for m in listed] == ["live"]
    proxied = api.get("/apis/cluster.karmada.io/v1alpha1/clusters/live/proxy/api/v1/namespaces")
    assert proxied.status_code == 503
    assert api.post("/sandbox/v1/clusters/live/faults", {"bogus": 1}).status_code == 400
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        cluster = api.get("/apis/cluster.karmada.io/v1alpha1/clusters/live").json()
        ready = [c for c in cluster.get("status", {}).get("conditions", []) if c["type"] == "Ready"]
        if ready and ready[0]["reason"] == "ClusterNotReachable":
            break
        time.sleep(0.05)
    assert ready[0]["reason"] == "ClusterNotReachable"
    api.post("/sandbox/v1/clusters/live/faults", {"ready": True})
    proxied = api.get("/apis/cluster.karmada.io/v1alpha1/clusters/live/proxy/api/v1/nodes")
    assert proxied.status_code == 200
    assert len(proxied.json()["items"]) == 3


def test_pending_pods_start_when_capacity_returns(world):
    world.apply_fault("one", {"capacity": {"cpu": "2"}, "rolloutSeconds": 0})
    _member_deployment(world, 3)
    world.apply_fault("one", {"capacity": {"cpu": "16"}})
    world.settle()
    store = world.members["one"].store
    status = store.get(store.registry.by_kind("apps/v1", "Deployment"), "default", "app")["status"]
    assert status["readyReplicas"] == 3
