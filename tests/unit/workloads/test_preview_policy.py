"""`preview_policy`: claim, placement, per-cluster manifests and changes for a draft policy."""

import copy
import json

import pytest

from karmada_semantics.interpreter import revise_replicas
from workloads.preview import preview_policy

from .builders import (
    cluster,
    deployment,
    propagation_policy,
    region_image_override,
    static_weights,
)

CLUSTERS = [cluster("member1", region="eu"), cluster("member2", region="us"), cluster("member3")]


def preview(template=None, draft=None, **overrides):
    kwargs = {
        "propagation_policies": [],
        "cluster_propagation_policies": [],
        "override_policies": [],
        "cluster_override_policies": [],
        "clusters": CLUSTERS,
    }
    kwargs.update(overrides)
    return preview_policy(template or deployment(), draft or propagation_policy(), **kwargs)


def replicas(result):
    return {c.name: c.replicas for c in result.clusters}


def test_draft_claims_by_name_and_says_why():
    result = preview(draft=propagation_policy(placement=static_weights({"member1": 1})))
    assert result.claim.by_draft
    assert result.claim.implicit_priority == "match_name"
    assert "shop/web wins" in result.claim.explanation


def test_draft_replaces_the_stored_policy_of_the_same_name():
    stored = propagation_policy(placement={"clusterAffinity": {"clusterNames": ["member2"]}})
    draft = propagation_policy(placement={"clusterAffinity": {"clusterNames": ["member1"]}})
    result = preview(draft=draft, propagation_policies=[stored])
    assert result.claim.by_draft
    assert list(replicas(result)) == ["member1"]


def test_higher_priority_policy_keeps_the_template():
    strong = propagation_policy(
        "strong", priority=10, placement={"clusterAffinity": {"clusterNames": ["member2"]}}
    )
    result = preview(propagation_policies=[strong])
    assert not result.claim.by_draft
    assert result.claim.ref.name == "strong"
    assert any("lower explicit priority" in r.reason for r in result.claim.rejected)
    assert list(replicas(result)) == ["member2"]


def test_nothing_claims_a_template_no_selector_matches():
    draft = propagation_policy(
        selector={"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"}
    )
    result = preview(draft=draft)
    assert result.claim.policy is None
    assert result.clusters == []


def test_divided_static_weights_split_replicas():
    placement = static_weights({"member1": 2, "member2": 1})
    result = preview(deployment(replicas=6), propagation_policy(placement=placement))
    assert result.scheduled
    assert replicas(result) == {"member1": 4, "member2": 2}
    assert result.placement["replicaScheduling"]["replicaDivisionPreference"] == "Weighted"


def test_divided_workload_manifest_gets_its_replica_share():
    placement = static_weights({"member1": 2, "member2": 1})
    result = preview(deployment(replicas=6), propagation_policy(placement=placement))
    member2 = next(c for c in result.clusters if c.name == "member2")
    assert member2.manifest["spec"]["replicas"] == 2
    assert "-  replicas: 6\n+  replicas: 2" in member2.diff


def test_duplicated_workload_keeps_template_replicas_everywhere():
    result = preview(deployment(replicas=3), propagation_policy(placement={}))
    assert replicas(result) == {"member1": 3, "member2": 3, "member3": 3}
    assert all(c.diff == "" for c in result.clusters)


def test_dynamic_weight_follows_available_capacity():
    clusters = [cluster("small", cpu="2"), cluster("big", cpu="6")]
    placement = {
        "replicaScheduling": {
            "replicaSchedulingType": "Divided",
            "replicaDivisionPreference": "Weighted",
            "weightPreference": {"dynamicWeight": "AvailableReplicas"},
        }
    }
    result = preview(
        deployment(replicas=8, cpu="1"), propagation_policy(placement=placement), clusters=clusters
    )
    assert replicas(result) == {"big": 6, "small": 2}
    assert result.available_replicas == {"small": 2, "big": 6}


def test_per_region_image_override_shows_in_diff_and_applied_list():
    placement = static_weights({"member1": 1, "member2": 1})
    result = preview(
        deployment(replicas=2),
        propagation_policy(placement=placement),
        override_policies=[region_image_override("eu")],
    )
    eu, us = result.clusters
    assert eu.manifest["spec"]["template"]["spec"]["containers"][0]["image"] == (
        "eu.registry.example/nginx:1.25"
    )
    assert "+        image: eu.registry.example/nginx:1.25" in eu.diff
    assert [a["policyName"] for a in eu.applied_overrides] == ["eu-images"]
    assert us.applied_overrides == []
    assert "image" not in us.diff


