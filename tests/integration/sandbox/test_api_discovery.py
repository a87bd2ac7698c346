"""Discovery and OpenAPI documents, as kubectl and client-go read them."""

from __future__ import annotations

AGGREGATED = (
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"
)


def _resource(api, group_version: str, name: str) -> dict:
    path = "/api/v1" if group_version == "v1" else f"/apis/{group_version}"
    resources = api.get(path).json()["resources"]
    return next(r for r in resources if r["name"] == name)


def test_version_is_kubernetes_132(api):
    body = api.get("/version").json()
    assert body["major"] == "1" and body["minor"] == "32"
    assert body["gitVersion"].startswith("v1.32")


def test_core_api_versions(api):
    body = api.get("/api").json()
    assert body["kind"] == "APIVersions"
    assert body["versions"] == ["v1"]


def test_aggregated_accept_gets_the_plain_group_list(api):
    response = api.get("/apis", headers={"Accept": AGGREGATED})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["kind"] == "APIGroupList"
    names = {g["name"] for g in body["groups"]}
    assert {"apps", "policy.karmada.io", "work.karmada.io", "cluster.karmada.io"} <= names


def test_work_group_prefers_v1alpha2_bindings(api):
    assert (
        _resource(api, "work.karmada.io/v1alpha2", "resourcebindings")["kind"] == "ResourceBinding"
    )


def test_short_names_and_categories(api):
    pp = _resource(api, "policy.karmada.io/v1alpha1", "propagationpolicies")
    assert pp["shortNames"] == ["pp"]
    assert pp["categories"] == ["karmada-io"]
    assert pp["namespaced"] is True
    assert "watch" in pp["verbs"]
    assert _resource(api, "policy.karmada.io/v1alpha1", "overridepolicies")["shortNames"] == ["op"]
    assert _resource(api, "work.karmada.io/v1alpha2", "resourcebindings")["shortNames"] == ["rb"]
    cpp = _resource(api, "policy.karmada.io/v1alpha1", "clusterpropagationpolicies")
    assert cpp["shortNames"] == ["cpp"] and cpp["namespaced"] is False
    assert _resource(api, "work.karmada.io/v1alpha1", "works")["shortNames"] == ["wk"]


def test_subresources_are_listed(api):
    names = {r["name"] for r in api.get("/apis/apps/v1").json()["resources"]}
    assert {"deployments/status", "deployments/scale", "statefulsets/scale"} <= names
    clusters = {r["name"] for r in api.get("/apis/cluster.karmada.io/v1alpha1").json()["resources"]}
    assert {"clusters", "clusters/status", "clusters/proxy"} <= clusters
    scale = _resource(api, "apps/v1", "deployments/scale")
    assert (scale["group"], scale["version"], scale["kind"]) == ("autoscaling", "v1", "Scale")


def test_operator_karmada_kind_is_namespaced(api):
    karmada = _resource(api, "operator.karmada.io/v1alpha1", "karmadas")
    assert karmada["kind"] == "Karmada" and karmada["namespaced"] is True


def test_unknown_group_version_is_404(api):
    assert api.get("/apis/nothing.example.com/v1").status_code == 404
    assert api.get("/apis/apps/v9/deployments").status_code == 404


def test_openapi_v3_index_points_at_group_documents(api):
    paths = api.get("/openapi/v3").json()["paths"]
    assert paths["apis/apps/v1"]["serverRelativeURL"].startswith("/openapi/v3/apis/apps/v1?hash=")
    assert "api/v1" in paths and "apis/policy.karmada.io/v1alpha1" in paths


def test_openapi_document_declares_gvk_and_field_validation(api):
    url = api.get("/openapi/v3").json()["paths"]["apis/apps/v1"]["serverRelativeURL"]
    doc = api.get(url).json()
    item = doc["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]
    patch = item["patch"]
    assert patch["x-kubernetes-group-version-kind"] == {
        "group": "apps",
        "version": "v1",
        "kind": "Deployment",
    }
    assert "fieldValidation" in {p["name"] for p in patch["parameters"]}
    schemas = doc["components"]["schemas"].values()
    assert any(s["x-kubernetes-group-version-kind"][0]["kind"] == "Deployment" for s in schemas)


def test_openapi_v2_is_a_bare_document(api):
    assert api.get("/openapi/v2").json() == {
        "swagger": "2.0",
        "info": {"title": "Kubernetes", "version": "v1.32.4"},
        "paths": {},
    }
    response = api.get(
        "/openapi/v2",
        headers={"Accept": "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"},
    )
    assert response.headers["Content-Type"].endswith("+protobuf")
    # swagger = "2.0" (field 1), info (field 2), empty paths (field 8)
    assert response.content.startswith(b"\x0a\x032.0\x12")
    assert response.content.endswith(b"\x42\x00")


def test_openapi_components_carry_the_real_schemas(api):
    url = api.get("/openapi/v3").json()["paths"]["apis/apps/v1"]["serverRelativeURL"]
    schemas = api.get(url).json()["components"]["schemas"]
    spec = schemas["io.k8s.api.apps.v1.DeploymentSpec"]
    assert spec["properties"]["replicas"]["type"] == "integer"
    assert spec["properties"]["template"]["$ref"] == (
        "#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec"
    )
    tagged = [s for s in schemas.values() if "x-kubernetes-group-version-kind" in s]
    assert {t["x-kubernetes-group-version-kind"][0]["kind"] for t in tagged} >= {"Deployment"}


def test_openapi_crd_schema_is_served(api):
    url = api.get("/openapi/v3").json()["paths"]["apis/policy.karmada.io/v1alpha1"]
    doc = api.get(url["serverRelativeURL"]).json()
    policy = doc["components"]["schemas"]["policy.karmada.io.v1alpha1.PropagationPolicy"]
    scheduling = policy["properties"]["spec"]["properties"]["placement"]["properties"]
    assert scheduling["replicaScheduling"]["properties"]["replicaSchedulingType"]["enum"] == [
        "Duplicated",
        "Divided",
    ]
