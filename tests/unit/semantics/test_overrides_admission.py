"""OverridePolicy / ClusterOverridePolicy admission with Karmada's webhook messages."""

from karmada_semantics.overrides import apply_overrides, validate_override_policy

QNAME_RULE = (
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
)


def op(spec, namespace="default"):
    return {
        "kind": "OverridePolicy",
        "metadata": {"name": "p", "namespace": namespace},
        "spec": spec,
    }


def cop(spec):
    return {"kind": "ClusterOverridePolicy", "metadata": {"name": "c"}, "spec": spec}


def field_rule(field_overrider):
    return {"overrideRules": [{"overriders": {"fieldOverrider": [field_overrider]}}]}


def test_valid_policy_is_admitted():
    spec = {
        "overrideRules": [{"overriders": {"plaintext": [{"path": "/a", "operator": "remove"}]}}]
    }
    assert validate_override_policy(op(spec)) is None


def test_legacy_target_cluster_cannot_coexist_with_override_rules():
    spec = {"targetCluster": {"clusterNames": ["m1"]}, "overrideRules": [{"overriders": {}}]}
    assert validate_override_policy(cop(spec)) == (
        'spec.targetCluster: Invalid value: {"clusterNames":["m1"]}: '
        "overrideRules and targetCluster can't co-exist"
    )


def test_legacy_overriders_cannot_coexist_with_override_rules():
    spec = {
        "overriders": {"labelsOverrider": [{"operator": "add", "value": {"a": "b"}}]},
        "overrideRules": [],
    }
    assert validate_override_policy(cop(spec)) == (
        "spec.overriders: Invalid value: "
        '{"labelsOverrider":[{"operator":"add","value":{"a":"b"}}]}: '
        "overrideRules and overriders can't co-exist"
    )


def test_legacy_field_overrider_alone_is_not_seen_as_coexisting():
    spec = {"overriders": {"fieldOverrider": [{"fieldPath": "/data/x"}]}, "overrideRules": []}
    assert validate_override_policy(cop(spec)) is None


def test_invalid_label_key_is_denied():
    spec = {
        "overrideRules": [
            {"overriders": {"labelsOverrider": [{"operator": "add", "value": {"a~b": "v"}}]}}
        ]
    }
    assert validate_override_policy(op(spec)) == (
        "spec.overrideRules[0].overriders.labelsOverrider[0].value: "
        f'Invalid value: "a~b": {QNAME_RULE}'
    )


def test_field_overrider_with_both_json_and_yaml_is_denied():
    both = {
        "fieldPath": "/data/c",
        "json": [{"subPath": "/a", "operator": "remove"}],
        "yaml": [{"subPath": "/a", "operator": "remove"}],
    }
    message = validate_override_policy(op(field_rule(both)))
    assert message.endswith("FieldOverrider has both YAML and JSON set. Only one is allowed")
    assert message.startswith(
        "spec.overrideRules[0].overriders.fieldOverrider[0]: Invalid value: {"
    )


def test_add_without_a_value_is_denied():
    message = validate_override_policy(
        op(field_rule({"fieldPath": "/data/c", "json": [{"subPath": "/a", "operator": "add"}]}))
    )
    assert message == (
        "spec.overrideRules[0].overriders.fieldOverrider[0].json[0].value: Invalid value: null: "
        "value is required for add or replace operation"
    )


def test_remove_with_a_value_is_denied():
    yaml_entry = {"subPath": "/a", "operator": "remove", "value": {"db": "new"}}
    message = validate_override_policy(
        op(field_rule({"fieldPath": "/data/c", "yaml": [yaml_entry]}))
    )
    assert message == (
        "spec.overrideRules[0].overriders.fieldOverrider[0].yaml[0].value: "
        'Invalid value: {"db":"new"}: '
        "value is not allowed for remove operation"
    )


def test_field_path_must_be_a_json_pointer():
    message = validate_override_policy(
        op(field_rule({"fieldPath": "data", "json": [{"subPath": "/a", "operator": "remove"}]}))
    )
    assert message.startswith(
        'spec.overrideRules[0].overriders.fieldOverrider[0].fieldPath: Invalid value: "data": '
        'JSON pointer must be empty or start with a "/"'
    )


def test_target_cluster_field_selector_key_must_be_known():
    spec = {
        "overrideRules": [
            {
                "targetCluster": {
                    "fieldSelector": {
                        "matchExpressions": [{"key": "os", "operator": "In", "values": ["x"]}]
                    }
                },
                "overriders": {},
            }
        ]
    }
    assert validate_override_policy(cop(spec)) == (
        "spec.overrideRules[0].targetCluster.fieldSelector: Invalid value: "
        '{"matchExpressions":[{"key":"os","operator":"In","values":["x"]}]}: '
        'unsupported key "os", must be provider, region, or zone'
    )


def test_override_policy_selector_of_another_namespace_is_denied():
    spec = {"resourceSelectors": [{"apiVersion": "v1", "kind": "ConfigMap", "namespace": "other"}]}
    assert validate_override_policy(op(spec)) == (
        'spec.resourceSelectors[0].namespace: Invalid value: "other": '
        "namespace of resource selector must be equal to the namespace of the policy"
    )


def test_selector_without_namespace_gets_the_policy_namespace():
    spec = {"resourceSelectors": [{"apiVersion": "v1", "kind": "ConfigMap"}]}
    assert validate_override_policy(op(spec)) is None


def test_several_problems_are_aggregated_in_brackets():
    spec = {
        "overrideRules": [
            {
                "overriders": {
                    "labelsOverrider": [{"operator": "add", "value": {"a~b": "v", "c~d": "v"}}]
                }
            }
        ]
    }
    message = validate_override_policy(op(spec))
    assert message.startswith("[spec.overrideRules[0]") and message.endswith("]")
    assert message.count("Invalid value") == 2


def test_denied_policy_stops_everything():
    bad = {
        "metadata": {"name": "bad", "namespace": "default"},
        "spec": {"targetCluster": {}, "overrideRules": []},
    }
    resource = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "c", "namespace": "default"},
    }
    result = apply_overrides(resource, {"metadata": {"name": "m1"}}, [bad], [])
    assert result.admission_denied.startswith("validating webhook denied: spec.targetCluster")
    assert result.to_expected() == {
        "admissionDenied": result.admission_denied,
        "appliedClusterOverrides": [],
        "appliedOverrides": [],
    }
