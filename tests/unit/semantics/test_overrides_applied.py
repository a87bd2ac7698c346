"""The applied-overrides record and the result shape Karmada's Work carries."""

from karmada_semantics.overrides import apply_overrides
from karmada_semantics.overrides.applied import encode_shadow

CLUSTER = {"metadata": {"name": "member1"}}
RESOURCE = {
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "metadata": {"name": "c", "namespace": "default"},
}


def test_shadow_follows_go_field_order_and_omits_empty_fields():
    overriders = {
        "labelsOverrider": [{"value": {"b": "2", "a": "1"}, "operator": "add"}],
        "plaintext": [{"operator": "remove", "path": "/a"}],
        "imageOverrider": [{"operator": "remove", "component": "Tag", "value": ""}],
        "commandOverrider": [{"containerName": "app", "operator": "add", "value": []}],
    }
    assert encode_shadow("p", overriders) == (
        '{"policyName":"p","overriders":{'
        '"plaintext":[{"path":"/a","operator":"remove","value":null}],'
        '"imageOverrider":[{"component":"Tag","operator":"remove"}],'
        '"commandOverrider":[{"containerName":"app","operator":"add"}],'
        '"labelsOverrider":[{"operator":"add","value":{"a":"1","b":"2"}}]}}'
    )


def test_raw_values_keep_their_key_order_and_html_is_escaped():
    overriders = {
        "plaintext": [{"path": "/x", "operator": "add", "value": {"z": "<a&b>", "a": 1.5}}]
    }
    assert encode_shadow("p", overriders) == (
        '{"policyName":"p","overriders":{"plaintext":[{"path":"/x","operator":"add",'
        '"value":{"z":"\\u003ca\\u0026b\\u003e","a":1.5}}]}}'
    )


def test_no_annotation_is_written_when_nothing_applied():
    result = apply_overrides(RESOURCE, CLUSTER, [], [])
    assert result.to_expected() == {
        "manifest": RESOURCE,
        "appliedClusterOverrides": [],
        "appliedOverrides": [],
    }


def test_failed_application_reports_only_the_error():
    policy = {
        "metadata": {"name": "p", "namespace": "default"},
        "spec": {
            "overrideRules": [
                {"overriders": {"plaintext": [{"path": "/data/x", "operator": "remove"}]}}
            ]
        },
    }
    expected = apply_overrides(RESOURCE, CLUSTER, [policy], []).to_expected()
    assert expected == {
        "error": 'remove operation does not apply: doc is missing path: "/data/x": missing value',
        "appliedClusterOverrides": [],
        "appliedOverrides": [],
    }
