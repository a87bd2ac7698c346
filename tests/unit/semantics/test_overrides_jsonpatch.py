"""Plaintext overriders: RFC 6902 as evanphx/json-patch v5 applies it, with its error texts."""

import pytest

from karmada_semantics.overrides import apply_overrides
from karmada_semantics.overrides.jsonpatch import GoPanic, PatchError, apply_patch

CLUSTER = {"metadata": {"name": "member1"}}


def service():
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "web", "namespace": "default", "annotations": None},
        "spec": {"type": "ClusterIP", "ports": [{"port": 80}, {"port": 81}]},
    }


def plaintext(*operations):
    entries = [dict(zip(("operator", "path", "value"), op, strict=False)) for op in operations]
    policy = {
        "metadata": {"name": "p", "namespace": "default"},
        "spec": {"overrideRules": [{"overriders": {"plaintext": entries}}]},
    }
    return apply_overrides(service(), CLUSTER, [policy], [])


def test_remove_of_a_missing_key_fails_the_application():
    result = plaintext(("remove", "/spec/sessionAffinity"))
    assert result.error == (
        "error in remove for path: '/spec/sessionAffinity': "
        "unable to remove nonexistent key: sessionAffinity: missing value"
    )
    assert result.manifest is None


def test_add_below_a_missing_parent_fails():
    result = plaintext(("add", "/spec/missing/child", 1))
    assert (
        result.error
        == 'add operation does not apply: doc is missing path: "/spec/missing/child": missing value'
    )


def test_replace_of_a_missing_key_fails():
    result = plaintext(("replace", "/spec/clusterIP", "None"))
    assert (
        result.error
        == "replace operation does not apply: doc is missing key: /spec/clusterIP: missing value"
    )


def test_values_are_not_checked_against_the_schema():
    assert plaintext(("replace", "/spec/type", 3)).manifest["spec"]["type"] == 3


def test_dash_appends_to_a_list():
    ports = plaintext(("add", "/spec/ports/-", {"port": 443})).manifest["spec"]["ports"]
    assert ports == [{"port": 80}, {"port": 81}, {"port": 443}]


def test_add_at_an_index_inserts_before_it():
    ports = plaintext(("add", "/spec/ports/0", {"port": 1})).manifest["spec"]["ports"]
    assert [p["port"] for p in ports] == [1, 80, 81]


def test_negative_index_counts_from_the_end():
    ports = plaintext(("remove", "/spec/ports/-1")).manifest["spec"]["ports"]
    assert ports == [{"port": 80}]


def test_index_past_the_end_is_an_invalid_index():
    result = plaintext(("remove", "/spec/ports/5"))
    assert result.error == (
        "error in remove for path: '/spec/ports/5': "
        "Unable to access invalid index: 5: invalid index referenced"
    )


def test_escaped_slash_addresses_one_key():
    key = "service.beta.kubernetes.io/aws-load-balancer-type"
    result = plaintext(
        ("add", "/metadata/labels", {}),
        ("add", f"/metadata/labels/{key.replace('/', '~1')}", "nlb"),
    )
    assert result.manifest["metadata"]["labels"] == {key: "nlb"}


def test_a_path_through_null_is_missing():
    result = plaintext(("add", "/metadata/annotations/a", "b"))
    assert (
        result.error
        == 'add operation does not apply: doc is missing path: "/metadata/annotations/a": '
        "missing value"
    )


def test_removing_the_kind_fails_to_decode_the_object():
    result = plaintext(("remove", "/kind"))
    assert result.error.startswith('Object \'Kind\' is missing in \'{"apiVersion":"v1",')


def test_replacing_the_whole_document_with_a_scalar_changes_nothing():
    assert plaintext(("replace", "", 5)).manifest == service()


def test_unknown_operation_is_rejected_before_anything_applies():
    result = plaintext(("move", "/spec/type", None))
    assert result.error == (
        'invalid operation {"op":"move","path":"/spec/type","value":null}: '
        "failed to decode 'from': operation, missing from field: missing value"
    )


def test_root_empty_segment_walks_a_detached_copy():
    doc = {"a": {"b": 1}}
    assert apply_patch(doc, [{"op": "replace", "path": "//a/b", "value": 2}]) == {"a": {"b": 1}}


def test_patching_after_the_document_became_null_panics():
    with pytest.raises(GoPanic):
        apply_patch(
            {"a": 1}, [{"op": "replace", "path": "", "value": None}, {"op": "remove", "path": "/a"}]
        )


def test_test_operation_fails_on_a_different_value():
    with pytest.raises(PatchError, match="testing value /a failed: test failed"):
        apply_patch({"a": 1}, [{"op": "test", "path": "/a", "value": 2}])
