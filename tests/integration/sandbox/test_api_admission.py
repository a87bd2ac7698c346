"""karmada-webhook behaviour: policy defaults, policy rules, deletion protection, dry runs."""

from __future__ import annotations

DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments"
POLICIES = "/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies"
OVERRIDES = "/apis/policy.karmada.io/v1alpha1/namespaces/default/overridepolicies"
MERGE = "application/merge-patch+json"


def _fields(response) -> list[str]:
    assert response.status_code == 422, response.text
    return [c["field"] for c in response.json()["details"]["causes"]]


def test_policy_gets_webhook_defaults(api, make_policy):
    policy = make_policy(
        "adm-defaults", placement={"replicaScheduling": {"replicaSchedulingType": "Divided"}}
    )
    spec = api.post(POLICIES, policy).json()["spec"]
    assert spec["placement"]["replicaScheduling"]["replicaDivisionPreference"] == "Weighted"
    assert spec["schedulerName"] == "default-scheduler"


def test_list_items_are_not_rewritten(api, make_policy):
    policy = make_policy(
        "adm-lists", placement={"spreadConstraints": [{"spreadByField": "cluster"}]}
    )
    spec = api.post(POLICIES, policy).json()["spec"]
    assert spec["resourceSelectors"] == [{"apiVersion": "apps/v1", "kind": "Deployment"}]
    assert spec["placement"]["spreadConstraints"] == [{"spreadByField": "cluster"}]


def test_selector_in_another_namespace_is_rejected(api, make_policy):
    policy = make_policy("adm-ns")
    policy["spec"]["resourceSelectors"][0]["namespace"] = "elsewhere"
    assert _fields(api.post(POLICIES, policy)) == ["spec.resourceSelectors[0].namespace"]


def test_affinity_and_affinities_cannot_coexist(api, make_policy):
    policy = make_policy("adm-both")
    policy["spec"]["placement"]["clusterAffinities"] = [
        {"affinityName": "a", "clusterNames": ["m1"]}
    ]
    response = api.post(POLICIES, policy)
    assert _fields(response) == ["spec.placement"]
    assert "clusterAffinities cannot co-exist with clusterAffinity" in response.json()["message"]


def test_field_selector_keys_are_checked(api, make_policy):
    policy = make_policy("adm-field")
    policy["spec"]["placement"]["clusterAffinity"] = {
        "fieldSelector": {"matchExpressions": [{"key": "color", "operator": "In", "values": ["x"]}]}
    }
    assert _fields(api.post(POLICIES, policy)) == ["spec.placement.clusterAffinity.fieldSelector"]


def test_spread_by_region_needs_a_cluster_constraint(api, make_policy):
    policy = make_policy(
        "adm-spread", placement={"spreadConstraints": [{"spreadByField": "region", "maxGroups": 2}]}
    )
    response = api.post(POLICIES, policy)
    assert _fields(response) == ["spec.placement.spreadConstraints"]
    assert "the cluster spread constraint must be enabled" in response.json()["message"]


def test_application_failover_needs_propagate_deps(api, make_policy):
    policy = make_policy("adm-failover", failover={"application": {"decisionConditions": {}}})
    assert _fields(api.post(POLICIES, policy)) == ["spec.propagateDeps"]
    policy["spec"]["propagateDeps"] = True
    created = api.post(POLICIES, policy).json()
    application = created["spec"]["failover"]["application"]
    assert application["purgeMode"] == "Gracefully"
    assert application["gracePeriodSeconds"] == 600
    assert application["decisionConditions"]["tolerationSeconds"] == 300


def test_override_rules_and_target_cluster_cannot_coexist(api):
    override = {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "OverridePolicy",
        "metadata": {"name": "adm-op", "namespace": "default"},
        "spec": {
            "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}],
            "targetCluster": {"clusterNames": ["m1"]},
            "overrideRules": [{"overriders": {}}],
        },
    }
    assert _fields(api.post(OVERRIDES, override)) == ["spec.targetCluster"]


def test_dry_run_reports_errors_without_storing(api, make_policy):
    bad = make_policy(
        "adm-dry", placement={"spreadConstraints": [{"minGroups": 3, "maxGroups": 1}]}
    )
    assert api.post(POLICIES, bad, params={"dryRun": "All"}).status_code == 422
    good = make_policy("adm-dry")
    assert api.post(POLICIES, good, params={"dryRun": "All"}).status_code == 201
    assert api.get(f"{POLICIES}/adm-dry").status_code == 404


def test_deletion_protected_templates_cannot_be_deleted(api, make_deployment):
    manifest = make_deployment("adm-protected")
    manifest["metadata"]["labels"]["resourcetemplate.karmada.io/deletion-protected"] = "Always"
    api.post(DEPLOYMENTS, manifest)
    response = api.delete(f"{DEPLOYMENTS}/adm-protected")
    assert response.status_code == 403
    assert response.json()["reason"] == "Forbidden"
    unlabel = {"metadata": {"labels": {"resourcetemplate.karmada.io/deletion-protected": None}}}
    api.patch(f"{DEPLOYMENTS}/adm-protected", unlabel, MERGE)
    assert api.delete(f"{DEPLOYMENTS}/adm-protected").status_code == 200
