"""Schema validation: Karmada CRD schemas, built-in kinds, strict field validation, defaults."""

from __future__ import annotations

import copy

DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments"
POLICIES = "/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies"
CLUSTERS = "/apis/cluster.karmada.io/v1alpha1/clusters"


def _invalid(response) -> tuple[str, list[str]]:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["reason"] == "Invalid"
    return body["message"], [c["field"] for c in body["details"]["causes"]]


def test_unsupported_enum_value_names_the_field(api, make_policy):
    policy = make_policy(
        "val-enum", placement={"replicaScheduling": {"replicaSchedulingType": "Foo"}}
    )
    message, fields = _invalid(api.post(POLICIES, policy))
    assert message == (
        'PropagationPolicy.policy.karmada.io "val-enum" is invalid: '
        "spec.placement.replicaScheduling.replicaSchedulingType: "
        'Unsupported value: "Foo": supported values: "Duplicated", "Divided"'
    )
    assert fields == ["spec.placement.replicaScheduling.replicaSchedulingType"]


def test_missing_required_field(api, make_policy):
    policy = make_policy("val-required")
    del policy["spec"]["resourceSelectors"]
    message, fields = _invalid(api.post(POLICIES, policy))
    assert fields == ["spec.resourceSelectors"]
    assert "spec.resourceSelectors: Required value" in message


def test_wrong_type_in_builtin_kind(api, make_deployment):
    manifest = make_deployment("val-type")
    manifest["spec"]["replicas"] = "two"
    message, fields = _invalid(api.post(DEPLOYMENTS, manifest))
    assert fields == ["spec.replicas"]
    assert "must be of type integer" in message


def test_builtin_required_field(api, make_deployment):
    manifest = make_deployment("val-selector")
    del manifest["spec"]["selector"]
    _, fields = _invalid(api.post(DEPLOYMENTS, manifest))
    assert fields == ["spec.selector"]


def test_strict_rejects_unknown_fields(api, make_deployment):
    manifest = make_deployment("val-strict")
    manifest["spec"]["template"]["spec"]["containers"][0]["imagePullPolicyy"] = "Always"
    response = api.post(DEPLOYMENTS, manifest, params={"fieldValidation": "Strict"})
    message, fields = _invalid(response)
    assert fields == ["spec.template.spec.containers[0].imagePullPolicyy"]
    assert 'unknown field "spec.template.spec.containers[0].imagePullPolicyy"' in message


def test_strict_rejects_unknown_fields_in_custom_resources(api, make_policy):
    policy = make_policy("val-strict-crd", bogus=True)
    _, fields = _invalid(api.post(POLICIES, policy, params={"fieldValidation": "Strict"}))
    assert fields == ["spec.bogus"]


def test_default_validation_drops_unknown_fields_with_a_warning(api, make_policy):
    response = api.post(POLICIES, make_policy("val-warn", bogus=True))
    assert response.status_code == 201
    assert "bogus" not in response.json()["spec"]
    assert "spec.bogus" in response.headers["Warning"]


def test_ignore_validation_drops_unknown_fields_silently(api, make_policy):
    response = api.post(
        POLICIES, make_policy("val-ignore", bogus=True), params={"fieldValidation": "Ignore"}
    )
    assert response.status_code == 201
    assert "Warning" not in response.headers


def test_crd_defaults_are_applied(api, make_policy):
    created = api.post(POLICIES, make_policy("val-defaults")).json()
    assert created["spec"]["conflictResolution"] == "Abort"
    assert created["spec"]["priority"] == 0


def test_cluster_sync_mode_is_validated(api):
    cluster = {
        "apiVersion": "cluster.karmada.io/v1alpha1",
        "kind": "Cluster",
        "metadata": {"name": "val-cluster"},
        "spec": {"syncMode": "Sideways"},
    }
    _, fields = _invalid(api.post(CLUSTERS, cluster))
    assert fields == ["spec.syncMode"]


def test_invalid_name_is_rejected(api, make_deployment):
    manifest = make_deployment("Not_A_Name")
    _, fields = _invalid(api.post(DEPLOYMENTS, manifest))
    assert fields == ["metadata.name"]


def test_updates_are_validated_too(api, make_deployment):
    created = api.post(DEPLOYMENTS, make_deployment("val-update")).json()
    broken = copy.deepcopy(created)
    broken["spec"]["replicas"] = -5.5
    response = api.put(f"{DEPLOYMENTS}/val-update", broken)
    assert response.status_code == 422


def test_every_error_is_listed_in_causes(api, make_policy):
    policy = make_policy(
        "val-many",
        placement={"replicaScheduling": {"replicaSchedulingType": "Foo"}},
        conflictResolution="Maybe",
    )
    message, fields = _invalid(api.post(POLICIES, policy))
    assert set(fields) == {
        "spec.conflictResolution",
        "spec.placement.replicaScheduling.replicaSchedulingType",
    }
    assert message.count("Unsupported value") == 2


def test_mismatched_kind_is_bad_request(api, make_deployment):
    manifest = make_deployment("val-kind")
    manifest["kind"] = "StatefulSet"
    assert api.post(DEPLOYMENTS, manifest).status_code == 400


def test_cluster_api_fills_zones_and_resource_models(api):
    cluster = {
        "apiVersion": "cluster.karmada.io/v1alpha1",
        "kind": "Cluster",
        "metadata": {"name": "val-defaults"},
        "spec": {"syncMode": "Pull", "zone": "zone-a"},
    }
    spec = api.post(CLUSTERS, cluster).json()["spec"]
    assert spec["zones"] == ["zone-a"] and "zone" not in spec
    models = spec["resourceModels"]
    assert [m["grade"] for m in models] == list(range(9))
    assert models[1]["ranges"][1] == {"name": "memory", "min": "4Gi", "max": "16Gi"}


def test_metadata_shapes_are_checked(api, make_deployment):
    cases = {
        "metadata.name": {"name": 5},
        "metadata.labels": {"name": "val-labels", "labels": ["a"]},
        "metadata.labels.team": {"name": "val-label-value", "labels": {"team": 7}},
        "metadata.finalizers": {"name": "val-finalizers", "finalizers": "x"},
        "metadata.ownerReferences[0].apiVersion": {"name": "val-owner", "ownerReferences": ["x"]},
    }
    for field, meta in cases.items():
        manifest = make_deployment("val-meta")
        manifest["metadata"] = {**meta, "namespace": "default"}
        _, fields = _invalid(api.post(DEPLOYMENTS, manifest))
        assert fields[0] == field


def test_bad_label_value_is_invalid(api, make_deployment):
    manifest = make_deployment("val-label-syntax")
    manifest["metadata"]["labels"]["team"] = "has spaces"
    message, fields = _invalid(api.post(DEPLOYMENTS, manifest))
    assert fields == ["metadata.labels"]
    assert "a valid label must be" in message
