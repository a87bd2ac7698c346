"""PropagationPolicy / ClusterPropagationPolicy admission rules the detector depends on."""

from __future__ import annotations

import pytest

from karmada_semantics.detector import AdmissionDenied
from karmada_semantics.detector.admission import admit_create, admit_update
from tests.unit.semantics.test_detector_support import by_kind, by_label, by_name, cpp, pp


def test_preemption_always_requires_a_name_in_every_selector() -> None:
    policy = pp("p", by_name(), by_label(), preemption="Always")
    with pytest.raises(AdmissionDenied) as denied:
        admit_create(policy, "PropagationPolicy", "id")
    assert str(denied.value) == (
        'PropagationPolicy default/p denied: spec.resourceSelectors[1].name: Invalid value: "": '
        "name cannot be empty if preemption is Always, the empty name may cause unexpected "
        "resources preemption"
    )


def test_several_errors_are_aggregated_in_brackets() -> None:
    policy = cpp("c", by_kind(), by_label(), preemption="Always")
    with pytest.raises(AdmissionDenied) as denied:
        admit_create(policy, "ClusterPropagationPolicy", "id")
    assert str(denied.value).startswith("ClusterPropagationPolicy c denied: [spec.resource")
    assert "resourceSelectors[1].name" in str(denied.value)


def test_application_failover_requires_propagate_deps() -> None:
    policy = pp("p", by_name(), failover={"application": {}})
    with pytest.raises(AdmissionDenied, match="spec.propagateDeps: Invalid value: false"):
        admit_create(policy, "PropagationPolicy", "id")


def test_update_cannot_change_the_scheduler_name() -> None:
    stored = admit_create(pp("p", by_name()), "PropagationPolicy", "id")
    with pytest.raises(AdmissionDenied, match="the schedulerName should not be updated"):
        admit_update(pp("p", by_name(), schedulerName="other"), stored)


def test_pp_selectors_default_to_the_policy_namespace() -> None:
    admitted = admit_create(pp("p", by_name(), namespace="team"), "PropagationPolicy", "id")
    assert admitted["spec"]["resourceSelectors"][0]["namespace"] == "team"
    assert admitted["metadata"]["labels"]["propagationpolicy.karmada.io/permanent-id"] == "id"


def test_cpp_selectors_keep_an_empty_namespace() -> None:
    admitted = admit_create(cpp("c", by_name()), "ClusterPropagationPolicy", "id")
    assert "namespace" not in admitted["spec"]["resourceSelectors"][0]
    assert admitted["spec"]["priority"] == 0 and admitted["spec"]["preemption"] == "Never"


def test_placement_gets_divided_weighted_and_spread_defaults() -> None:
    policy = pp("p", by_name())
    policy["spec"]["placement"] = {
        "replicaScheduling": {},
        "spreadConstraints": [{"maxGroups": 2}],
    }
    placement = admit_create(policy, "PropagationPolicy", "id")["spec"]["placement"]
    assert placement["replicaScheduling"] == {
        "replicaSchedulingType": "Divided",
        "replicaDivisionPreference": "Weighted",
    }
    assert placement["spreadConstraints"] == [
        {"maxGroups": 2, "spreadByField": "cluster", "minGroups": 1}
    ]


def test_spread_constraints_need_a_cluster_constraint() -> None:
    policy = pp("p", by_name())
    policy["spec"]["placement"] = {
        "spreadConstraints": [{"spreadByField": "region", "maxGroups": 2}]
    }
    with pytest.raises(AdmissionDenied) as denied:
        admit_create(policy, "PropagationPolicy", "id")
    assert str(denied.value) == (
        "PropagationPolicy default/p denied: spec.placement.spreadConstraints: Invalid value: "
        '[{"spreadByField":"region","maxGroups":2,"minGroups":1}]: the cluster spread constraint '
        "must be enabled in one of the constraints in case of SpreadByField is enabled"
    )


def test_field_selector_allows_only_in_and_not_in() -> None:
    policy = pp("p", by_name())
    expression = {"key": "zone", "operator": "DoesNotExist"}
    policy["spec"]["placement"] = {
        "clusterAffinity": {"fieldSelector": {"matchExpressions": [expression]}}
    }
    with pytest.raises(AdmissionDenied) as denied:
        admit_create(policy, "PropagationPolicy", "id")
    assert str(denied.value) == (
        "PropagationPolicy default/p denied: spec.placement.clusterAffinity.fieldSelector: "
        'Invalid value: {"matchExpressions":[{"key":"zone","operator":"DoesNotExist"}]}: '
        'unsupported operator "DoesNotExist", must be In or NotIn'
    )
