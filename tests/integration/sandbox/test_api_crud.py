"""Create, read, update and delete through the sandbox API, with Kubernetes object semantics."""

from __future__ import annotations

DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments"
POLICIES = "/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies"
CLUSTERS = "/apis/cluster.karmada.io/v1alpha1/clusters"


def test_create_fills_system_metadata(api, make_deployment):
    response = api.post(DEPLOYMENTS, make_deployment("crud-meta"))
    assert response.status_code == 201
    meta = response.json()["metadata"]
    assert meta["uid"] and meta["resourceVersion"] and meta["creationTimestamp"]
    assert meta["generation"] == 1
    assert meta["namespace"] == "default"


def test_get_returns_the_created_object(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("crud-get", replicas=3))
    response = api.get(f"{DEPLOYMENTS}/crud-get")
    assert response.status_code == 200
    assert response.json()["spec"]["replicas"] == 3


def test_create_twice_is_already_exists(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("crud-twice"))
    response = api.post(DEPLOYMENTS, make_deployment("crud-twice"))
    assert response.status_code == 409
    assert response.json()["reason"] == "AlreadyExists"


def test_generate_name_makes_a_unique_name(api, make_deployment):
    manifest = make_deployment("ignored")
    manifest["metadata"] = {"generateName": "gen-", "namespace": "default"}
    response = api.post(DEPLOYMENTS, manifest)
    assert response.status_code == 201
    assert response.json()["metadata"]["name"].startswith("gen-")


def test_create_in_missing_namespace_is_not_found(api, make_deployment):
    response = api.post(
        "/apis/apps/v1/namespaces/nowhere/deployments", make_deployment("x", namespace="nowhere")
    )
    assert response.status_code == 404
    assert 'namespaces "nowhere" not found' in response.json()["message"]


def test_update_bumps_generation_only_on_spec_change(api, make_deployment):
    created = api.post(DEPLOYMENTS, make_deployment("crud-gen")).json()
    created["metadata"]["labels"]["extra"] = "yes"
    relabeled = api.put(f"{DEPLOYMENTS}/crud-gen", created).json()
    assert relabeled["metadata"]["generation"] == 1
    relabeled["spec"]["replicas"] = 5
    rescaled = api.put(f"{DEPLOYMENTS}/crud-gen", relabeled).json()
    assert rescaled["metadata"]["generation"] == 2
    assert int(rescaled["metadata"]["resourceVersion"]) > int(
        relabeled["metadata"]["resourceVersion"]
    )


def test_update_with_stale_resource_version_conflicts(api, make_deployment):
    created = api.post(DEPLOYMENTS, make_deployment("crud-stale")).json()
    created["spec"]["replicas"] = 2
    assert api.put(f"{DEPLOYMENTS}/crud-stale", created).status_code == 200
    created["spec"]["replicas"] = 3
    response = api.put(f"{DEPLOYMENTS}/crud-stale", created)
    assert response.status_code == 409
    assert response.json()["reason"] == "Conflict"


def test_unchanged_update_keeps_resource_version(api, make_deployment):
    created = api.post(DEPLOYMENTS, make_deployment("crud-noop")).json()
    again = api.put(f"{DEPLOYMENTS}/crud-noop", created).json()
    assert again["metadata"]["resourceVersion"] == created["metadata"]["resourceVersion"]


def test_status_subresource_changes_only_status(api, make_deployment):
    created = api.post(DEPLOYMENTS, make_deployment("crud-status")).json()
    created["status"] = {"replicas": 1, "readyReplicas": 1}
    created["spec"]["replicas"] = 9
    updated = api.put(f"{DEPLOYMENTS}/crud-status/status", created).json()
    assert updated["status"]["readyReplicas"] == 1
    assert updated["spec"]["replicas"] == 1


def test_main_resource_update_keeps_status(api, make_deployment):
    created = api.post(DEPLOYMENTS, make_deployment("crud-keep")).json()
    created["status"] = {"readyReplicas": 1}
    with_status = api.put(f"{DEPLOYMENTS}/crud-keep/status", created).json()
    with_status["status"] = {"readyReplicas": 42}
    updated = api.put(f"{DEPLOYMENTS}/crud-keep", with_status).json()
    assert updated["status"] == {"readyReplicas": 1}


def test_delete_removes_the_object(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("crud-del"))
    assert api.delete(f"{DEPLOYMENTS}/crud-del").status_code == 200
    response = api.get(f"{DEPLOYMENTS}/crud-del")
    assert response.status_code == 404
    assert response.json()["reason"] == "NotFound"


def test_finalizers_hold_deletion_until_removed(api, make_deployment):
    manifest = make_deployment("crud-fin")
    manifest["metadata"]["finalizers"] = ["example.com/hold"]
    api.post(DEPLOYMENTS, manifest)
    deleting = api.delete(f"{DEPLOYMENTS}/crud-fin").json()
    assert deleting["metadata"]["deletionTimestamp"]
    assert api.get(f"{DEPLOYMENTS}/crud-fin").status_code == 200
    deleting["metadata"]["finalizers"] = []
    assert api.put(f"{DEPLOYMENTS}/crud-fin", deleting).status_code == 200
    assert api.get(f"{DEPLOYMENTS}/crud-fin").status_code == 404


