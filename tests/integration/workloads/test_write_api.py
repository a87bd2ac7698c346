"""REST writes of templates and policies: 202 with the operation, 400 / 403 / 404 / 409 bodies."""

import copy

import pytest
import yaml
from django.core.management import call_command

from clusters.karmada import client_for
from kairship_ui.models import Operation, Outcome
from karmada_sandbox.seed.builders import config_map, deployment
from tests.integration.workloads.test_policy_write import weighted_policy
from tests.integration.workloads.test_workload_write import fresh_config, run
from workloads.models import Policy, Workload

pytestmark = pytest.mark.django_db


def queued(response) -> Operation:
    assert response.status_code == 202, response.json()
    body = response.json()
    assert body["state"] == Outcome.PENDING
    assert body["links"]["operation"].endswith(f"/api/operations/{body['id']}/")
    return Operation.objects.get(pk=body["id"])


def test_post_a_manifest_creates_the_workload(api, demo, alice):
    manifest = deployment("api-web", "shop", 1, "nginx:1.27", "100m", "64Mi")
    response = api(alice).post(
        "/api/workloads/", {"instance": demo.name, "manifest": manifest}, format="json"
    )
    operation = run(queued(response))
    assert (operation.verb, operation.state) == ("workload.create", Outcome.SUCCEEDED)
    row = Workload.objects.get(instance=demo, kind="Deployment", name="api-web")
    assert api(alice).get(f"/api/workloads/{row.pk}/").json()["name"] == "api-web"
    assert api(alice).get(f"/api/operations/{operation.pk}/").json()["state"] == "succeeded"


