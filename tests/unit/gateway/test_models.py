"""Typed fields read out of raw Karmada objects."""

from karmada_gateway import Cluster, PropagationPolicy, ResourceBinding, Taint, Work
from karmada_gateway.models import OverridePolicy


def test_cluster_reads_ready_state_placement_facts_and_taints() -> None:
    raw = {
        "apiVersion": "cluster.karmada.io/v1alpha1",
        "kind": "Cluster",
        "metadata": {"name": "m1", "uid": "u1", "resourceVersion": "7", "labels": {"env": "x"}},
        "spec": {
            "syncMode": "Push",
            "provider": "aws",
            "region": "eu-west-1",
            "zones": ["eu-west-1a"],
            "taints": [{"key": "cluster.karmada.io/not-ready", "effect": "NoSchedule"}],
        },
        "status": {
            "kubernetesVersion": "v1.31.0",
            "nodeSummary": {"totalNum": 3, "readyNum": 2},
            "conditions": [
                {"type": "Ready", "status": "False", "reason": "ClusterNotReachable"},
                {"type": "CompleteAPIEnablements", "status": "True"},
            ],
        },
    }
    cluster = Cluster.from_raw(raw)
    assert (cluster.name, cluster.namespace, cluster.resource_version) == ("m1", None, "7")
    assert cluster.ready is False
    assert cluster.ready_reason == "ClusterNotReachable"
    assert (cluster.provider, cluster.region, cluster.zones) == (
        "aws",
        "eu-west-1",
        ("eu-west-1a",),
    )
    assert cluster.taints == (Taint("cluster.karmada.io/not-ready", "", "NoSchedule"),)
    assert cluster.labels == {"env": "x"}
    assert (cluster.nodes_ready, cluster.nodes_total, cluster.api_list_complete) == (2, 3, True)
    assert cluster.raw is raw


def test_cluster_without_ready_condition_is_unknown_and_lone_zone_counts() -> None:
    cluster = Cluster.from_raw({"metadata": {"name": "m2"}, "spec": {"zone": "z1"}})
    assert cluster.ready is None
    assert cluster.zones == ("z1",)


def test_policy_reads_priority_selectors_and_cluster_names() -> None:
    policy = PropagationPolicy.from_raw(
        {
            "metadata": {"name": "p", "namespace": "default"},
            "spec": {
                "priority": 5,
                "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}],
                "placement": {"clusterAffinity": {"clusterNames": ["m1", "m2"]}},
            },
        }
    )
    assert policy.priority == 5
    assert policy.preemption == "Never"
    assert policy.cluster_names == ("m1", "m2")
    assert policy.resource_selectors[0]["kind"] == "Deployment"


def test_override_policy_collects_target_clusters_once() -> None:
    rule = {"targetCluster": {"clusterNames": ["m1"]}, "overriders": {}}
    policy = OverridePolicy.from_raw(
        {"metadata": {"name": "o"}, "spec": {"overrideRules": [rule, rule]}}
    )
    assert policy.target_cluster_names == ("m1",)


def test_binding_reads_schedule_result_and_conditions() -> None:
    binding = ResourceBinding.from_raw(
        {
            "metadata": {"name": "web-deployment", "namespace": "default", "generation": 2},
            "spec": {
                "resource": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                "replicas": 3,
                "clusters": [{"name": "m1", "replicas": 2}, {"name": "m2", "replicas": 1}],
            },
            "status": {
                "schedulerObservedGeneration": 2,
                "conditions": [{"type": "Scheduled", "status": "True"}],
                "aggregatedStatus": [{"clusterName": "m1", "applied": True, "health": "Healthy"}],
            },
        }
    )
    assert [(c.name, c.replicas) for c in binding.clusters] == [("m1", 2), ("m2", 1)]
    assert binding.scheduled is True
    assert binding.fully_applied is None
    assert binding.resource.kind == "Deployment"
    assert binding.aggregated_status[0].health == "Healthy"


def test_work_names_its_cluster_from_the_execution_namespace() -> None:
    work = Work.from_raw(
        {
            "metadata": {"name": "web-abc", "namespace": "karmada-es-m1"},
            "spec": {"workload": {"manifests": [{"kind": "Deployment"}]}},
        }
    )
    assert (work.cluster, work.manifest_count, work.applied) == ("m1", 1, None)
