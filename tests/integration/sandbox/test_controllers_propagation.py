"""The propagation chain: policy matched -> scheduled -> Works -> member objects -> status."""

from __future__ import annotations

import json

import pytest

from karmada_sandbox import seed
from karmada_sandbox.controllers.base import condition
from karmada_sandbox.members import MemberSpec
from karmada_sandbox.registry import control_plane_registry
from karmada_sandbox.store import ObjectStore
from karmada_sandbox.world import KarmadaWorld

POLICY = "policy.karmada.io/v1alpha1"


def _world(*specs: MemberSpec) -> KarmadaWorld:
    world = KarmadaWorld(ObjectStore(control_plane_registry()), clock=lambda: 0.0)
    for spec in specs:
        world.add_member(spec)
    world.settle()
    return world


def create(world: KarmadaWorld, obj: dict) -> dict:
    """Create an object on the control plane."""
    store = world.control_plane
    return store.create(store.registry.by_kind(obj["apiVersion"], obj["kind"]), obj)


def cp_get(world: KarmadaWorld, api_version: str, kind: str, namespace: str | None, name: str):
    """Read an object from the control plane."""
    store = world.control_plane
    return store.get(store.registry.by_kind(api_version, kind), namespace, name)


def member_get(world: KarmadaWorld, cluster: str, kind: str, namespace: str, name: str) -> dict:
    """Read a Deployment (or other apps/v1 / v1 kind) from a member."""
    store = world.members[cluster].store
    api_version = "apps/v1" if kind == "Deployment" else "v1"
    return store.get(store.registry.by_kind(api_version, kind), namespace, name)


@pytest.fixture
def world() -> KarmadaWorld:
    w = _world(
        MemberSpec("east", "aws", "us-east-1", ("us-east-1a",), labels={"env": "prod"}),
        MemberSpec("west", "gcp", "eu-west-1", ("eu-west-1b",), labels={"env": "prod"}),
        MemberSpec("lab", "azure", "westeurope", labels={"env": "dev"}),
    )
    create(w, seed.namespace("shop"))
    w.settle()
    return w