def test_diff_is_against_the_template_without_status_or_server_fields():
    result = preview(
        draft=propagation_policy(placement={"clusterAffinity": {"clusterNames": ["member1"]}})
    )
    assert "status" not in result.template_yaml
    assert "resourceVersion" not in result.template_yaml
    assert result.clusters[0].manifest.get("status") is None


def test_unschedulable_placement_explains_each_filtered_cluster():
    tainted = cluster(
        "member2", region="us", taints=[{"key": "maintenance", "effect": "NoSchedule"}]
    )
    clusters = [cluster("member1"), tainted]
    placement = {"clusterAffinity": {"clusterNames": ["member2"]}}
    result = preview(draft=propagation_policy(placement=placement), clusters=clusters)
    assert not result.scheduled
    assert result.error.reason == "NoClusterFit"
    assert result.clusters == []
    assert result.filtered_out["member1"] == [
        "ClusterAffinity: cluster(s) did not match the placement cluster affinity constraint"
    ]
    assert any(reason.startswith("TaintToleration") for reason in result.filtered_out["member2"])


def test_webhook_refusal_stops_the_preview():
    placement = {"spreadConstraints": [{"spreadByField": "region", "maxGroups": 1, "minGroups": 2}]}
    result = preview(draft=propagation_policy(placement=placement))
    assert result.admission_denied.startswith("PropagationPolicy shop/web denied:")
    assert result.claim is None


def test_changes_from_what_runs_now():
    running = revise_replicas(deployment(replicas=6), 6)
    current = {"clusters": [{"name": "member2", "replicas": 6}], "works": {"member2": running}}
    placement = static_weights({"member1": 2, "member2": 1})
    result = preview(
        deployment(replicas=6), propagation_policy(placement=placement), current=current
    )
    assert result.changes.added == ["member1"]
    assert result.changes.removed == []
    assert result.changes.replicas == {"member1": (0, 4), "member2": (6, 2)}
    assert "+  replicas: 2" in result.changes.manifest_diffs["member2"]


def test_changes_ignore_karmada_bookkeeping_labels():
    base = propagation_policy(placement={"clusterAffinity": {"clusterNames": ["member1"]}})
    first = preview(draft=base)
    running = copy.deepcopy(first.clusters[0].manifest)
    running["metadata"]["labels"] = {"resourcebinding.karmada.io/permanent-id": "x"}
    current = {"clusters": [{"name": "member1", "replicas": 6}], "works": {"member1": running}}
    assert preview(draft=base, current=current).changes.unchanged


def test_rescheduling_keeps_steady_split_when_placement_is_unchanged():
    placement = {
        "replicaScheduling": {
            "replicaSchedulingType": "Divided",
            "replicaDivisionPreference": "Weighted",
            "weightPreference": {"dynamicWeight": "AvailableReplicas"},
        }
    }
    current = {
        "clusters": [{"name": "member1", "replicas": 5}, {"name": "member2", "replicas": 1}],
        "placement": placement,
        "replicas": 6,
    }
    result = preview(
        deployment(replicas=6), propagation_policy(placement=placement), current=current
    )
    assert replicas(result) == {"member1": 5, "member2": 1}
    assert result.changes.unchanged


def test_job_completions_are_divided_with_parallelism():
    job = {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": "web", "namespace": "shop", "uid": "u"},
        "spec": {
            "parallelism": 4,
            "completions": 8,
            "template": {"spec": {"containers": [{"name": "c", "image": "busybox"}]}},
        },
    }
    draft = propagation_policy(
        placement=static_weights({"member1": 1, "member2": 1}),
        selector={"apiVersion": "batch/v1", "kind": "Job", "name": "web"},
    )
    result = preview(job, draft)
    specs = {c.name: c.manifest["spec"] for c in result.clusters}
    assert specs["member1"]["parallelism"] == 2 and specs["member1"]["completions"] == 4
    assert specs["member2"]["parallelism"] == 2 and specs["member2"]["completions"] == 4


def test_non_workload_goes_everywhere_unchanged():
    config = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "web", "namespace": "shop"},
        "data": {"a": "1"},
    }
    draft = propagation_policy(selector={"apiVersion": "v1", "kind": "ConfigMap", "name": "web"})
    result = preview(config, draft)
    assert replicas(result) == {"member1": 0, "member2": 0, "member3": 0}
    assert result.clusters[0].manifest["data"] == {"a": "1"}


