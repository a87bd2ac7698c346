"""One small test per Karmada scheduling rule reproduced by karmada_semantics.scheduling."""

from __future__ import annotations

import random
from typing import Any

import pytest

from karmada_semantics.gosort import go_sort
from karmada_semantics.scheduling import default_placement, explain, schedule, validate_placement
from karmada_semantics.scheduling.estimator import max_available_replicas, parse_requests
from karmada_semantics.scheduling.webster import allocate, fnv32a

EVEN_UID = "5d3c9a61-7c1e-4a8e-9b1f-2f6d1c0a0004"
ODD_UID = "5d3c9a61-7c1e-4a8e-9b1f-2f6d1c0a0003"
APPS = [{"groupVersion": "apps/v1", "resources": [{"name": "deployments", "kind": "Deployment"}]}]
DYNAMIC = {
    "replicaSchedulingType": "Divided",
    "replicaDivisionPreference": "Weighted",
    "weightPreference": {"dynamicWeight": "AvailableReplicas"},
}
AGGREGATED = {"replicaSchedulingType": "Divided", "replicaDivisionPreference": "Aggregated"}


def cluster(name: str, cpu: int = 100, **spec: Any) -> dict[str, Any]:
    labels = spec.pop("labels", {})
    meta: dict[str, Any] = {"name": name, "labels": labels}
    if spec.pop("deleting", False):
        meta["deletionTimestamp"] = "2024-01-01T00:00:00Z"
    allocated = spec.pop("allocated", 0)
    summary = {
        "allocatable": {"cpu": str(cpu), "memory": "1000Gi", "pods": "500"},
        "allocated": {"cpu": str(allocated), "pods": str(allocated)},
    }
    status = {"apiEnablements": spec.pop("apis", APPS), "resourceSummary": summary}
    return {"metadata": meta, "spec": spec, "status": status}


def workload(replicas: int, uid: str = EVEN_UID, cpu: str | None = "1") -> dict[str, Any]:
    result: dict[str, Any] = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "default", "uid": uid},
        "replicas": replicas,
    }
    if cpu is not None:
        result["resourceRequest"] = {"cpu": cpu}
    return result


def static(*weights: tuple[str, int]) -> dict[str, Any]:
    rules = [{"targetCluster": {"clusterNames": [n]}, "weight": w} for n, w in weights]
    return {
        "replicaSchedulingType": "Divided",
        "replicaDivisionPreference": "Weighted",
        "weightPreference": {"staticWeightList": rules},
    }


def split(result: Any) -> dict[str, int]:
    return {c.name: c.replicas for c in result.clusters}


# --- Webster division ---------------------------------------------------------------


def test_webster_tie_goes_to_smaller_name_when_uid_hash_is_even() -> None:
    assert fnv32a(EVEN_UID) % 2 == 0
    assert allocate(7, {"a": 1, "b": 1, "c": 1}, EVEN_UID) == {"a": 3, "b": 2, "c": 2}


def test_webster_tie_goes_to_larger_name_when_uid_hash_is_odd() -> None:
    assert allocate(7, {"a": 1, "b": 1, "c": 1}, ODD_UID) == {"a": 2, "b": 2, "c": 3}


def test_webster_empty_uid_breaks_ties_by_ascending_name() -> None:
    assert allocate(2, {"a": 1, "b": 1, "c": 1}, "") == {"a": 1, "b": 1, "c": 0}


def test_webster_is_sainte_lague_not_largest_remainder() -> None:
    assert allocate(100, {"a": 3, "b": 3, "c": 1}, EVEN_UID) == {"a": 43, "b": 43, "c": 14}
    assert allocate(10, {"a": 2, "b": 1}, EVEN_UID) == {"a": 7, "b": 3}


def test_webster_head_start_agrees_with_seat_by_seat_division() -> None:
    rng = random.Random(7)
    for _ in range(200):
        votes = {f"m{i}": rng.choice([0, 1, 2, 3, 7, 50, 51]) for i in range(rng.randint(1, 6))}
        if not any(votes.values()):
            continue
        seats = rng.randint(0, 400)
        slow = dict.fromkeys(votes, 0)
        for _ in range(seats):
            best = max(
                votes, key=lambda n: (votes[n] / (2 * slow[n] + 1), -slow[n], [-ord(c) for c in n])
            )
            slow[best] += 1
        assert allocate(seats, votes, EVEN_UID) == slow


