"""Which override policies and rules apply, and in what order (Karmada's override manager)."""

import copy
import json

from karmada_semantics.overrides import apply_overrides, matching_rules

CLUSTER = {"metadata": {"name": "member1", "labels": {"env": "prod"}}, "spec": {"region": "eu"}}


def deployment(replicas=3, labels=None):
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "default", "labels": labels or {"app": "web"}},
        "spec": {
            "replicas": replicas,
            "template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.25"}]}},
        },
    }


def replicas_rule(value, target=None):
    rule = {
        "overriders": {
            "plaintext": [{"path": "/spec/replicas", "operator": "replace", "value": value}]
        }
    }
    if target is not None:
        rule["targetCluster"] = target
    return rule


def op(name, rules, selectors=None, namespace="default"):
    spec = {"overrideRules": rules}
    if selectors is not None:
        spec["resourceSelectors"] = selectors
    return {"metadata": {"name": name, "namespace": namespace}, "spec": spec}


def cop(name, rules, selectors=None):
    spec = {"overrideRules": rules}
    if selectors is not None:
        spec["resourceSelectors"] = selectors
    return {"metadata": {"name": name}, "spec": spec}


BY_NAME = [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}]
BY_LABEL = [
    {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "labelSelector": {"matchLabels": {"app": "web"}},
    }
]
BY_KIND = [{"apiVersion": "apps/v1", "kind": "Deployment"}]


def names(entries):
    return [entry["policyName"] for entry in entries]


def test_cluster_overrides_apply_before_namespaced():
    result = apply_overrides(
        deployment(),
        CLUSTER,
        [op("aa-ns", [replicas_rule(2)], BY_NAME)],
        [cop("zz-cluster", [replicas_rule(8)], BY_NAME)],
    )
    assert result.manifest["spec"]["replicas"] == 2
    assert names(result.applied_cluster_overrides) == ["zz-cluster"]
    assert names(result.applied_overrides) == ["aa-ns"]


def test_same_priority_policies_apply_by_name_so_last_name_wins():
    policies = [
        op("b-second", [replicas_rule(6)], BY_NAME),
        op("a-first", [replicas_rule(1)], BY_NAME),
    ]
    result = apply_overrides(deployment(), CLUSTER, policies, [])
    assert names(result.applied_overrides) == ["a-first", "b-second"]
    assert result.manifest["spec"]["replicas"] == 6


def test_more_specific_policy_applies_last_whatever_its_name():
    policies = [
        op("a-by-name", [replicas_rule(1)], BY_NAME),
        op("b-by-label", [replicas_rule(2)], BY_LABEL),
        op("c-by-kind", [replicas_rule(3)], BY_KIND),
        op("d-no-selectors", [replicas_rule(4)]),
    ]
    result = apply_overrides(deployment(), CLUSTER, policies, [])
    assert names(result.applied_overrides) == [
        "c-by-kind",
        "d-no-selectors",
        "b-by-label",
        "a-by-name",
    ]
    assert result.manifest["spec"]["replicas"] == 1


def test_work_annotation_sorts_by_name_while_applied_list_keeps_application_order():
    policies = [
        op("a-by-name", [replicas_rule(1)], BY_NAME),
        op("b-by-kind", [replicas_rule(2)], BY_KIND),
    ]
    result = apply_overrides(deployment(), CLUSTER, policies, [])
    assert names(result.applied_overrides) == ["b-by-kind", "a-by-name"]
    recorded = json.loads(result.annotations["policy.karmada.io/applied-overrides"])
    assert names(recorded) == ["a-by-name", "b-by-kind"]


def test_policy_without_selectors_matches_every_resource_of_its_namespace():
    result = apply_overrides(deployment(), CLUSTER, [op("all", [replicas_rule(5)])], [])
    assert result.manifest["spec"]["replicas"] == 5


def test_resource_selector_of_another_kind_does_not_match():
    selectors = [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web"}]
    result = apply_overrides(deployment(), CLUSTER, [op("sts", [replicas_rule(9)], selectors)], [])
    assert result.manifest["spec"]["replicas"] == 3
    assert result.applied_overrides == []
    assert result.annotations == {}


def test_override_policy_of_another_namespace_is_ignored():
    result = apply_overrides(
        deployment(), CLUSTER, [op("other", [replicas_rule(9)], namespace="team-b")], []
    )
    assert result.manifest["spec"]["replicas"] == 3


def test_override_policies_never_apply_to_cluster_scoped_resources():
    namespace = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}}
    labels = {"overriders": {"labelsOverrider": [{"operator": "add", "value": {"x": "y"}}]}}
    result = apply_overrides(namespace, CLUSTER, [op("ns", [labels])], [cop("cluster", [labels])])
    assert names(result.applied_cluster_overrides) == ["cluster"]
    assert result.applied_overrides == []