@pytest.mark.parametrize("count", [100])
def test_preview_scales_to_many_clusters(count):
    clusters = [cluster(f"m{i:03}", region="eu" if i % 2 else "us") for i in range(count)]
    placement = {"replicaScheduling": {"replicaSchedulingType": "Divided"}}
    result = preview(
        deployment(replicas=200),
        propagation_policy(placement=placement),
        clusters=clusters,
        override_policies=[region_image_override()],
    )
    assert sum(replicas(result).values()) == 200
    assert len(result.clusters) == count


def test_preview_serializes_to_json_ready_data():
    placement = static_weights({"member1": 1}, clusterNames=["member1"])
    data = preview(draft=propagation_policy(placement=placement)).to_dict()
    assert data["claim"]["ref"] == {"kind": "PropagationPolicy", "namespace": "shop", "name": "web"}
    assert data["clusters"][0]["name"] == "member1"
    assert data["filtered_out"]["member2"]
    json.dumps(data)


def test_losing_every_policy_removes_the_workload_everywhere():
    draft = propagation_policy(
        selector={"apiVersion": "apps/v1", "kind": "Deployment", "name": "x"}
    )
    current = {"clusters": [{"name": "member1", "replicas": 6}], "works": {}}
    assert preview(draft=draft, current=current).changes.removed == ["member1"]


def test_edited_weights_reschedule_the_existing_binding():
    old = static_weights({"member1": 2, "member2": 1})
    current = {
        "clusters": [{"name": "member1", "replicas": 4}, {"name": "member2", "replicas": 2}],
        "placement": old,
        "replicas": 6,
    }
    draft = propagation_policy(placement=static_weights({"member1": 1, "member2": 1}))
    result = preview(
        deployment(replicas=6),
        draft,
        propagation_policies=[propagation_policy(placement=old)],
        current=current,
    )
    assert replicas(result) == {"member1": 3, "member2": 3}
    assert result.changes.replicas == {"member1": (4, 3), "member2": (2, 3)}


def claimed_by(name, template=None):
    template = template or deployment()
    template["metadata"]["labels"] = {"propagationpolicy.karmada.io/permanent-id": f"id-{name}"}
    template["metadata"]["annotations"] = {
        "propagationpolicy.karmada.io/namespace": "shop",
        "propagationpolicy.karmada.io/name": name,
    }
    return template


def test_existing_claim_is_kept_against_a_better_new_policy():
    old = propagation_policy("old", placement={"clusterAffinity": {"clusterNames": ["member2"]}})
    draft = propagation_policy(
        "web", priority=10, placement={"clusterAffinity": {"clusterNames": ["member1"]}}
    )
    result = preview(claimed_by("old"), draft, propagation_policies=[old])
    assert result.claim.ref.name == "old"
    assert not result.claim.by_draft
    assert "shop/old keeps it" in result.claim.explanation
    assert list(replicas(result)) == ["member2"]


def test_editing_the_claiming_policy_applies_the_edit():
    stored = propagation_policy("web", placement={"clusterAffinity": {"clusterNames": ["member2"]}})
    draft = propagation_policy("web", placement={"clusterAffinity": {"clusterNames": ["member1"]}})
    result = preview(claimed_by("web"), draft, propagation_policies=[stored])
    assert result.claim.by_draft
    assert list(replicas(result)) == ["member1"]


def test_claiming_policy_that_stops_selecting_releases_the_template():
    stored = propagation_policy("web")
    fallback = propagation_policy(
        "all-deployments",
        selector={"apiVersion": "apps/v1", "kind": "Deployment"},
        placement={"clusterAffinity": {"clusterNames": ["member3"]}},
    )
    draft = propagation_policy(
        "web", selector={"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"}
    )
    result = preview(claimed_by("web"), draft, propagation_policies=[stored, fallback])
    assert result.claim.ref.name == "all-deployments"
    assert list(replicas(result)) == ["member3"]


def test_suspended_dispatching_is_marked_per_cluster():
    draft = propagation_policy(placement=static_weights({"member1": 1, "member2": 1}))
    draft["spec"]["suspension"] = {"dispatchingOnClusters": {"clusterNames": ["member2"]}}
    result = preview(draft=draft)
    assert {c.name: c.suspended for c in result.clusters} == {"member1": False, "member2": True}