def test_five_over_six_equal_weights_drops_the_cluster_the_uid_parity_disfavours() -> None:
    names = [f"member{i}" for i in range(1, 7)]
    clusters = [cluster(n) for n in names]
    placement = {"replicaScheduling": static(*[(n, 1) for n in names])}
    assert "member6" not in split(schedule(clusters, workload(5), placement))
    assert "member1" not in split(schedule(clusters, workload(5, ODD_UID), placement))


# --- Replica assignment strategies -----------------------------------------------------


def test_static_weight_takes_the_maximum_of_matching_rules() -> None:
    clusters = [
        cluster("member1", labels={"env": "prod", "tier": "gold"}),
        cluster("member2", labels={"env": "prod"}),
    ]
    rules = [
        {"targetCluster": {"labelSelector": {"matchLabels": {"env": "prod"}}}, "weight": 1},
        {"targetCluster": {"labelSelector": {"matchLabels": {"tier": "gold"}}}, "weight": 3},
    ]
    placement = {"replicaScheduling": {**static(), "weightPreference": {"staticWeightList": rules}}}
    assert split(schedule(clusters, workload(8), placement)) == {"member1": 6, "member2": 2}


def test_static_weight_zero_behaves_like_unlisted() -> None:
    clusters = [cluster("member1"), cluster("member2"), cluster("member3")]
    placement = {"replicaScheduling": static(("member1", 2), ("member2", 0), ("member3", 1))}
    assert split(schedule(clusters, workload(6), placement)) == {"member1": 4, "member3": 2}


def test_static_weights_ignore_capacity_and_spread_constraints() -> None:
    clusters = [cluster("member1", cpu=1), cluster("member2")]
    placement = {
        "replicaScheduling": static(("member1", 1), ("member2", 1)),
        "spreadConstraints": [{"spreadByField": "cluster", "maxGroups": 1}],
    }
    assert split(schedule(clusters, workload(6), placement)) == {"member1": 3, "member2": 3}


def test_duplicated_gives_every_cluster_all_replicas_regardless_of_capacity() -> None:
    clusters = [cluster("member1", cpu=1), cluster("member2")]
    result = schedule(
        clusters, workload(5), {"replicaScheduling": {"replicaSchedulingType": "Duplicated"}}
    )
    assert split(result) == {"member1": 5, "member2": 5}


def test_dynamic_weight_divides_by_free_capacity() -> None:
    clusters = [cluster("member1", cpu=10), cluster("member2", cpu=20), cluster("member3", cpu=30)]
    result = schedule(clusters, workload(12), {"replicaScheduling": DYNAMIC})
    assert split(result) == {"member1": 2, "member2": 4, "member3": 6}


def test_dynamic_weight_short_of_capacity_is_unschedulable() -> None:
    result = schedule([cluster("member1", cpu=3)], workload(5), {"replicaScheduling": DYNAMIC})
    assert result.error is not None
    assert result.error.reason == "Unschedulable"
    assert result.error.message == (
        "failed to assign replicas: failed to scale up: "
        "Clusters available replicas 3 are not enough to schedule."
    )


def test_aggregated_takes_the_shortest_prefix_then_divides_it() -> None:
    clusters = [cluster("member1", cpu=20), cluster("member2", cpu=10), cluster("member3", cpu=5)]
    result = schedule(clusters, workload(25), {"replicaScheduling": AGGREGATED})
    assert split(result) == {"member1": 17, "member2": 8}


def test_non_workload_goes_to_every_candidate_with_zero_replicas() -> None:
    config_map = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"uid": EVEN_UID}}
    apis = [{"groupVersion": "v1", "resources": [{"kind": "ConfigMap"}]}]
    clusters = [cluster("member1", apis=apis), cluster("member2", apis=apis)]
    result = schedule(clusters, config_map, {"replicaScheduling": DYNAMIC})
    assert split(result) == {"member1": 0, "member2": 0}