def test_owner_deletion_collects_dependents(api, make_deployment):
    owner = api.post(DEPLOYMENTS, make_deployment("crud-owner")).json()
    config = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {
            "name": "crud-owned",
            "ownerReferences": [
                {
                    "apiVersion": "apps/v1",
                    "kind": "Deployment",
                    "name": "crud-owner",
                    "uid": owner["metadata"]["uid"],
                }
            ],
        },
        "data": {"a": "b"},
    }
    assert api.post("/api/v1/namespaces/default/configmaps", config).status_code == 201
    api.delete(f"{DEPLOYMENTS}/crud-owner")
    assert api.get("/api/v1/namespaces/default/configmaps/crud-owned").status_code == 404


def test_orphan_propagation_keeps_dependents(api, make_deployment):
    owner = api.post(DEPLOYMENTS, make_deployment("crud-orphaner")).json()
    config = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {
            "name": "crud-orphan",
            "ownerReferences": [
                {
                    "apiVersion": "apps/v1",
                    "kind": "Deployment",
                    "name": "crud-orphaner",
                    "uid": owner["metadata"]["uid"],
                }
            ],
        },
    }
    api.post("/api/v1/namespaces/default/configmaps", config)
    api.delete(f"{DEPLOYMENTS}/crud-orphaner", params={"propagationPolicy": "Orphan"})
    assert api.get("/api/v1/namespaces/default/configmaps/crud-orphan").status_code == 200


def test_namespace_deletion_removes_its_contents(api, make_deployment):
    api.post(
        "/api/v1/namespaces",
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "crud-ns"}},
    )
    api.post(
        "/apis/apps/v1/namespaces/crud-ns/deployments",
        make_deployment("inside", namespace="crud-ns"),
    )
    assert api.delete("/api/v1/namespaces/crud-ns").status_code == 200
    assert api.get("/apis/apps/v1/namespaces/crud-ns/deployments/inside").status_code == 404


def test_cluster_scoped_karmada_kind_round_trips(api):
    cluster = {
        "apiVersion": "cluster.karmada.io/v1alpha1",
        "kind": "Cluster",
        "metadata": {"name": "crud-member"},
        "spec": {"syncMode": "Push", "apiEndpoint": "https://10.0.0.1:6443"},
    }
    assert api.post(CLUSTERS, cluster).status_code == 201
    names = [c["metadata"]["name"] for c in api.get(CLUSTERS).json()["items"]]
    assert "crud-member" in names
    assert api.delete(f"{CLUSTERS}/crud-member").status_code == 200


def test_namespaced_policy_round_trips(api, make_policy):
    assert api.post(POLICIES, make_policy("crud-pp")).status_code == 201
    policy = api.get(f"{POLICIES}/crud-pp").json()
    assert policy["spec"]["resourceSelectors"][0]["kind"] == "Deployment"


def test_list_across_namespaces(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("crud-all"))
    items = api.get("/apis/apps/v1/deployments").json()["items"]
    assert any(i["metadata"]["name"] == "crud-all" for i in items)


def test_karmada_operator_kind_is_served(api):
    instance = {
        "apiVersion": "operator.karmada.io/v1alpha1",
        "kind": "Karmada",
        "metadata": {"name": "crud-karmada", "namespace": "default"},
        "spec": {},
    }
    path = "/apis/operator.karmada.io/v1alpha1/namespaces/default/karmadas"
    assert api.post(path, instance).status_code == 201


def test_namespace_status_and_finalize_subresources(api):
    api.post(
        "/api/v1/namespaces",
        {
            "apiVersion": "v1",
            "kind": "Namespace",
            "metadata": {"name": "crud-fin-ns"},
            "spec": {"finalizers": ["kubernetes"]},
        },
    )
    status = api.get("/api/v1/namespaces/crud-fin-ns/status")
    assert status.status_code == 200
    body = status.json()
    body["spec"]["finalizers"] = []
    finalized = api.put("/api/v1/namespaces/crud-fin-ns/finalize", body)
    assert finalized.status_code == 200
    assert finalized.json()["spec"]["finalizers"] == []


def test_escaped_names_in_paths(api):
    role = {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "ClusterRole",
        "metadata": {"name": "system:sandbox:reader"},
        "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}],
    }
    path = "/apis/rbac.authorization.k8s.io/v1/clusterroles"
    assert api.post(path, role).status_code == 201
    assert (
        api.get(f"{path}/system%3Asandbox%3Areader").json()["metadata"]["name"]
        == role["metadata"]["name"]
    )


def test_new_namespace_is_active(api):
    body = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "crud-active"}}
    created = api.post("/api/v1/namespaces", body).json()
    assert created["status"] == {"phase": "Active"}
    assert created["spec"]["finalizers"] == ["kubernetes"]
