"""`validate_policy` / `validate_override_policy`: one test per rule, each problem at its field."""

from workloads.validation import Problem, validate_override_policy, validate_policy

from .builders import cluster, deployment, propagation_policy, region_image_override, static_weights

CLUSTERS = [cluster("member1", region="eu"), cluster("member2", region="us")]
WEIGHTS = "spec.placement.replicaScheduling.weightPreference.staticWeightList"


def problems(policy, *, others=(), templates=None, clusters=CLUSTERS):
    return validate_policy(
        policy, clusters=clusters, other_policies=list(others), templates=templates
    )


def warning(path, message):
    """Karmada accepts what the semantic checks find: they warn."""
    return Problem(path, message, warning=True)


def paths(found):
    return [p.field_path for p in found]


def test_valid_policy_has_no_problems():
    policy = propagation_policy(placement=static_weights({"member1": 2, "member2": 1}))
    assert problems(policy, templates=[deployment()]) == []


# CRD schema


def test_schema_unknown_field_is_reported_at_its_path():
    policy = propagation_policy()
    policy["spec"]["placement"]["clusterAfinity"] = {}
    assert problems(policy) == [Problem("spec.placement.clusterAfinity", "Unknown field.")]


def test_schema_wrong_type_is_reported_at_its_path():
    policy = propagation_policy()
    policy["spec"]["priority"] = "high"
    assert problems(policy) == [Problem("spec.priority", "Must be an integer.")]


def test_schema_minimum_static_weight_is_reported_at_the_list_item():
    policy = propagation_policy(placement=static_weights({"member1": 0}))
    assert problems(policy) == [Problem(f"{WEIGHTS}[0].weight", "Must be at least 1.")]


def test_schema_enum_lists_the_allowed_values():
    policy = propagation_policy(placement={"replicaScheduling": {"replicaSchedulingType": "Split"}})
    (problem,) = problems(policy)
    assert problem.field_path == "spec.placement.replicaScheduling.replicaSchedulingType"
    assert problem.message == "Must be one of: Duplicated, Divided."


def test_schema_required_field_is_reported_where_it_is_missing():
    policy = propagation_policy()
    del policy["spec"]["resourceSelectors"][0]["kind"]
    assert problems(policy) == [Problem("spec.resourceSelectors[0].kind", "Required.")]


def test_schema_problems_stop_the_other_checks():
    policy = propagation_policy(placement={"clusterAffinity": {"clusterNames": ["nowhere"]}})
    policy["spec"]["priority"] = "high"
    assert paths(problems(policy)) == ["spec.priority"]


# API server object rules


def test_metadata_name_is_required():
    policy = propagation_policy()
    del policy["metadata"]["name"]
    assert Problem("metadata.name", "Required.") in problems(policy)


def test_metadata_name_must_be_a_dns_subdomain():
    assert paths(problems(propagation_policy("Web_Policy"))) == ["metadata.name"]


def test_namespaced_policy_needs_a_namespace():
    policy = propagation_policy()
    del policy["metadata"]["namespace"]
    assert Problem("metadata.namespace", "Required.") in problems(policy)


# Karmada's admission webhooks


def test_admission_spread_constraint_max_below_min():
    placement = {
        "spreadConstraints": [{"spreadByField": "cluster", "maxGroups": 1, "minGroups": 2}]
    }
    found = problems(propagation_policy(placement=placement))
    assert (
        Problem(
            "spec.placement.spreadConstraints[0]", "maxGroups lower than minGroups is not allowed."
        )
        in found
    )


def test_admission_field_selector_key_must_be_provider_region_or_zone():
    selector = {"matchExpressions": [{"key": "country", "operator": "In", "values": ["de"]}]}
    found = problems(propagation_policy(placement={"clusterAffinity": {"fieldSelector": selector}}))
    assert found[0].field_path == "spec.placement.clusterAffinity.fieldSelector"
    assert "must be provider, region, or zone" in found[0].message


def test_admission_application_failover_needs_propagate_deps():
    policy = propagation_policy()
    policy["spec"]["failover"] = {"application": {"decisionConditions": {"tolerationSeconds": 60}}}
    assert Problem(
        "spec.propagateDeps", "application failover is set, propagateDeps must be true."
    ) in problems(policy)


def test_admission_preemption_always_needs_named_selectors():
    policy = propagation_policy(selector={"apiVersion": "apps/v1", "kind": "Deployment"})
    policy["spec"]["preemption"] = "Always"
    assert "spec.resourceSelectors[0].name" in paths(problems(policy))


def test_admission_cluster_affinity_and_affinities_are_exclusive():
    placement = {
        "clusterAffinity": {"clusterNames": ["member1"]},
        "clusterAffinities": [{"affinityName": "main", "clusterNames": ["member1"]}],
    }
    found = problems(propagation_policy(placement=placement))
    assert (
        Problem("spec.placement", "clusterAffinities cannot co-exist with clusterAffinity.")
        in found
    )


def test_admission_name_longer_than_63_characters():
    assert Problem("metadata.name", "Must be at most 63 characters.") in problems(
        propagation_policy("p" * 64)
    )


