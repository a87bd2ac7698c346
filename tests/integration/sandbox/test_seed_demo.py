"""The `demo` and `empty` seeds."""

from __future__ import annotations

import pytest

from karmada_sandbox.controllers.base import condition
from karmada_sandbox.registry import control_plane_registry
from karmada_sandbox.store import ObjectStore
from karmada_sandbox.world import KarmadaWorld


@pytest.fixture(scope="module")
def demo() -> KarmadaWorld:
    world = KarmadaWorld(ObjectStore(control_plane_registry()), seed="demo", clock=lambda: 0.0)
    world.advance(10)
    world.settle()
    return world


def _list(world: KarmadaWorld, api_version: str, kind: str) -> list[dict]:
    store = world.control_plane
    return store.list(store.registry.by_kind(api_version, kind))[0]


def test_empty_seed_has_no_members():
    world = KarmadaWorld(ObjectStore(control_plane_registry()), seed="empty")
    assert world.members == {}
    assert _list(world, "cluster.karmada.io/v1alpha1", "Cluster") == []


def test_unknown_seed_is_refused():
    with pytest.raises(ValueError, match="unknown seed"):
        KarmadaWorld(ObjectStore(control_plane_registry()), seed="nope")


def test_demo_members_span_providers_regions_and_versions(demo):
    clusters = _list(demo, "cluster.karmada.io/v1alpha1", "Cluster")
    assert len(clusters) >= 6
    assert {c["spec"]["provider"] for c in clusters} == {"aws", "gcp", "azure"}
    assert len({c["spec"]["region"] for c in clusters}) >= 5
    minors = {
        c["status"]["kubernetesVersion"].split(".")[1]
        for c in clusters
        if "kubernetesVersion" in c["status"]
    }
    assert {"29", "30", "31", "32"} <= minors
    assert any(c["spec"]["syncMode"] == "Pull" for c in clusters)


def test_demo_has_one_degraded_cluster(demo):
    not_ready = [
        c["metadata"]["name"]
        for c in _list(demo, "cluster.karmada.io/v1alpha1", "Cluster")
        if condition(c, "Ready")["status"] != "True"
    ]
    assert not_ready == ["aws-ap-edge"]


def test_demo_workloads_are_propagated_and_healthy(demo):
    bindings = _list(demo, "work.karmada.io/v1alpha2", "ResourceBinding")
    assert {b["metadata"]["namespace"] for b in bindings} == {"shop", "payments"}
    for binding in bindings:
        if binding["spec"].get("placement") is None:
            assert binding["spec"]["requiredBy"], "only attached bindings have no placement"
        else:
            assert condition(binding, "Scheduled")["status"] == "True"
        assert condition(binding, "FullyApplied")["status"] == "True", binding["metadata"]["name"]
        assert all(i["health"] == "Healthy" for i in binding["status"]["aggregatedStatus"])
    crbs = _list(demo, "work.karmada.io/v1alpha2", "ClusterResourceBinding")
    assert [b["metadata"]["name"] for b in crbs] == ["kairship-viewer-clusterrole"]


def test_demo_dependencies_ride_along_with_their_workload(demo):
    store = demo.control_plane
    rtype = store.registry.by_kind("work.karmada.io/v1alpha2", "ResourceBinding")
    attached = store.get(rtype, "payments", "payments-db-secret")
    (required,) = attached["spec"]["requiredBy"]
    assert required["name"] == "payments-api-deployment"
    for cluster in ("aws-us-east", "azure-westeurope"):
        member = demo.members[cluster].store
        assert member.get(member.registry.by_kind("v1", "Secret"), "payments", "payments-db")


def test_demo_overrides_reach_the_eu_members(demo):
    store = demo.members["aws-eu-west"].store
    storefront = store.get(store.registry.by_kind("apps/v1", "Deployment"), "shop", "storefront")
    image = storefront["spec"]["template"]["spec"]["containers"][0]["image"]
    assert image.startswith("mirror.eu.example.com/")


def test_demo_leaves_single_cluster_workloads_to_promote(demo):
    store = demo.members["aws-eu-west"].store
    inventory = store.get(store.registry.by_kind("apps/v1", "Deployment"), "legacy", "inventory")
    assert "karmada.io/managed" not in (inventory["metadata"].get("labels") or {})
    assert inventory["status"]["readyReplicas"] == 2
    for kind, name in (
        ("ConfigMap", "inventory-config"),
        ("Secret", "inventory-db"),
        ("Service", "inventory"),
    ):
        assert store.get(store.registry.by_kind("v1", kind), "legacy", name)


def test_demo_capacity_counts_running_pods(demo):
    (cluster,) = [
        c
        for c in _list(demo, "cluster.karmada.io/v1alpha1", "Cluster")
        if c["metadata"]["name"] == "gcp-us-central"
    ]
    allocated = cluster["status"]["resourceSummary"]["allocated"]
    assert int(allocated["pods"]) > 0 and allocated["cpu"] != "0"
