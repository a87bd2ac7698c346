"""fieldOverrider: JSON and YAML documents held in a string field."""

from karmada_semantics.overrides import apply_overrides

CLUSTER = {"metadata": {"name": "member1"}}


def configmap(text, key="doc"):
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "c", "namespace": "default"},
        "data": {key: text},
    }


def apply(resource, field_overrider):
    policy = {
        "metadata": {"name": "p", "namespace": "default"},
        "spec": {"overrideRules": [{"overriders": {"fieldOverrider": [field_overrider]}}]},
    }
    return apply_overrides(resource, CLUSTER, [policy], [])


def entry(operator, sub_path, value=None):
    item = {"subPath": sub_path, "operator": operator}
    if value is not None:
        item["value"] = value
    return item


def test_json_result_is_compact_with_original_key_order_and_number_text():
    text = '{"z": 1.50, "a": {"keep": 1e3}, "list": [1]}'
    result = apply(
        configmap(text),
        {"fieldPath": "/data/doc", "json": [entry("add", "/list/-", 2), entry("add", "/b", "<x>")]},
    )
    assert (
        result.manifest["data"]["doc"]
        == '{"z":1.50,"a":{"keep":1e3},"list":[1,2],"b":"\\u003cx\\u003e"}'
    )


def test_json_overrider_on_text_that_is_not_json_fails():
    result = apply(
        configmap("this is: not json"), {"fieldPath": "/data/doc", "json": [entry("add", "/a", 1)]}
    )
    assert result.error == "invalid state detected"


def test_json_overrider_on_an_empty_field_leaves_it_empty():
    result = apply(configmap(""), {"fieldPath": "/data/doc", "json": [entry("add", "/a", 1)]})
    assert result.manifest["data"]["doc"] == ""


def test_yaml_result_has_sorted_keys_and_quotes_ambiguous_strings():
    text = "server:\n  port: 80\nname: svc\nflag: 'yes'\n"
    result = apply(
        configmap(text),
        {"fieldPath": "/data/doc", "yaml": [entry("replace", "/server/port", 8080)]},
    )
    assert result.manifest["data"]["doc"] == 'flag: "yes"\nname: svc\nserver:\n  port: 8080\n'


def test_yaml_keys_sort_naturally_with_digit_runs_by_value():
    result = apply(
        configmap("k10: 1\nk2: 2\nk1: 3\n"),
        {"fieldPath": "/data/doc", "yaml": [entry("add", "/a", True)]},
    )
    assert result.manifest["data"]["doc"] == "a: true\nk1: 3\nk2: 2\nk10: 1\n"


def test_yaml_reads_yes_as_a_boolean_like_go_yaml():
    result = apply(
        configmap("enabled: yes\n"), {"fieldPath": "/data/doc", "yaml": [entry("add", "/x", 1)]}
    )
    assert result.manifest["data"]["doc"] == "enabled: true\nx: 1\n"


def test_yaml_lists_are_not_indented_under_their_key():
    result = apply(
        configmap("hosts: [a]\n"),
        {"fieldPath": "/data/doc", "yaml": [entry("add", "/hosts/-", "b")]},
    )
    assert result.manifest["data"]["doc"] == "hosts:\n- a\n- b\n"


def test_yaml_remove_of_a_missing_sub_path_fails():
    result = apply(configmap("a: 1\n"), {"fieldPath": "/data/doc", "yaml": [entry("remove", "/b")]})
    assert (
        result.error
        == "error in remove for path: '/b': unable to remove nonexistent key: b: missing value"
    )


def test_field_path_to_a_missing_key_fails_with_the_pointer_error():
    result = apply(configmap("{}"), {"fieldPath": "/data/other", "json": [entry("add", "/a", 1)]})
    assert result.error == 'object has no key "other": JSON pointer error'


def test_field_path_to_a_non_string_fails():
    result = apply(configmap("{}"), {"fieldPath": "/metadata", "json": [entry("add", "/a", 1)]})
    assert result.error == "Get object's value by overrider's path(/metadata) is not string"


def test_several_field_overriders_patch_their_keys_independently():
    resource = configmap('{"a": 1}')
    resource["data"]["other"] = "b: 2\n"
    policy = {
        "metadata": {"name": "p", "namespace": "default"},
        "spec": {
            "overrideRules": [
                {
                    "overriders": {
                        "fieldOverrider": [
                            {"fieldPath": "/data/doc", "json": [entry("replace", "/a", 2)]},
                            {"fieldPath": "/data/other", "yaml": [entry("replace", "/b", 3)]},
                        ]
                    }
                }
            ]
        },
    }
    result = apply_overrides(resource, CLUSTER, [policy], [])
    assert result.manifest["data"] == {"doc": '{"a":2}', "other": "b: 3\n"}


def test_field_overrider_without_json_or_yaml_empties_the_field():
    result = apply(configmap('{"a": 1}'), {"fieldPath": "/data/doc"})
    assert result.manifest["data"]["doc"] == ""


def test_yaml_explicit_string_tag_stays_a_string():
    result = apply(
        configmap("a: !!str 5\n"), {"fieldPath": "/data/doc", "yaml": [entry("add", "/b", 1)]}
    )
    assert result.manifest["data"]["doc"] == 'a: "5"\nb: 1\n'


def test_yaml_dates_stay_strings_and_are_quoted():
    result = apply(
        configmap("day: 2024-01-31\n"), {"fieldPath": "/data/doc", "yaml": [entry("add", "/b", 1)]}
    )
    assert result.manifest["data"]["doc"] == 'b: 1\nday: "2024-01-31"\n'


def test_yaml_multiline_strings_become_literal_blocks():
    result = apply(
        configmap("a: 1\n"), {"fieldPath": "/data/doc", "yaml": [entry("add", "/s", "x\ny\n")]}
    )
    assert result.manifest["data"]["doc"] == "a: 1\ns: |\n  x\n  y\n"


def test_json_string_values_keep_their_escapes_as_written():
    text = r'{"a": "caf\u00e9 \/ x", "b": "<"}'
    result = apply(configmap(text), {"fieldPath": "/data/doc", "json": [entry("add", "/c", 1)]})
    assert result.manifest["data"]["doc"] == r'{"a":"caf\u00e9 \/ x","b":"\u003c","c":1}'