def test_zero_replicas_with_requests_schedules_to_nothing() -> None:
    result = schedule([cluster("member1")], workload(0), {"replicaScheduling": DYNAMIC})
    assert result.scheduled and result.clusters == []


def test_empty_workload_propagation_keeps_selected_clusters_with_zero() -> None:
    clusters = [cluster("member1"), cluster("member2")]
    options = {"enableEmptyWorkloadPropagation": True}
    result = schedule(clusters, workload(1), {"replicaScheduling": DYNAMIC}, options=options)
    assert split(result) == {"member1": 1, "member2": 0}


# --- General estimator -------------------------------------------------------------------


def test_estimator_counts_cpu_in_millicores() -> None:
    assert max_available_replicas(cluster("m", cpu=1), parse_requests({"cpu": "300m"})) == 3


def test_estimator_is_capped_by_free_pods() -> None:
    member = cluster("m")
    member["status"]["resourceSummary"]["allocated"]["pods"] = "495"
    assert max_available_replicas(member, parse_requests({"cpu": "1"})) == 5
    assert max_available_replicas(member, None) == 5


def test_estimator_gives_zero_for_unknown_resource_or_missing_summary() -> None:
    assert max_available_replicas(cluster("m"), parse_requests({"nvidia.com/gpu": "1"})) == 0
    assert max_available_replicas({"metadata": {"name": "m"}}, None) == 0


# --- Filters and their reasons ---------------------------------------------------------------


def test_toleration_with_exists_and_no_effect_tolerates_any_effect() -> None:
    tainted = cluster("member1", taints=[{"key": "maintenance", "effect": "NoExecute"}])
    placement = {"clusterTolerations": [{"key": "maintenance", "operator": "Exists"}]}
    assert split(schedule([tainted], workload(1), placement)) == {"member1": 1}


def test_untolerated_taint_reason_and_prefer_no_schedule_ignored() -> None:
    clusters = [
        cluster("member1", taints=[{"key": "a", "value": "1", "effect": "NoSchedule"}]),
        cluster("member2", taints=[{"key": "spot", "effect": "PreferNoSchedule"}]),
    ]
    result = schedule(clusters, workload(1), {})
    assert split(result) == {"member2": 1}
    assert result.filter_results["clusterAffinity"]["member1"] == [
        "TaintToleration: cluster(s) had untolerated taint {a=1:NoSchedule}"
    ]


def test_missing_api_filters_a_new_cluster_but_not_a_previously_used_one() -> None:
    clusters = [cluster("member1", apis=[]), cluster("member2", apis=[])]
    placement = {"replicaScheduling": {"replicaSchedulingType": "Duplicated"}}
    previous = {"clusters": [{"name": "member1", "replicas": 1}], "replicas": 1}
    result = schedule(clusters, workload(1), placement, previous=previous)
    assert split(result) == {"member1": 1}
    assert result.filter_results["clusterAffinity"]["member2"] == [
        "APIEnablement: cluster(s) did not have the API resource"
    ]


def test_no_cluster_fit_counts_one_reason_per_cluster_sorted_as_text() -> None:
    clusters = [cluster(f"m{i}") for i in range(10)] + [cluster("x", apis=[])]
    result = schedule(clusters, workload(1), {"clusterAffinity": {"clusterNames": ["nope"]}})
    assert result.error is not None and result.error.reason == "NoClusterFit"
    assert result.error.message == (
        "0/11 clusters are available: 1 cluster(s) did not have the API resource, "
        "10 cluster(s) did not match the placement cluster affinity constraint."
    )


def test_deleting_clusters_are_skipped_before_filtering() -> None:
    result = schedule([cluster("member1", deleting=True)], workload(1), {})
    assert result.error is not None
    assert result.error.message == "0/1 clusters are available: no cluster exists."


def test_zone_not_in_excludes_any_listed_zone_and_keeps_zoneless_clusters() -> None:
    clusters = [cluster("a", zones=["z1", "z2"]), cluster("b", zones=["z3"]), cluster("c")]
    affinity = {
        "fieldSelector": {
            "matchExpressions": [{"key": "zone", "operator": "NotIn", "values": ["z2"]}]
        }
    }
    assert split(schedule(clusters, workload(1), {"clusterAffinity": affinity})) == {"b": 1, "c": 1}


