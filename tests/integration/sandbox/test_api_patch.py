"""Merge, JSON and strategic merge patches on main resources and the status and scale views."""

from __future__ import annotations

MERGE = "application/merge-patch+json"
JSON_PATCH = "application/json-patch+json"
STRATEGIC = "application/strategic-merge-patch+json"
DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments"
CLUSTERS = "/apis/cluster.karmada.io/v1alpha1/clusters"
POLICIES = "/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies"


def _cluster(api, name: str, taints: list) -> None:
    api.post(
        CLUSTERS,
        {
            "apiVersion": "cluster.karmada.io/v1alpha1",
            "kind": "Cluster",
            "metadata": {"name": name},
            "spec": {"syncMode": "Push", "taints": taints},
        },
    )


def _container(api, name: str) -> dict:
    return api.get(f"{DEPLOYMENTS}/{name}").json()["spec"]["template"]["spec"]["containers"]


def test_merge_patch_replaces_lists_and_deletes_nulls(api):
    taint = {"key": "a", "effect": "NoSchedule"}
    _cluster(api, "patch-merge", [taint])
    cordon = {"key": "cluster.karmada.io/unschedulable", "effect": "NoSchedule"}
    patched = api.patch(f"{CLUSTERS}/patch-merge", {"spec": {"taints": [taint, cordon]}}, MERGE)
    assert patched.status_code == 200
    assert patched.json()["spec"]["taints"] == [taint, cordon]
    cleared = api.patch(f"{CLUSTERS}/patch-merge", {"spec": {"taints": None}}, MERGE).json()
    assert "taints" not in cleared["spec"]


def test_merge_patch_bumps_generation_on_spec_change(api, make_deployment):
    created = api.post(DEPLOYMENTS, make_deployment("patch-gen")).json()
    patched = api.patch(f"{DEPLOYMENTS}/patch-gen", {"spec": {"replicas": 3}}, MERGE).json()
    assert patched["metadata"]["generation"] == created["metadata"]["generation"] + 1


def test_json_patch_operations(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("patch-json"))
    ops = [
        {"op": "replace", "path": "/spec/replicas", "value": 4},
        {"op": "add", "path": "/metadata/labels/team", "value": "blue"},
        {"op": "test", "path": "/spec/replicas", "value": 4},
    ]
    patched = api.patch(f"{DEPLOYMENTS}/patch-json", ops, JSON_PATCH).json()
    assert patched["spec"]["replicas"] == 4
    assert patched["metadata"]["labels"]["team"] == "blue"


def test_failed_json_patch_test_is_rejected(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("patch-test"))
    ops = [{"op": "test", "path": "/spec/replicas", "value": 99}]
    response = api.patch(f"{DEPLOYMENTS}/patch-test", ops, JSON_PATCH)
    assert response.status_code == 422
    assert response.json()["kind"] == "Status"


def test_strategic_patch_merges_containers_by_name(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("patch-smp"))
    body = {
        "spec": {
            "template": {
                "spec": {
                    "containers": [
                        {"name": "sidecar", "image": "envoy:1"},
                        {"name": "main", "image": "nginx:2"},
                    ],
                    "$setElementOrder/containers": [{"name": "main"}, {"name": "sidecar"}],
                }
            }
        }
    }
    assert api.patch(f"{DEPLOYMENTS}/patch-smp", body, STRATEGIC).status_code == 200
    containers = _container(api, "patch-smp")
    assert [(c["name"], c["image"]) for c in containers] == [
        ("main", "nginx:2"),
        ("sidecar", "envoy:1"),
    ]


def test_strategic_patch_merges_env_and_ports_by_key(api, make_deployment):
    manifest = make_deployment("patch-env")
    main = manifest["spec"]["template"]["spec"]["containers"][0]
    main["env"] = [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]
    main["ports"] = [{"containerPort": 80}]
    api.post(DEPLOYMENTS, manifest)
    body = {
        "spec": {
            "template": {
                "spec": {
                    "containers": [
                        {
                            "name": "main",
                            "env": [{"name": "B", "value": "3"}, {"name": "A", "$patch": "delete"}],
                            "ports": [{"containerPort": 443}],
                        }
                    ]
                }
            }
        }
    }
    api.patch(f"{DEPLOYMENTS}/patch-env", body, STRATEGIC)
    container = _container(api, "patch-env")[0]
    assert container["env"] == [{"name": "B", "value": "3"}]
    assert [p["containerPort"] for p in container["ports"]] == [80, 443]
    assert container["image"] == "nginx:1.27"


