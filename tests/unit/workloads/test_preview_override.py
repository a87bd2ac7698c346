"""`preview_override_policy`: every template and cluster a draft override policy changes."""

from workloads.preview import preview_override_policy

from .builders import cluster, deployment, region_image_override

CLUSTERS = [cluster("member1", region="eu"), cluster("member2", region="us")]


def run(draft, **overrides):
    kwargs = {
        "templates": [deployment("web"), deployment("api")],
        "clusters": CLUSTERS,
        "override_policies": [],
        "cluster_override_policies": [],
    }
    kwargs.update(overrides)
    return preview_override_policy(draft, **kwargs)


def test_new_override_changes_every_selected_template_in_matching_clusters():
    result = run(region_image_override("eu"))
    assert [(c.template.name, c.cluster) for c in result.changes] == [
        ("web", "member1"),
        ("api", "member1"),
    ]
    assert "+        image: eu.registry.example/nginx:1.25" in result.changes[0].diff


def test_edit_only_reports_what_differs_from_the_stored_version():
    stored = region_image_override("eu", registry="old.registry.example")
    result = run(region_image_override("eu"), override_policies=[stored])
    assert "-        image: old.registry.example/nginx:1.25" in result.changes[0].diff
    assert len(result.templates) == 2


def test_retargeting_changes_the_old_and_the_new_clusters():
    stored = region_image_override("eu")
    result = run(region_image_override("us"), override_policies=[stored])
    assert {c.cluster for c in result.changes} == {"member1", "member2"}


def test_unchanged_draft_changes_nothing():
    stored = region_image_override("eu")
    assert run(region_image_override("eu"), override_policies=[stored]).changes == []


def test_binding_limits_targets_and_revises_replicas():
    binding = {
        "spec": {
            "resource": {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "namespace": "shop",
                "name": "web",
            },
            "replicas": 6,
            "clusters": [{"name": "member1", "replicas": 4}],
        }
    }
    result = run(region_image_override("eu"), templates=[deployment("web")], bindings=[binding])
    (change,) = result.changes
    assert change.after["spec"]["replicas"] == 4


def test_webhook_refusal_is_reported():
    draft = region_image_override()
    draft["spec"]["overrideRules"][0]["overriders"]["imageOverrider"][0]["predicate"] = {
        "path": "spec"
    }
    result = run(draft)
    assert "predicate.path" in result.admission_denied
    assert result.changes == []


def test_failed_override_is_reported_with_its_error():
    draft = region_image_override()
    draft["spec"]["overrideRules"][0]["overriders"] = {
        "plaintext": [{"path": "/spec/missing/child", "operator": "add", "value": 1}]
    }
    result = run(draft, templates=[deployment("web")])
    assert result.changes[0].after is None
    assert result.changes[0].error


def test_cluster_override_policy_reaches_every_namespace():
    draft = {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "ClusterOverridePolicy",
        "metadata": {"name": "owner"},
        "spec": {
            "overrideRules": [
                {
                    "overriders": {
                        "labelsOverrider": [{"operator": "add", "value": {"owner": "ops"}}]
                    }
                }
            ]
        },
    }
    other = deployment("api")
    other["metadata"]["namespace"] = "payments"
    result = run(draft, templates=[deployment("web"), other])
    assert {(c.template.namespace, c.cluster) for c in result.changes} == {
        ("shop", "member1"),
        ("shop", "member2"),
        ("payments", "member1"),
        ("payments", "member2"),
    }
    assert result.to_dict()["changes"][0]["after"]["metadata"]["labels"] == {"owner": "ops"}