def test_post_yaml_problems_come_back_with_lines(api, demo, alice):
    text = yaml.safe_dump(
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "yaml-config", "namespace": "shop"},
            "data": {"a": 1},
        },
        sort_keys=False,
    )
    response = api(alice).post(
        "/api/workloads/", {"instance": demo.name, "yaml": text}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["data.a"] == ["Must be a string."]
    assert {"field": "data.a", "message": "Must be a string.", "line": 7} in body["problems"]


def test_broken_yaml_is_a_problem_of_the_yaml_field(api, demo, alice):
    response = api(alice).post(
        "/api/workloads/", {"instance": demo.name, "yaml": "kind: [oops"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == ["yaml"] and body["errors"]["yaml"][0].startswith("Invalid YAML")
    assert body["problems"][0]["line"] == 2  # where the flow sequence should have closed


def test_policy_problems_are_at_their_fields(api, demo, alice):
    draft = copy.deepcopy(weighted_policy("storefront"))
    draft["spec"]["placement"]["replicaScheduling"]["replicaSchedulingType"] = "Sometimes"
    response = api(alice).post(
        "/api/policies/", {"instance": demo.name, "manifest": draft}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["spec.placement.replicaScheduling.replicaSchedulingType"]


def test_kinds_go_to_their_own_endpoint(api, demo, alice):
    response = api(alice).post(
        "/api/workloads/",
        {"instance": demo.name, "manifest": weighted_policy("storefront")},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["kind"] == [
        "PropagationPolicy objects are written through /api/policies/."
    ]


def test_unknown_or_invisible_instance_is_a_field_error(api, demo, carol, olga):
    body = {"instance": "nope", "manifest": config_map("x", "payments", {})}
    response = api(carol).post("/api/workloads/", body, format="json")
    assert response.status_code == 400 and "instance" in response.json()["errors"]


def test_viewer_gets_403_and_stranger_404(api, demo, bob, carol):
    storefront = Workload.objects.get(instance=demo, kind="Deployment", name="storefront")
    body = {"manifest": {"spec": {"replicas": 1}}, "resource_version": storefront.resource_version}
    response = api(bob).patch(f"/api/workloads/{storefront.pk}/", body, format="json")
    assert response.status_code == 403 and "not change it" in response.json()["detail"]
    assert api(carol).patch(
        f"/api/workloads/{storefront.pk}/", body, format="json"
    ).status_code == (404)
    assert api(carol).delete(f"/api/workloads/{storefront.pk}/").status_code == 404
    assert api(bob).delete(f"/api/workloads/{storefront.pk}/").status_code == 403
    response = api(bob).post(
        "/api/workloads/",
        {"instance": demo.name, "manifest": config_map("b", "shop", {})},
        format="json",
    )
    assert response.status_code == 403
    assert not Operation.objects.filter(verb__startswith="workload").exists()


def test_put_needs_the_resource_version(api, demo, alice):
    row = fresh_config(demo, "api-put-config")
    response = api(alice).put(
        f"/api/workloads/{row.pk}/", {"manifest": {"data": {"a": "b"}}}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["resource_version"] == ["This field is required."]


def test_put_replaces_and_patch_merges(api, demo, alice):
    row = fresh_config(demo, "api-edit-config")
    manifest = {"metadata": {"labels": {"team": "web"}}, "data": {"THEME": "winter"}}
    body = {"manifest": manifest, "resource_version": row.resource_version}
    operation = run(queued(api(alice).put(f"/api/workloads/{row.pk}/", body, format="json")))
    assert operation.state == Outcome.SUCCEEDED, operation.message
    row.refresh_from_db()
    assert row.raw["data"] == {"THEME": "winter"}
    patch = {"manifest": {"data": {"SIZE": "xl"}}, "resource_version": row.resource_version}
    operation = run(queued(api(alice).patch(f"/api/workloads/{row.pk}/", patch, format="json")))
    assert operation.state == Outcome.SUCCEEDED, operation.message
    row.refresh_from_db()
    assert row.raw["data"] == {"THEME": "winter", "SIZE": "xl"}
    assert row.raw["metadata"]["labels"]["team"] == "web"


def test_renaming_through_put_is_refused(api, demo, alice):
    row = fresh_config(demo, "api-rename-config")
    body = {
        "manifest": {"metadata": {"name": "other"}, "data": {}},
        "resource_version": row.resource_version,
    }
    response = api(alice).put(f"/api/workloads/{row.pk}/", body, format="json")
    assert response.status_code == 400
    assert "create a new object" in response.json()["errors"]["metadata.name"][0]


def test_stale_put_is_409_with_current_and_diff(api, demo, alice):
    row = fresh_config(demo, "api-stale-config")
    body = {"manifest": {"data": {"THEME": "spring"}}, "resource_version": "1"}
    response = api(alice).put(f"/api/workloads/{row.pk}/", body, format="json")
    assert response.status_code == 409
    stale = response.json()
    assert "since you opened it" in stale["detail"]
    assert stale["resource_version"] == row.resource_version
    assert stale["current"]["data"] == {"THEME": "autumn"}
    assert {"path": "data.THEME", "before": "autumn", "after": "spring"} in stale["diff"]


def test_karmada_conflict_shows_on_the_operation(api, demo, alice):
    row = fresh_config(demo, "api-raced-config")
    body = {"manifest": {"data": {"THEME": "spring"}}, "resource_version": row.resource_version}
    operation = queued(api(alice).put(f"/api/workloads/{row.pk}/", body, format="json"))
    with client_for(demo) as client:
        client.patch_resource("v1", "ConfigMap", "shop", row.name, {"data": {"THEME": "neon"}})
    assert run(operation).state == Outcome.FAILED
    shown = api(alice).get(f"/api/operations/{operation.pk}/").json()
    assert shown["state"] == "failed" and "changed in Karmada" in shown["message"]


def test_post_existing_name_is_409_at_the_name(api, demo, alice):
    body = {"instance": demo.name, "manifest": config_map("storefront-config", "shop", {})}
    response = api(alice).post("/api/workloads/", body, format="json")
    assert response.status_code == 409 and "metadata.name" in response.json()


def test_delete_answers_202_with_the_operation(api, demo, alice):
    row = fresh_config(demo, "api-delete-config")
    response = api(alice).delete(f"/api/workloads/{row.pk}/")
    operation = queued(response)
    assert response.json()["links"]["object"].endswith(f"/api/workloads/{row.pk}/")
    assert (operation.verb, run(operation).state) == ("workload.delete", Outcome.SUCCEEDED)
    assert api(alice).get(f"/api/workloads/{row.pk}/").status_code == 404


def test_cluster_policy_post_is_refused_for_tenants(api, demo, alice):
    draft = {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "ClusterOverridePolicy",
        "metadata": {"name": "all-of-them"},
        "spec": {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}]},
    }
    response = api(alice).post(
        "/api/policies/", {"instance": demo.name, "manifest": draft}, format="json"
    )
    assert response.status_code == 403


def test_policy_put_round_trip(api, demo, sandbox, alice):
    cart = Policy.objects.get(instance=demo, kind="PropagationPolicy", name="cart")
    spec = {**cart.raw["spec"], "placement": {"clusterAffinity": {"clusterNames": ["aws-us-east"]}}}
    body = {"manifest": {"spec": spec}, "resource_version": cart.resource_version}
    operation = run(queued(api(alice).put(f"/api/policies/{cart.pk}/", body, format="json")))
    assert (operation.verb, operation.state) == ("policy.update", Outcome.SUCCEEDED)
    cart.refresh_from_db()
    assert cart.spec["placement"] == {"clusterAffinity": {"clusterNames": ["aws-us-east"]}}


def test_schema_builds_without_warnings(tmp_path):
    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    paths = yaml.safe_load((tmp_path / "schema.yaml").read_text())["paths"]
    assert {"post", "get"} <= set(paths["/api/workloads/"])
    assert {"put", "patch", "delete"} <= set(paths["/api/policies/{id}/"])
    assert "post" in paths["/api/preview/policy/"]
    assert "post" in paths["/api/preview/override-policy/"]
    # The list filters are documented for automation.
    for path, filters in {
        "/api/workloads/": {"q", "instance", "namespace", "kind", "policy", "state", "sort"},
        "/api/policies/": {"instance", "kind"},
        "/api/resource-bindings/": {"instance"},
        "/api/member-clusters/": {"instance", "provider", "region", "state", "label"},
    }.items():
        documented = {p["name"] for p in paths[path]["get"].get("parameters", [])}
        assert filters <= documented, (path, filters - documented)