def test_zone_in_matches_when_any_of_the_clusters_zones_is_listed() -> None:
    clusters = [cluster("a", zones=["z1", "z2"]), cluster("b", zones=["z3"]), cluster("c")]
    affinity = {
        "fieldSelector": {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["z2"]}]}
    }
    assert split(schedule(clusters, workload(1), {"clusterAffinity": affinity})) == {"a": 1}


def test_label_selector_karmada_cannot_build_matches_nothing() -> None:
    selector = {"matchExpressions": [{"key": "env", "operator": "NotIn", "values": []}]}
    result = schedule([cluster("a")], workload(1), {"clusterAffinity": {"labelSelector": selector}})
    assert result.error is not None and result.error.reason == "NoClusterFit"


def test_explain_lists_every_failing_plugin_sorted_by_name() -> None:
    clusters = [cluster("member1", apis=[], taints=[{"key": "a", "effect": "NoSchedule"}])]
    reasons = explain(clusters, workload(1), {"clusterAffinity": {"clusterNames": ["x"]}})
    assert reasons == {
        "clusterAffinity": {
            "member1": [
                "APIEnablement: cluster(s) did not have the API resource",
                "ClusterAffinity: cluster(s) did not match the placement cluster affinity"
                " constraint",
                "TaintToleration: cluster(s) had untolerated taint {a:NoSchedule}",
            ]
        }
    }


# --- Spread constraints ------------------------------------------------------------------------


def test_spread_min_groups_above_feasible_clusters_is_a_scheduler_error() -> None:
    placement = {
        "spreadConstraints": [{"spreadByField": "cluster", "minGroups": 3, "maxGroups": 3}]
    }
    result = schedule(
        [cluster("a"), cluster("b")], workload(2), {**placement, "replicaScheduling": DYNAMIC}
    )
    assert result.error is not None and result.error.reason == "SchedulerError"
    assert result.error.message == (
        "failed to select clusters: "
        "the number of feasible clusters is less than spreadConstraint.MinGroups"
    )


def test_spread_cluster_max_groups_swaps_in_capacity_when_too_small() -> None:
    clusters = [cluster("a", cpu=5), cluster("b", cpu=4), cluster("c", cpu=30)]
    placement = {
        "spreadConstraints": [{"spreadByField": "cluster", "maxGroups": 1}],
        "replicaScheduling": DYNAMIC,
    }
    assert split(schedule(clusters, workload(20), placement)) == {"c": 20}


def test_spread_region_picks_the_best_scoring_region_then_its_best_cluster() -> None:
    clusters = [
        cluster("member1", cpu=10, region="us-east"),
        cluster("member2", cpu=30, region="us-east"),
        cluster("member3", cpu=20, region="eu-west"),
        cluster("member4", cpu=5, region="eu-west"),
    ]
    placement = {
        "spreadConstraints": [
            {"spreadByField": "region", "maxGroups": 1},
            {"spreadByField": "cluster", "maxGroups": 1},
        ],
        "replicaScheduling": {"replicaSchedulingType": "Duplicated"},
    }
    assert split(schedule(clusters, workload(2), placement)) == {"member3": 2}


def test_provider_spread_only_filters_clusters_without_provider() -> None:
    clusters = [cluster("a", provider="aws"), cluster("b")]
    placement = {
        "spreadConstraints": [
            {"spreadByField": "provider"},
            {"spreadByField": "cluster", "maxGroups": 5},
        ],
    }
    result = schedule(clusters, workload(1), placement)
    assert split(result) == {"a": 1}
    assert result.filter_results["clusterAffinity"]["b"] == [
        "SpreadConstraint: cluster(s) did not have provider property"
    ]


# --- clusterAffinities ---------------------------------------------------------------------------


def test_cluster_affinities_fall_back_and_report_the_observed_term() -> None:
    placement = {
        "clusterAffinities": [
            {"affinityName": "primary", "clusterNames": ["member1"]},
            {"affinityName": "backup", "clusterNames": ["member2"]},
        ],
        "replicaScheduling": DYNAMIC,
    }
    result = schedule([cluster("member1", cpu=2), cluster("member2")], workload(5), placement)
    assert split(result) == {"member2": 5}
    assert result.observed_affinity_name == "backup"