def test_rule_without_target_cluster_matches_every_cluster():
    result = apply_overrides(
        deployment(), {"metadata": {"name": "anything"}}, [op("p", [replicas_rule(4)])], []
    )
    assert result.manifest["spec"]["replicas"] == 4


def test_rule_whose_target_does_not_match_is_skipped_silently():
    result = apply_overrides(
        deployment(), CLUSTER, [op("p", [replicas_rule(9, {"clusterNames": ["member9"]})])], []
    )
    assert result.manifest["spec"]["replicas"] == 3
    assert result.applied_overrides == []


def test_target_exclude_beats_cluster_names():
    rule = replicas_rule(9, {"clusterNames": ["member1"], "exclude": ["member1"]})
    result = apply_overrides(deployment(), CLUSTER, [op("p", [rule])], [])
    assert result.applied_overrides == []


def test_every_matching_rule_is_applied_in_rule_order_and_listed_once():
    rules = [
        replicas_rule(5, {"labelSelector": {"matchLabels": {"env": "prod"}}}),
        replicas_rule(6, {"clusterNames": ["member2"]}),
        replicas_rule(7, {"clusterNames": ["member1"]}),
    ]
    result = apply_overrides(deployment(), CLUSTER, [op("multi", rules)], [])
    assert names(result.applied_overrides) == ["multi", "multi"]
    assert result.manifest["spec"]["replicas"] == 7


def test_legacy_target_cluster_and_overriders_form_still_applies():
    policy = {
        "metadata": {"name": "legacy", "namespace": "default"},
        "spec": {
            "targetCluster": {"clusterNames": ["member1"]},
            "overriders": {
                "plaintext": [{"path": "/spec/replicas", "operator": "replace", "value": 1}]
            },
        },
    }
    result = apply_overrides(deployment(), CLUSTER, [policy], [])
    assert result.manifest["spec"]["replicas"] == 1


def test_policy_with_no_rules_is_still_listed_as_applied():
    policy = {"metadata": {"name": "empty", "namespace": "default"}, "spec": {}}
    result = apply_overrides(deployment(), CLUSTER, [policy], [])
    assert result.applied_overrides == [{"policyName": "empty", "overriders": {}}]


def test_overriders_of_one_rule_apply_image_before_plaintext():
    rule = {
        "overriders": {
            "plaintext": [
                {
                    "path": "/spec/template/spec/containers/0/image",
                    "operator": "replace",
                    "value": "busybox",
                }
            ],
            "imageOverrider": [{"component": "Tag", "operator": "replace", "value": "2"}],
        }
    }
    result = apply_overrides(deployment(), CLUSTER, [op("p", [rule])], [])
    assert result.manifest["spec"]["template"]["spec"]["containers"][0]["image"] == "busybox"


def test_apply_overrides_never_mutates_its_inputs():
    resource, policies = deployment(), [op("p", [replicas_rule(7)], BY_NAME)]
    before = copy.deepcopy((resource, policies))
    apply_overrides(resource, CLUSTER, policies, [])
    assert (resource, policies) == before


def test_matching_rules_lists_cluster_rules_first_with_rule_indexes():
    rules = matching_rules(
        deployment(),
        CLUSTER,
        [op("ns", [replicas_rule(1, {"clusterNames": ["member9"]}), replicas_rule(2)])],
        [cop("cl", [replicas_rule(3)])],
    )
    assert [(r.kind, r.policy_name, r.rule_index) for r in rules] == [
        ("ClusterOverridePolicy", "cl", 0),
        ("OverridePolicy", "ns", 1),
    ]


def test_legacy_cluster_zone_counts_as_its_zones():
    target = {
        "fieldSelector": {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["z1"]}]}
    }
    cluster = {"metadata": {"name": "m1"}, "spec": {"zone": "z1"}}
    result = apply_overrides(deployment(), cluster, [op("p", [replicas_rule(2, target)])], [])
    assert result.manifest["spec"]["replicas"] == 2
