"""Previews of drafts with their inputs from the inventory: scope, changes, fixed query counts."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from karmada_sandbox.seed.builders import POLICY_API, deployment, policy, selector
from workloads import sync
from workloads.models import Policy, Workload
from workloads.preview.inventory import (
    preview_draft_override,
    preview_draft_policy,
    preview_draft_template,
)

pytestmark = pytest.mark.django_db


def storefront_policy(demo) -> dict:
    return copy.deepcopy(Policy.objects.get(instance=demo, name="storefront").raw)


def only_on(draft: dict, *clusters: str) -> dict:
    draft["spec"]["placement"] = {"clusterAffinity": {"clusterNames": list(clusters)}}
    return draft


def test_edited_policy_shows_what_changes_from_what_runs_now(demo, bob):
    storefront = Workload.objects.get(instance=demo, kind="Deployment", name="storefront")
    running = {p.cluster_name for p in storefront.binding.placements.all()}
    draft = only_on(storefront_policy(demo), "aws-us-east")
    previews = {p.workload_key: p for p in preview_draft_policy(demo, draft, user=bob)}
    preview = previews["Deployment/shop/storefront"]
    assert preview.workload_id == storefront.pk and preview.claim.by_draft
    assert [c.name for c in preview.clusters] == ["aws-us-east"]
    assert preview.changes.removed == sorted(running - {"aws-us-east"})
    assert preview.changes.replicas["aws-us-east"][1] == 6
    # The same policy selects the Service and the ConfigMap; they are previewed too.
    assert {"Service/shop/storefront", "ConfigMap/shop/storefront-config"} <= set(previews)


def test_unchanged_policy_changes_nothing(demo, bob):
    previews = preview_draft_policy(demo, storefront_policy(demo), user=bob)
    deployment_preview = next(p for p in previews if p.template_kind == "Deployment")
    assert deployment_preview.changes.unchanged, deployment_preview.changes


def test_one_workload_only(demo, bob):
    storefront = Workload.objects.get(instance=demo, kind="Deployment", name="storefront")
    draft = only_on(storefront_policy(demo), "gcp-us-central")
    previews = preview_draft_policy(demo, draft, user=bob, workload=storefront)
    assert [p.workload_key for p in previews] == ["Deployment/shop/storefront"]


def test_previews_stay_in_the_users_scope(demo, carol):
    every_deployment = policy(
        "ClusterPropagationPolicy",
        "everything",
        None,
        [{"apiVersion": "apps/v1", "kind": "Deployment"}],
        {"clusterAffinity": {"clusterNames": ["aws-us-east"]}},
    )
    previews = preview_draft_policy(demo, every_deployment, user=carol)
    assert {p.template_namespace for p in previews} == {"payments"}
    assert preview_draft_policy(demo, storefront_policy(demo), user=carol) == []


def test_limit_bounds_the_previews(demo, olga):
    every_deployment = policy(
        "ClusterPropagationPolicy",
        "everything",
        None,
        [{"apiVersion": "apps/v1", "kind": "Deployment"}],
        {"clusterAffinity": {"clusterNames": ["aws-us-east"]}},
    )
    assert len(preview_draft_policy(demo, every_deployment, user=olga, limit=2)) == 2


def many_deployments(instance, count: int) -> None:
    for i in range(count):
        raw = deployment(f"bulk-{i}", "shop", 2, "nginx", "10m", "16Mi")
        raw["metadata"].update(uid=f"bulk-{i}", resourceVersion="1")
        raw["metadata"]["labels"]["tier"] = "bulk"
        sync.upsert_workload(instance, raw, lists=False)


def queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def test_policy_preview_costs_a_fixed_number_of_queries(demo, alice, django_assert_max_num_queries):
    draft = policy(
        "PropagationPolicy",
        "bulk",
        "shop",
        [{"apiVersion": "apps/v1", "kind": "Deployment", "labelSelector": {"matchLabels": {}}}],
        {"clusterAffinity": {"clusterNames": ["aws-us-east", "gcp-us-central"]}},
    )
    many_deployments(demo, 3)
    small = queries(lambda: preview_draft_policy(demo, draft, user=alice))
    many_deployments(demo, 40)
    with django_assert_max_num_queries(small):
        previews = preview_draft_policy(demo, draft, user=alice)
    assert len(previews) == 20  # the default limit
    assert small <= 6


def test_override_preview_lists_changed_manifests(demo, bob, carol):
    draft = {
        "apiVersion": POLICY_API,
        "kind": "OverridePolicy",
        "metadata": {"name": "canary-tag", "namespace": "shop"},
        "spec": {
            "resourceSelectors": [selector("Deployment", "storefront", "apps/v1")],
            "overrideRules": [
                {
                    "targetCluster": {"clusterNames": ["aws-us-east"]},
                    "overriders": {
                        "imageOverrider": [
                            {"component": "Tag", "operator": "replace", "value": "canary"}
                        ]
                    },
                }
            ],
        },
    }
    preview = preview_draft_override(demo, draft, user=bob)
    assert preview.admission_denied is None
    assert [(c.template.name, c.cluster) for c in preview.changes] == [
        ("storefront", "aws-us-east")
    ]
    assert "nginx:canary" in preview.changes[0].diff
    assert preview_draft_override(demo, draft, user=carol).changes == []


def test_override_preview_costs_a_fixed_number_of_queries(
    demo, alice, django_assert_max_num_queries
):
    draft = {
        "apiVersion": POLICY_API,
        "kind": "OverridePolicy",
        "metadata": {"name": "bulk-labels", "namespace": "shop"},
        "spec": {
            "overrideRules": [
                {"overriders": {"labelsOverrider": [{"operator": "add", "value": {"x": "y"}}]}}
            ]
        },
    }
    many_deployments(demo, 3)
    small = queries(lambda: preview_draft_override(demo, draft, user=alice))
    many_deployments(demo, 40)
    with django_assert_max_num_queries(small):
        preview = preview_draft_override(demo, draft, user=alice)
    assert len(preview.templates) > 40


def test_draft_template_is_previewed_under_its_policy(demo, bob):
    storefront = Workload.objects.get(instance=demo, kind="Deployment", name="storefront")
    draft = copy.deepcopy(storefront.raw)
    draft["spec"]["replicas"] = 12
    [preview] = preview_draft_template(demo, draft, user=bob)
    assert preview.claim.ref.name == "storefront" and preview.workload_id == storefront.pk
    assert sum(c.replicas for c in preview.clusters) == 12
    assert preview.changes.replicas  # shares grow from what runs now


def test_new_template_nobody_selects_is_unclaimed(demo, bob):
    draft = deployment("lonely", "shop", 1, "nginx", "10m", "16Mi")
    [preview] = preview_draft_template(demo, draft, user=bob)
    assert preview.claim.policy is None and preview.workload_id is None
    assert "No PropagationPolicy" in preview.claim.explanation


def test_preview_api_answers_with_the_templates(api, demo, bob):
    draft = only_on(storefront_policy(demo), "aws-us-east")
    response = api(bob).post(
        "/api/preview/policy/", {"instance": demo.name, "policy": draft}, format="json"
    )
    assert response.status_code == 200, response.json()
    previews = {p["template_kind"]: p for p in response.json()["previews"]}
    deployment_preview = previews["Deployment"]
    assert deployment_preview["template_name"] == "storefront"
    assert [c["name"] for c in deployment_preview["clusters"]] == ["aws-us-east"]
    assert deployment_preview["claim"]["by_draft"] is True


def test_preview_api_for_one_workload_and_scope(api, demo, bob, carol):
    storefront = Workload.objects.get(instance=demo, kind="Deployment", name="storefront")
    body = {"instance": demo.name, "policy": storefront_policy(demo), "workload": storefront.pk}
    assert len(api(bob).post("/api/preview/policy/", body, format="json").json()["previews"]) == 1
    response = api(carol).post("/api/preview/policy/", body, format="json")
    assert response.status_code == 400 and "workload" in response.json()["errors"]


def test_override_preview_api(api, demo, bob):
    mirror = copy.deepcopy(Policy.objects.get(instance=demo, name="storefront-eu-mirror").raw)
    mirror["spec"]["overrideRules"][0]["overriders"]["imageOverrider"][0]["value"] = "m.example"
    response = api(bob).post(
        "/api/preview/override-policy/", {"instance": demo.name, "policy": mirror}, format="json"
    )
    assert response.status_code == 200
    changed = {c["cluster"] for c in response.json()["changes"]}
    assert changed == {"aws-eu-west", "azure-westeurope"}
    assert all("m.example" in c["diff"] for c in response.json()["changes"])