def test_strategic_patch_on_custom_resource_is_unsupported(api, make_policy):
    api.post(POLICIES, make_policy("patch-crd"))
    response = api.patch(f"{POLICIES}/patch-crd", {"spec": {"priority": 1}}, STRATEGIC)
    assert response.status_code == 415


def test_patch_with_stale_resource_version_conflicts(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("patch-stale"))
    body = {"metadata": {"resourceVersion": "1"}, "spec": {"replicas": 2}}
    response = api.patch(f"{DEPLOYMENTS}/patch-stale", body, MERGE)
    assert response.status_code == 409
    assert response.json()["reason"] == "Conflict"


def test_patch_of_missing_object_is_not_found(api):
    response = api.patch(f"{DEPLOYMENTS}/patch-missing", {"spec": {}}, MERGE)
    assert response.status_code == 404


def test_status_patch_leaves_spec_alone(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("patch-status"))
    body = {"spec": {"replicas": 7}, "status": {"readyReplicas": 1}}
    patched = api.patch(f"{DEPLOYMENTS}/patch-status/status", body, MERGE).json()
    assert patched["status"]["readyReplicas"] == 1
    assert patched["spec"]["replicas"] == 1


def test_main_patch_ignores_status(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("patch-nostatus"))
    patched = api.patch(f"{DEPLOYMENTS}/patch-nostatus", {"status": {"replicas": 9}}, MERGE).json()
    assert "replicas" not in (patched.get("status") or {})


def test_scale_subresource_reads_and_patches_replicas(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("patch-scale", replicas=2))
    scale = api.get(f"{DEPLOYMENTS}/patch-scale/scale").json()
    assert (scale["apiVersion"], scale["kind"]) == ("autoscaling/v1", "Scale")
    assert scale["spec"]["replicas"] == 2
    assert scale["status"]["selector"] == "app=patch-scale"
    patched = api.patch(f"{DEPLOYMENTS}/patch-scale/scale", {"spec": {"replicas": 6}}, MERGE)
    assert patched.json()["spec"]["replicas"] == 6
    assert api.get(f"{DEPLOYMENTS}/patch-scale").json()["spec"]["replicas"] == 6


def test_scale_put_with_negative_replicas_is_invalid(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("patch-negative"))
    scale = api.get(f"{DEPLOYMENTS}/patch-negative/scale").json()
    scale["spec"]["replicas"] = -1
    response = api.put(f"{DEPLOYMENTS}/patch-negative/scale", scale)
    assert response.status_code == 422


def test_finalizer_patch_completes_deletion(api, make_deployment):
    manifest = make_deployment("patch-fin")
    manifest["metadata"]["finalizers"] = ["example.com/hold"]
    api.post(DEPLOYMENTS, manifest)
    api.delete(f"{DEPLOYMENTS}/patch-fin")
    api.patch(f"{DEPLOYMENTS}/patch-fin", {"metadata": {"finalizers": None}}, MERGE)
    assert api.get(f"{DEPLOYMENTS}/patch-fin").status_code == 404


def test_server_side_apply_creates_then_merges(api, make_deployment):
    apply = "application/apply-patch+yaml"
    path = f"{DEPLOYMENTS}/patch-ssa"
    created = api.patch(path, make_deployment("patch-ssa"), apply, params={"fieldManager": "t"})
    assert created.status_code == 201
    body = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "patch-ssa"},
        "spec": {"replicas": 4},
    }
    updated = api.patch(path, body, apply, params={"fieldManager": "t"}).json()
    assert updated["spec"]["replicas"] == 4
    assert updated["spec"]["template"]["spec"]["containers"][0]["name"] == "main"
