"""Errors are `Status` objects with the reason and code clients branch on."""

from __future__ import annotations

import pytest

DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments"
POLICIES = "/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies"


def _status(response, code: int, reason: str) -> dict:
    assert response.status_code == code, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert (body["kind"], body["apiVersion"], body["status"]) == ("Status", "v1", "Failure")
    assert (body["code"], body["reason"]) == (code, reason)
    return body


def test_not_found_names_the_resource(api):
    body = _status(api.get(f"{POLICIES}/missing"), 404, "NotFound")
    assert body["message"] == 'propagationpolicies.policy.karmada.io "missing" not found'
    assert body["details"] == {
        "name": "missing",
        "group": "policy.karmada.io",
        "kind": "propagationpolicies",
    }


def test_core_not_found_has_no_group_suffix(api):
    body = _status(api.get("/api/v1/namespaces/default/configmaps/nope"), 404, "NotFound")
    assert body["message"] == 'configmaps "nope" not found'


def test_already_exists(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("err-dup"))
    body = _status(api.post(DEPLOYMENTS, make_deployment("err-dup")), 409, "AlreadyExists")
    assert body["message"] == 'deployments.apps "err-dup" already exists'


def test_conflict(api, make_deployment):
    created = api.post(DEPLOYMENTS, make_deployment("err-conflict")).json()
    created["metadata"]["resourceVersion"] = "1"
    body = _status(api.put(f"{DEPLOYMENTS}/err-conflict", created), 409, "Conflict")
    assert "the object has been modified" in body["message"]


def test_invalid_lists_causes_with_fields(api, make_deployment):
    manifest = make_deployment("err-invalid")
    manifest["spec"]["replicas"] = "many"
    body = _status(api.post(DEPLOYMENTS, manifest), 422, "Invalid")
    assert body["details"]["kind"] == "Deployment"
    assert body["details"]["causes"][0]["field"] == "spec.replicas"


def test_malformed_json_is_bad_request(api):
    response = api.request(
        "POST", DEPLOYMENTS, data=b"{not json", headers={"Content-Type": "application/json"}
    )
    _status(response, 400, "BadRequest")


def test_method_not_allowed(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("err-method"))
    _status(api.post(f"{DEPLOYMENTS}/err-method", {}), 405, "MethodNotAllowed")


@pytest.mark.parametrize("path", ["/apis/nope/v1/things", "/unknown", "/apis/apps/v1/widgets"])
def test_unknown_paths_are_not_found(api, path):
    _status(api.get(path), 404, "NotFound")


def test_unknown_subresource_is_not_found(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("err-sub"))
    _status(api.get(f"{DEPLOYMENTS}/err-sub/bogus"), 404, "NotFound")


def test_namespace_mismatch_is_bad_request(api, make_deployment):
    response = api.post(DEPLOYMENTS, make_deployment("err-ns", namespace="kube-system"))
    _status(response, 400, "BadRequest")


def test_delete_precondition_failure_is_conflict(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("err-precondition"))
    options = {"preconditions": {"uid": "not-the-uid"}}
    response = api.delete(f"{DEPLOYMENTS}/err-precondition", json=options)
    _status(response, 409, "Conflict")


@pytest.mark.parametrize(
    ("method", "suffix", "body", "content_type"),
    [
        ("PATCH", "", [1, 2], "application/json-patch+json"),
        ("PATCH", "/scale", [1], "application/merge-patch+json"),
        ("DELETE", "", {"preconditions": "x"}, "application/json"),
        ("PATCH", "", {}, "text/plain"),
    ],
)
def test_malformed_requests_are_client_errors(
    api, make_deployment, method, suffix, body, content_type
):
    api.post(DEPLOYMENTS, make_deployment("err-fuzz"))
    response = api.request(
        method, f"{DEPLOYMENTS}/err-fuzz{suffix}", json=body, headers={"Content-Type": content_type}
    )
    assert 400 <= response.status_code < 500
    assert response.json()["kind"] == "Status"