def _propagate(world: KarmadaWorld, replicas: int = 4, divided: bool = True) -> None:
    placement: dict = {"clusterAffinity": {"labelSelector": {"matchLabels": {"env": "prod"}}}}
    if divided:
        placement["replicaScheduling"] = {
            "replicaSchedulingType": "Divided",
            "replicaDivisionPreference": "Weighted",
        }
    create(world, seed.deployment("web", "shop", replicas, "nginx:1.27", "250m", "128Mi"))
    create(
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


def test_policy_claims_template_and_creates_binding(world):
    _propagate(world)
    template = cp_get(world, "apps/v1", "Deployment", "shop", "web")
    policy = cp_get(world, POLICY, "PropagationPolicy", "shop", "web")
    policy_id = policy["metadata"]["labels"]["propagationpolicy.karmada.io/permanent-id"]
    assert template["metadata"]["labels"]["propagationpolicy.karmada.io/permanent-id"] == policy_id
    assert template["metadata"]["annotations"]["propagationpolicy.karmada.io/name"] == "web"
    binding = cp_get(world, "work.karmada.io/v1alpha2", "ResourceBinding", "shop", "web-deployment")
    assert binding["spec"]["replicas"] == 4
    assert binding["spec"]["replicaRequirements"]["resourceRequest"] == {
        "cpu": "250m",
        "memory": "128Mi",
    }
    assert binding["spec"]["resource"]["uid"] == template["metadata"]["uid"]
    assert binding["metadata"]["ownerReferences"][0]["uid"] == template["metadata"]["uid"]


def test_scheduler_divides_replicas_over_matching_clusters(world):
    _propagate(world)
    binding = cp_get(world, "work.karmada.io/v1alpha2", "ResourceBinding", "shop", "web-deployment")
    assert binding["spec"]["clusters"] == [
        {"name": "east", "replicas": 2},
        {"name": "west", "replicas": 2},
    ]
    scheduled = condition(binding, "Scheduled")
    assert (scheduled["status"], scheduled["reason"]) == ("True", "Success")
    assert scheduled["message"] == "Binding has been scheduled successfully."
    assert binding["status"]["schedulerObservedGeneration"] == binding["metadata"]["generation"]
    assert json.loads(binding["metadata"]["annotations"]["policy.karmada.io/applied-placement"])


def test_binding_controller_writes_one_work_per_cluster(world):
    _propagate(world)
    store = world.control_plane
    works = store.list(store.registry.by_kind("work.karmada.io/v1alpha1", "Work"))[0]
    assert sorted(w["metadata"]["namespace"] for w in works) == [
        "karmada-es-east",
        "karmada-es-west",
    ]
    work = works[0]
    assert work["metadata"]["name"].startswith("web-")
    assert work["metadata"]["annotations"]["resourcebinding.karmada.io/name"] == "web-deployment"
    manifest = work["spec"]["workload"]["manifests"][0]
    assert manifest["spec"]["replicas"] == 2
    assert "status" not in manifest and "uid" not in manifest["metadata"]
    assert condition(work, "Applied")["reason"] == "AppliedSuccessful"


def test_overrides_are_applied_per_cluster(world):
    create(
        world,
        {
            "apiVersion": POLICY,
            "kind": "OverridePolicy",
            "metadata": {"name": "eu-mirror", "namespace": "shop"},
            "spec": {
                "resourceSelectors": [seed.selector("Deployment", "web", "apps/v1")],
                "overrideRules": [
                    {
                        "targetCluster": {"clusterNames": ["west"]},
                        "overriders": {
                            "imageOverrider": [
                                {
                                    "component": "Registry",
                                    "operator": "replace",
                                    "value": "mirror.eu",
                                }
                            ]
                        },
                    }
                ],
            },
        },
    )
    _propagate(world)
    west = member_get(world, "west", "Deployment", "shop", "web")
    east = member_get(world, "east", "Deployment", "shop", "web")
    assert west["spec"]["template"]["spec"]["containers"][0]["image"] == "mirror.eu/nginx:1.27"
    assert east["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.27"
    store = world.control_plane
    works = store.list(
        store.registry.by_kind("work.karmada.io/v1alpha1", "Work"), "karmada-es-west"
    )
    applied = json.loads(
        works[0][0]["metadata"]["annotations"]["policy.karmada.io/applied-overrides"]
    )
    assert applied[0]["policyName"] == "eu-mirror"


def test_member_objects_carry_karmada_metadata(world):
    _propagate(world)
    obj = member_get(world, "east", "Deployment", "shop", "web")
    labels, annotations = obj["metadata"]["labels"], obj["metadata"]["annotations"]
    assert labels["karmada.io/managed"] == "true"
    assert "work.karmada.io/permanent-id" in labels
    assert annotations["work.karmada.io/namespace"] == "karmada-es-east"
    assert annotations["resourcetemplate.karmada.io/generation"] == "1"


def test_ready_replicas_rise_over_time_and_aggregate(world):
    _propagate(world)
    binding = cp_get(world, "work.karmada.io/v1alpha2", "ResourceBinding", "shop", "web-deployment")
    assert all(item["health"] == "Unhealthy" for item in binding["status"]["aggregatedStatus"])
    world.advance(1.0)
    world.settle()
    partial = member_get(world, "east", "Deployment", "shop", "web")["status"]
    assert partial["readyReplicas"] == 1
    world.advance(5.0)
    world.settle()
    binding = cp_get(world, "work.karmada.io/v1alpha2", "ResourceBinding", "shop", "web-deployment")
    items = binding["status"]["aggregatedStatus"]
    assert [i["clusterName"] for i in items] == ["east", "west"]
    assert all(i["applied"] and i["health"] == "Healthy" for i in items)
    assert items[0]["status"]["readyReplicas"] == 2
    assert condition(binding, "FullyApplied")["reason"] == "FullyAppliedSuccess"
    template = cp_get(world, "apps/v1", "Deployment", "shop", "web")
    assert template["status"]["readyReplicas"] == 4
    assert template["status"]["observedGeneration"] == template["metadata"]["generation"]


def test_scaling_the_template_reschedules_and_updates_members(world):
    _propagate(world)
    template = cp_get(world, "apps/v1", "Deployment", "shop", "web")
    template["spec"]["replicas"] = 6
    store = world.control_plane
    store.update(store.registry.by_kind("apps/v1", "Deployment"), template)
    world.settle()
    binding = cp_get(world, "work.karmada.io/v1alpha2", "ResourceBinding", "shop", "web-deployment")
    assert sum(c["replicas"] for c in binding["spec"]["clusters"]) == 6
    replicas = [
        member_get(world, c, "Deployment", "shop", "web")["spec"]["replicas"]
        for c in ("east", "west")
    ]
    assert sum(replicas) == 6


def test_duplicated_placement_copies_replicas(world):
    _propagate(world, replicas=3, divided=False)
    binding = cp_get(world, "work.karmada.io/v1alpha2", "ResourceBinding", "shop", "web-deployment")
    assert binding["spec"]["clusters"] == [
        {"name": "east", "replicas": 3},
        {"name": "west", "replicas": 3},
    ]
    assert member_get(world, "west", "Deployment", "shop", "web")["spec"]["replicas"] == 3


def test_narrowing_placement_removes_work_and_member_object(world):
    _propagate(world)
    policy = cp_get(world, POLICY, "PropagationPolicy", "shop", "web")
    policy["spec"]["placement"]["clusterAffinity"] = {"clusterNames": ["east"]}
    store = world.control_plane
    store.update(store.registry.by_kind(POLICY, "PropagationPolicy"), policy)
    world.settle()
    binding = cp_get(world, "work.karmada.io/v1alpha2", "ResourceBinding", "shop", "web-deployment")
    assert binding["spec"]["clusters"] == [{"name": "east", "replicas": 4}]
    west = world.members["west"].store
    assert west.list(west.registry.by_kind("apps/v1", "Deployment"), "shop")[0] == []


def test_deleting_the_template_cleans_up_everywhere(world):
    _propagate(world)
    store = world.control_plane
    store.delete(store.registry.by_kind("apps/v1", "Deployment"), "shop", "web")
    world.settle()
    assert (
        store.list(store.registry.by_kind("work.karmada.io/v1alpha2", "ResourceBinding"))[0] == []
    )
    assert store.list(store.registry.by_kind("work.karmada.io/v1alpha1", "Work"))[0] == []
    east = world.members["east"].store
    assert east.list(east.registry.by_kind("apps/v1", "Deployment"), "shop")[0] == []


def test_namespaces_are_copied_to_members(world):
    east = world.members["east"].store
    assert east.get(east.registry.by_kind("v1", "Namespace"), None, "shop")


def test_controllers_record_events(world):
    _propagate(world)
    store = world.control_plane
    events = store.list(store.registry.by_kind("v1", "Event"), "shop")[0]
    seen = {(e["involvedObject"]["kind"], e["reason"]): e["message"] for e in events}
    assert seen[("Deployment", "ApplyPolicySucceed")] == "Apply policy(shop/web) succeed"
    assert seen[("ResourceBinding", "ScheduleBindingSucceed")] == (
        "Binding has been scheduled successfully. Result: {east:2, west:2}"
    )
    assert ("Deployment", "SyncWorkSucceed") in seen


def _promote(world: KarmadaWorld, overwrite: bool) -> dict:
    """Create on the control plane a Deployment that already runs in member `west`."""
    store = world.members["west"].store
    dtype = store.registry.by_kind("apps/v1", "Deployment")
    existing = store.create(dtype, seed.deployment("legacy", "shop", 1, "app:1", "10m", "8Mi"))
    template = seed.deployment("legacy", "shop", 1, "app:1", "10m", "8Mi")
    if overwrite:
        template["metadata"]["annotations"] = {"work.karmada.io/conflict-resolution": "overwrite"}
    create(world, template)
    create(
        world,
        seed.policy(
            "PropagationPolicy",
            "legacy",
            "shop",
            [seed.selector("Deployment", "legacy", "apps/v1")],
            {"clusterAffinity": {"clusterNames": ["west"]}},
        ),
    )
    world.settle()
    return existing


def test_promotion_with_overwrite_takes_over_the_member_object(world):
    before = _promote(world, overwrite=True)
    after = member_get(world, "west", "Deployment", "shop", "legacy")
    assert after["metadata"]["uid"] == before["metadata"]["uid"]
    assert after["metadata"]["labels"]["karmada.io/managed"] == "true"


def test_existing_member_object_is_not_overwritten_by_default(world):
    _promote(world, overwrite=False)
    store = world.control_plane
    (work,) = store.list(
        store.registry.by_kind("work.karmada.io/v1alpha1", "Work"), "karmada-es-west"
    )[0]
    applied = condition(work, "Applied")
    assert (applied["status"], applied["reason"]) == ("False", "AppliedFailed")
    assert "already exists in the cluster west" in applied["message"]
    binding = cp_get(
        world, "work.karmada.io/v1alpha2", "ResourceBinding", "shop", "legacy-deployment"
    )
    assert binding["status"]["aggregatedStatus"][0]["applied"] is False
    assert condition(binding, "FullyApplied")["status"] == "False"
    assert "karmada.io/managed" not in member_get(world, "west", "Deployment", "shop", "legacy")[
        "metadata"
    ].get("labels", {})


def test_workload_rebalancer_triggers_a_fresh_schedule(world):
    _propagate(world)
    world.advance(5)
    create(
        world,
        {
            "apiVersion": "apps.karmada.io/v1alpha1",
            "kind": "WorkloadRebalancer",
            "metadata": {"name": "now"},
            "spec": {
                "ttlSecondsAfterFinished": 60,
                "workloads": [
                    {
                        "apiVersion": "apps/v1",
                        "kind": "Deployment",
                        "namespace": "shop",
                        "name": "web",
                    },
                    {
                        "apiVersion": "apps/v1",
                        "kind": "Deployment",
                        "namespace": "shop",
                        "name": "gone",
                    },
                ],
            },
        },
    )
    world.settle()
    rebalancer = cp_get(world, "apps.karmada.io/v1alpha1", "WorkloadRebalancer", None, "now")
    results = [
        (w["workload"]["name"], w["result"], w.get("reason"))
        for w in rebalancer["status"]["observedWorkloads"]
    ]
    assert results == [("web", "Successful", None), ("gone", "Failed", "ReferencedBindingNotFound")]
    binding = cp_get(world, "work.karmada.io/v1alpha2", "ResourceBinding", "shop", "web-deployment")
    assert binding["status"]["lastScheduledTime"] >= binding["spec"]["rescheduleTriggeredAt"]
    assert binding["status"]["schedulerObservedGeneration"] == binding["metadata"]["generation"]
    world.advance(61)
    world.settle()
    store = world.control_plane
    assert (
        store.list(store.registry.by_kind("apps.karmada.io/v1alpha1", "WorkloadRebalancer"))[0]
        == []
    )
