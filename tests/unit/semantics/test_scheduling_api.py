"""The public scheduling API keeps its shape: results, explanation and vector adapter."""

from __future__ import annotations

import json
from typing import Any

from karmada_semantics.scheduling import (
    ScheduleResult,
    SchedulingError,
    TargetCluster,
    explain,
    schedule,
)
from karmada_semantics.scheduling.vector import run_vector
from tests.shared_paths import VECTORS_DIR

APPS = [{"groupVersion": "apps/v1", "resources": [{"kind": "Deployment"}]}]
WORKLOAD = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"uid": ""}, "replicas": 2}


def cluster(name: str, **labels: str) -> dict[str, Any]:
    summary = {"allocatable": {"cpu": "4", "pods": "10"}}
    status = {"apiEnablements": APPS, "resourceSummary": summary}
    return {"metadata": {"name": name, "labels": labels}, "spec": {}, "status": status}


def test_result_lists_clusters_sorted_by_name_with_estimates() -> None:
    result = schedule([cluster("b"), cluster("a")], WORKLOAD, {})
    assert result == ScheduleResult(
        scheduled=True,
        clusters=[TargetCluster("a", 2), TargetCluster("b", 2)],
        filter_results={"clusterAffinity": {"b": [], "a": []}},
        available_replicas={"b": 10, "a": 10},
    )


def test_to_expected_has_the_vector_shape() -> None:
    failed = ScheduleResult(False, [], error=SchedulingError("NoClusterFit", "0/0 ..."))
    assert failed.to_expected() == {
        "scheduled": False,
        "clusters": [],
        "error": {"reason": "NoClusterFit", "message": "0/0 ..."},
    }


def test_non_workloads_are_not_estimated() -> None:
    config_map = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"uid": ""}}
    assert schedule([cluster("a")], config_map, {}).available_replicas == {}


def test_explain_is_keyed_by_affinity_term() -> None:
    placement = {
        "clusterAffinities": [
            {"affinityName": "gold", "labelSelector": {"matchLabels": {"tier": "gold"}}},
            {"affinityName": "any"},
        ]
    }
    reasons = explain([cluster("a", tier="gold"), cluster("b")], WORKLOAD, placement)
    affinity = "ClusterAffinity: cluster(s) did not match the placement cluster affinity constraint"
    assert reasons == {"gold": {"a": [], "b": [affinity]}, "any": {"a": [], "b": []}}


def test_rescheduling_result_reports_triggers_and_generation() -> None:
    previous = {"clusters": [{"name": "a", "replicas": 2}], "replicas": 1}
    result = schedule([cluster("a")], WORKLOAD, {}, previous=previous)
    assert result.rescheduled is True
    assert result.scheduler_observed_generation == 2
    assert result.triggers is not None and result.triggers["replicasChanged"] is False
    assert result.triggers["duplicatedOrNonWorkload"] is True


def test_vector_adapter_reports_malformed_input_instead_of_raising() -> None:
    scenario = {"clusters": [{"metadata": {"name": "a"}}], "workload": {"replicas": "many"}}
    assert run_vector(scenario)["error"]["reason"] == "SchedulerError"


def test_vector_adapter_agrees_with_a_public_vector() -> None:
    path = VECTORS_DIR / "scheduling" / "023-dynamic-weight-varied-capacity.json"
    vector = json.loads(path.read_text())
    assert run_vector(vector["input"]) == vector["expected"]


def test_explain_false_gives_the_same_decision_without_the_explanation() -> None:
    clusters = [cluster("b"), cluster("a")]
    full = schedule(clusters, WORKLOAD, {})
    quick = schedule(clusters, WORKLOAD, {}, explain=False)
    assert (quick.scheduled, quick.clusters) == (full.scheduled, full.clusters)
    assert quick.filter_results == {} and quick.available_replicas == {}