def test_cluster_affinities_all_failing_report_the_first_terms_error() -> None:
    placement = {
        "clusterAffinities": [
            {"affinityName": "primary", "clusterNames": ["member1"]},
            {"affinityName": "backup", "clusterNames": ["nope"]},
        ],
        "replicaScheduling": DYNAMIC,
    }
    result = schedule([cluster("member1", cpu=2)], workload(5), placement)
    assert result.error is not None and result.error.reason == "Unschedulable"
    assert result.observed_affinity_name is None


def test_overflow_affinities_fill_the_primary_group_first() -> None:
    placement = {
        "clusterAffinities": [
            {
                "affinityName": "primary",
                "clusterNames": ["member1"],
                "overflowAffinities": [{"affinityName": "burst", "clusterNames": ["member2"]}],
            }
        ],
        "replicaScheduling": AGGREGATED,
    }
    result = schedule(
        [cluster("member1", cpu=4), cluster("member2", cpu=50)], workload(10), placement
    )
    assert split(result) == {"member1": 4, "member2": 6}


# --- Rescheduling ---------------------------------------------------------------------------------


def previous(replicas: int, **split_: int) -> dict[str, Any]:
    return {
        "clusters": [{"name": n, "replicas": r} for n, r in split_.items()],
        "replicas": replicas,
    }


def test_dynamic_scale_up_keeps_previous_split_and_divides_the_difference() -> None:
    clusters = [cluster("member1", cpu=12, allocated=2), cluster("member2", cpu=22, allocated=2)]
    result = schedule(
        clusters,
        workload(8),
        {"replicaScheduling": DYNAMIC},
        previous=previous(4, member1=2, member2=2),
    )
    assert result.rescheduled and split(result) == {"member1": 3, "member2": 5}


def test_dynamic_scale_down_divides_by_previous_replicas() -> None:
    clusters = [cluster(n, cpu=20) for n in ("member1", "member2", "member3")]
    before = previous(12, member1=6, member2=3, member3=3)
    even = schedule(clusters, workload(6), {"replicaScheduling": DYNAMIC}, previous=before)
    odd = schedule(clusters, workload(6, ODD_UID), {"replicaScheduling": DYNAMIC}, previous=before)
    assert split(even) == {"member1": 3, "member2": 2, "member3": 1}
    assert split(odd) == {"member1": 3, "member2": 1, "member3": 2}


def test_fresh_mode_divides_everything_by_capacity_plus_own_replicas() -> None:
    clusters = [cluster("member1", cpu=10, allocated=5), cluster("member2", cpu=10)]
    before = {**previous(5, member1=5), "rescheduleTriggered": True}
    result = schedule(clusters, workload(5), {"replicaScheduling": DYNAMIC}, previous=before)
    assert result.rescheduled and split(result) == {"member1": 3, "member2": 2}


def test_aggregated_scale_up_stays_on_the_previous_cluster_when_it_has_room() -> None:
    clusters = [cluster("member1", cpu=10, allocated=4), cluster("member2", cpu=100)]
    result = schedule(
        clusters, workload(8), {"replicaScheduling": AGGREGATED}, previous=previous(4, member1=4)
    )
    assert split(result) == {"member1": 8}


def test_aggregated_scale_down_keeps_the_shortest_prefix() -> None:
    clusters = [cluster("member1", cpu=20), cluster("member2", cpu=20)]
    result = schedule(
        clusters,
        workload(5),
        {"replicaScheduling": AGGREGATED},
        previous=previous(10, member1=6, member2=4),
    )
    assert split(result) == {"member1": 5}


def test_divided_binding_with_unchanged_replicas_is_not_rescheduled() -> None:
    clusters = [cluster("member1"), cluster("member2")]
    result = schedule(
        clusters,
        workload(3),
        {"replicaScheduling": DYNAMIC},
        previous=previous(3, member1=3, gone=0),
    )
    assert result.rescheduled is False and split(result) == {"gone": 0, "member1": 3}