# Semantic checks


def test_selector_that_matches_nothing():
    found = problems(propagation_policy(), templates=[deployment("api")])
    assert found == [
        warning("spec.resourceSelectors[0]", "Matches no Deployment (web) in namespace shop.")
    ]


def test_cluster_name_that_does_not_exist():
    found = problems(propagation_policy(placement={"clusterAffinity": {"exclude": ["member9"]}}))
    assert found == [
        warning("spec.placement.clusterAffinity.exclude[0]", "No cluster named 'member9'.")
    ]


def test_static_weight_for_a_cluster_that_does_not_exist():
    found = problems(propagation_policy(placement=static_weights({"member9": 1})))
    assert (
        warning(f"{WEIGHTS}[0].targetCluster.clusterNames[0]", "No cluster named 'member9'.")
        in found
    )


def test_cluster_affinity_that_selects_no_cluster():
    affinity = {"labelSelector": {"matchLabels": {"tier": "gold"}}}
    found = problems(propagation_policy(placement={"clusterAffinity": affinity}))
    assert found == [warning("spec.placement.clusterAffinity", "Selects none of the 2 clusters.")]


def test_static_weight_on_an_excluded_cluster():
    placement = static_weights({"member1": 1, "member2": 1}, exclude=["member2"])
    found = problems(propagation_policy(placement=placement))
    assert paths(found) == [
        f"{WEIGHTS}[1].targetCluster.clusterNames[0]",
        f"{WEIGHTS}[1].targetCluster",
    ]
    assert "excluded by the placement" in found[0].message


def test_static_weight_selecting_no_cluster():
    placement = static_weights({})
    placement["replicaScheduling"]["weightPreference"]["staticWeightList"] = [
        {"targetCluster": {"labelSelector": {"matchLabels": {"tier": "gold"}}}, "weight": 1}
    ]
    found = problems(propagation_policy(placement=placement))
    assert found == [
        warning(f"{WEIGHTS}[0].targetCluster", "Selects no cluster, so this weight never applies.")
    ]


def test_static_weights_ignored_with_dynamic_weight():
    placement = static_weights({"member1": 1})
    placement["replicaScheduling"]["weightPreference"]["dynamicWeight"] = "AvailableReplicas"
    assert problems(propagation_policy(placement=placement)) == [
        warning(WEIGHTS, "Ignored because dynamicWeight is set.")
    ]


def test_equal_priority_policies_selecting_the_same_template_conflict():
    other = propagation_policy("another")
    (found,) = problems(propagation_policy(), others=[other], templates=[deployment()])
    assert found.field_path == "spec.priority"
    assert "'another' has the same priority (0) and selects Deployment web" in found.message
    assert "Karmada picks 'another'" in found.message


def test_equal_priority_conflict_is_found_from_selectors_without_templates():
    (found,) = problems(propagation_policy(), others=[propagation_policy("another")])
    assert found.field_path == "spec.priority"


def test_different_priority_is_no_conflict():
    other = propagation_policy("another", priority=5)
    assert problems(propagation_policy(), others=[other], templates=[deployment()]) == []


def test_policy_in_another_namespace_is_no_conflict():
    other = propagation_policy("another")
    other["metadata"]["namespace"] = "payments"
    assert problems(propagation_policy(), others=[other]) == []


# Override policies


def override_problems(policy, templates=None):
    return validate_override_policy(policy, clusters=CLUSTERS, templates=templates)


def test_valid_override_policy_has_no_problems():
    assert override_problems(region_image_override(), templates=[deployment()]) == []


def test_override_schema_enum_at_its_path():
    policy = region_image_override()
    policy["spec"]["overrideRules"][0]["overriders"]["imageOverrider"][0]["component"] = "Host"
    (found,) = override_problems(policy)
    assert found.field_path == "spec.overrideRules[0].overriders.imageOverrider[0].component"


def test_override_admission_selector_namespace_must_be_the_policy_namespace():
    policy = region_image_override()
    policy["spec"]["resourceSelectors"][0]["namespace"] = "payments"
    (found,) = override_problems(policy)
    assert found.field_path == "spec.resourceSelectors[0].namespace"


def test_override_admission_rules_and_legacy_target_are_exclusive():
    policy = region_image_override()
    policy["spec"]["targetCluster"] = {"clusterNames": ["member1"]}
    assert "spec.targetCluster" in paths(override_problems(policy))


def test_override_target_cluster_that_does_not_exist():
    policy = region_image_override()
    policy["spec"]["overrideRules"][0]["targetCluster"] = {"clusterNames": ["member9"]}
    assert warning(
        "spec.overrideRules[0].targetCluster.clusterNames[0]", "No cluster named 'member9'."
    ) in override_problems(policy)


def test_override_target_that_selects_no_cluster():
    found = override_problems(region_image_override(region="ap"))
    assert found == [
        warning("spec.overrideRules[0].targetCluster", "Selects none of the 2 clusters.")
    ]


def test_override_selector_that_matches_nothing():
    found = override_problems(region_image_override(), templates=[])
    assert paths(found) == ["spec.resourceSelectors[0]"]
