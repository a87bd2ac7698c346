"""propagateDeps: referenced ConfigMaps / Secrets follow their workload via attached bindings."""

from __future__ import annotations

import pytest

from karmada_sandbox import seed
from karmada_sandbox.controllers.dependencies import dependencies
from karmada_sandbox.members import MemberSpec
from karmada_sandbox.registry import control_plane_registry
from karmada_sandbox.store import NotFound, ObjectStore
from karmada_sandbox.world import KarmadaWorld

RB = ("work.karmada.io/v1alpha2", "ResourceBinding")


def _type(world: KarmadaWorld, api_version: str, kind: str):
    return world.control_plane.registry.by_kind(api_version, kind)


def _create(world: KarmadaWorld, obj: dict) -> None:
    world.control_plane.create(_type(world, obj["apiVersion"], obj["kind"]), obj)


@pytest.fixture
def world() -> KarmadaWorld:
    w = KarmadaWorld(ObjectStore(control_plane_registry()), clock=lambda: 0.0)
    for name in ("one", "two"):
        w.add_member(MemberSpec(name, "aws", f"{name}-region"))
    _create(w, seed.namespace("app"))
    _create(w, seed.config_map("settings", "app", {"A": "1"}))
    _create(w, seed.deployment("api", "app", 2, "nginx", "10m", "8Mi", config="settings"))
    placement = {"clusterAffinity": {"clusterNames": ["one"]}}
    _create(
        w,
        seed.policy(
            "PropagationPolicy",
            "api",
            "app",
            [seed.selector("Deployment", "api", "apps/v1")],
            placement,
            propagateDeps=True,
        ),
    )
    w.settle()
    return w


def test_dependencies_found_in_the_pod_template():
    deployment = seed.deployment("x", "ns", 1, "img", "1m", "1Mi", config="cm", secret="sec")
    pod = deployment["spec"]["template"]["spec"]
    pod["volumes"] = [
        {"name": "data", "persistentVolumeClaim": {"claimName": "data"}},
        {"name": "tls", "secret": {"secretName": "tls"}},
    ]
    pod["imagePullSecrets"] = [{"name": "registry"}]
    pod["serviceAccountName"] = "runner"
    names = {(d["kind"], d["name"]) for d in dependencies(deployment)}
    assert names == {
        ("ConfigMap", "cm"),
        ("Secret", "sec"),
        ("Secret", "tls"),
        ("Secret", "registry"),
        ("PersistentVolumeClaim", "data"),
        ("ServiceAccount", "runner"),
    }


def test_dependency_gets_an_attached_binding_and_follows_the_workload(world):
    attached = world.control_plane.get(_type(world, *RB), "app", "settings-configmap")
    assert attached["spec"]["requiredBy"] == [
        {"namespace": "app", "name": "api-deployment", "clusters": [{"name": "one"}]}
    ]
    assert "placement" not in attached["spec"]
    member = world.members["one"].store
    assert member.get(member.registry.by_kind("v1", "ConfigMap"), "app", "settings")
    other = world.members["two"].store
    with pytest.raises(NotFound):
        other.get(other.registry.by_kind("v1", "ConfigMap"), "app", "settings")


def test_dependency_moves_when_the_workload_moves(world):
    policy = world.control_plane.get(
        _type(world, seed.POLICY_API, "PropagationPolicy"), "app", "api"
    )
    policy["spec"]["placement"]["clusterAffinity"]["clusterNames"] = ["two"]
    world.control_plane.update(_type(world, seed.POLICY_API, "PropagationPolicy"), policy)
    world.settle()
    two, one = world.members["two"].store, world.members["one"].store
    assert two.get(two.registry.by_kind("v1", "ConfigMap"), "app", "settings")
    assert one.list(one.registry.by_kind("v1", "ConfigMap"), "app")[0] == []


def test_deleting_the_workload_removes_the_attached_binding(world):
    world.control_plane.delete(_type(world, "apps/v1", "Deployment"), "app", "api")
    world.settle()
    with pytest.raises(NotFound):
        world.control_plane.get(_type(world, *RB), "app", "settings-configmap")
    member = world.members["one"].store
    assert member.list(member.registry.by_kind("v1", "ConfigMap"), "app")[0] == []