def test_deleting_target_cluster_triggers_rescheduling() -> None:
    clusters = [cluster("member1"), cluster("member2", deleting=True)]
    result = schedule(
        clusters,
        workload(4),
        {"replicaScheduling": DYNAMIC},
        previous=previous(4, member1=2, member2=2),
    )
    assert result.triggers is not None and result.triggers["terminatingTargetCluster"]
    assert split(result) == {"member1": 4}


def test_failures_keep_previous_clusters_except_no_cluster_fit() -> None:
    before = previous(4, member1=4)
    short = schedule(
        [cluster("member1", cpu=4, allocated=4)],
        workload(8),
        {"replicaScheduling": DYNAMIC},
        previous=before,
    )
    assert not short.scheduled and split(short) == {"member1": 4}
    assert short.scheduler_observed_generation == 1
    changed = {**before, "placement": {"replicaScheduling": DYNAMIC}}
    placement = {"clusterAffinity": {"clusterNames": ["x"]}, "replicaScheduling": DYNAMIC}
    none_fit = schedule([cluster("member1")], workload(4), placement, previous=changed)
    assert none_fit.triggers is not None and none_fit.triggers["placementChanged"]
    assert not none_fit.scheduled and none_fit.clusters == []


# --- Admission ---------------------------------------------------------------------------


def test_region_spread_without_cluster_spread_is_rejected() -> None:
    message = validate_placement(
        {"spreadConstraints": [{"spreadByField": "region", "minGroups": 1, "maxGroups": 2}]}
    )
    assert message == (
        'spec.placement.spreadConstraints: Invalid value: [{"spreadByField":"region","maxGroups":2,'
        '"minGroups":1}]: the cluster spread constraint must be enabled in one of the constraints '
        "in case of SpreadByField is enabled"
    )


def test_field_selector_accepts_only_in_and_not_in() -> None:
    expression = {"key": "zone", "operator": "DoesNotExist"}
    message = validate_placement(
        {"clusterAffinity": {"fieldSelector": {"matchExpressions": [expression]}}}
    )
    assert message == (
        'spec.placement.clusterAffinity.fieldSelector: Invalid value: {"matchExpressions":'
        '[{"key":"zone","operator":"DoesNotExist"}]}: '
        'unsupported operator "DoesNotExist", must be In or NotIn'
    )


def test_duplicate_affinity_names_are_rejected() -> None:
    terms = [{"affinityName": "a"}, {"affinityName": "a"}]
    message = validate_placement({"clusterAffinities": terms})
    assert (
        message is not None and "each affinity term in a policy must have a unique name" in message
    )


def test_schedule_reports_admission_denial_without_scheduling() -> None:
    result = schedule(
        [cluster("a")], workload(1), {"spreadConstraints": [{"spreadByField": "zone"}]}
    )
    assert result.admission_denied is not None
    assert result.admission_denied.startswith("validating webhook denied: ")
    assert not result.scheduled and result.clusters == []


def test_defaults_divided_to_weighted_and_spread_to_cluster_min_one() -> None:
    placement = {"replicaScheduling": {}, "spreadConstraints": [{"maxGroups": 2}]}
    assert default_placement(placement) == {
        "replicaScheduling": {
            "replicaSchedulingType": "Divided",
            "replicaDivisionPreference": "Weighted",
        },
        "spreadConstraints": [{"maxGroups": 2, "spreadByField": "cluster", "minGroups": 1}],
    }


# --- Go's unstable sort --------------------------------------------------------------------------


@pytest.mark.parametrize("size", [5, 12, 13, 60, 200])
def test_go_sort_orders_like_a_sort_for_distinct_keys(size: int) -> None:
    rng = random.Random(size)
    data = rng.sample(range(10_000), size)
    go_sort(data, lambda a, b: a > b)
    assert data == sorted(data, reverse=True)


def test_go_sort_keeps_input_order_of_ties_up_to_twelve_elements() -> None:
    data = [(1, "c"), (2, "a"), (1, "a"), (2, "b"), (1, "b")]
    go_sort(data, lambda a, b: a[0] > b[0])
    assert data == [(2, "a"), (2, "b"), (1, "c"), (1, "a"), (1, "b")]
