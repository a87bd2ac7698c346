"""The editor pages: form and YAML stay one object, problems land at inputs, apply queues it."""

import html
import json

import pytest
import yaml
from django.urls import reverse

from kairship_ui.models import Operation
from workloads import tasks
from workloads.models import Policy, Workload

pytestmark = pytest.mark.django_db

WEIGHTED = {
    "apiVersion": "policy.karmada.io/v1alpha1",
    "kind": "PropagationPolicy",
    "metadata": {"name": "cart-weighted", "namespace": "shop"},
    "spec": {
        "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "cart"}],
        "priority": 10,
        "preemption": "Always",
        "placement": {
            "clusterAffinity": {"clusterNames": ["aws-us-east", "gcp-us-central"]},
            "replicaScheduling": {
                "replicaSchedulingType": "Divided",
                "replicaDivisionPreference": "Weighted",
                "weightPreference": {
                    "staticWeightList": [
                        {"targetCluster": {"clusterNames": ["aws-us-east"]}, "weight": 3},
                        {"targetCluster": {"clusterNames": ["gcp-us-central"]}, "weight": 1},
                    ]
                },
            },
        },
    },
}


@pytest.fixture
def cart(demo):
    return Workload.objects.get(instance=demo, kind="Deployment", name="cart")


def new_policy_url(demo, kind="PropagationPolicy", **params):
    query = "&".join(f"{k}={v}" for k, v in {"instance": demo.pk, "kind": kind, **params}.items())
    return f"{reverse('workloads:policy_new')}?{query}"


def post(client, url, **data):
    return client.post(url, data, HTTP_HX_REQUEST="true")


def yaml_of(page: str) -> str:
    """The text of the editor's YAML textarea."""
    return html.unescape(page.split('name="_yaml"', 1)[1].split(">", 1)[1].split("</textarea>")[0])


def test_new_asks_where_first(client_for, alice, demo):
    page = client_for(alice).get(reverse("workloads:policy_new")).content.decode()
    assert f'<option value="{demo.pk}">demo</option>' in page
    assert '<option value="shop">' in page and '<option value="payments">' not in page
    # Cluster-scoped policies are for platform operators.
    assert "<option>PropagationPolicy</option>" in page
    assert "ClusterPropagationPolicy" not in page


def test_the_editor_opens_on_a_starter_for_the_workload(client_for, alice, demo, cart):
    page = client_for(alice).get(new_policy_url(demo, workload=cart.pk)).content.decode()
    assert 'name="spec.resourceSelectors[0].name" value="cart"' in page
    assert "data-yaml-editor" in page and "dist/editor.js" in page
    # The cluster pickers offer the instance's clusters with where they are.
    assert 'value="aws-us-east"' in page and "us-east-1" in page


def test_a_form_change_rewrites_the_yaml_and_the_preview(client_for, alice, demo, cart):
    # Editing the policy that claims cart (a new one would not take it over: Karmada does not
    # re-match claimed templates while the PolicyPreemption gate is off).
    policy = Policy.objects.get(instance=demo, kind="PropagationPolicy", name="cart")
    data = {
        "_source": "form",
        "_base": json.dumps(WEIGHTED),
        "metadata.name": "cart",
        "metadata.namespace": "shop",
        "spec.resourceSelectors[0]": "1",
        "spec.resourceSelectors[0].apiVersion": "apps/v1",
        "spec.resourceSelectors[0].kind": "Deployment",
        "spec.resourceSelectors[0].name": "cart",
        "spec.priority": "10",
        "spec.preemption": "Always",
        "spec.placement.clusterAffinity.clusterNames": ["aws-us-east", "gcp-us-central"],
        "spec.placement.replicaScheduling.replicaSchedulingType": "Divided",
        "spec.placement.replicaScheduling.replicaDivisionPreference": "Weighted",
    }
    for i, (cluster, weight) in enumerate([("aws-us-east", "1"), ("gcp-us-central", "1")]):
        prefix = f"spec.placement.replicaScheduling.weightPreference.staticWeightList[{i}]"
        data[prefix] = "1"
        data[f"{prefix}.weight"] = weight
        data[f"{prefix}.targetCluster.clusterNames"] = [cluster]
    answer = post(client_for(alice), reverse("workloads:policy_edit", args=[policy.pk]), **data)
    body = answer.content.decode()
    assert answer.status_code == 200
    assert 'id="editor-yaml" hx-swap-oob="true"' in body
    weights = yaml.safe_load(yaml_of(body))["spec"]["placement"]["replicaScheduling"][
        "weightPreference"
    ]["staticWeightList"]
    assert [w["weight"] for w in weights] == [1, 1]
    # The preview places cart's 2 replicas one per cluster under equal weights (2 each now).
    assert 'data-claim><span class="pill pill-ready">claimed by this policy' in body
    for cluster in ("aws-us-east", "gcp-us-central"):
        row = body.split(f'<tr data-cluster="{cluster}">', 1)[1].split("</tr>", 1)[0]
        assert '<td class="text-end" data-replicas>1</td>' in row and "2 → 1" in row
    # ... and each cluster's manifest against what runs there now.
    now = body.split('data-change-now="aws-us-east"', 1)[1].split("</details>", 1)[0]
    assert '<span class="diff-del">-  replicas: 2</span>' in now


def test_a_yaml_change_refills_the_form_and_keeps_the_yaml_editor(client_for, alice, demo):
    text = yaml.safe_dump(WEIGHTED)
    answer = post(client_for(alice), new_policy_url(demo), _source="yaml", _yaml=text)
    body = answer.content.decode()
    assert 'id="editor-yaml"' not in body  # the user is typing there
    assert "<option selected>Weighted</option>" in body
    assert 'name="spec.placement.replicaScheduling.weightPreference.staticWeightList[1]"' in body


def test_unreadable_yaml_pauses_the_form_and_says_where(client_for, alice, demo):
    text = "metadata:\n  name: x\n spec: [\n"
    body = post(client_for(alice), new_policy_url(demo), _source="yaml", _yaml=text)
    body = body.content.decode()
    assert "the form is paused" in body and "<fieldset disabled>" in body
    problems = json.loads(body.split('id="editor-problems-json">', 1)[1].split("</script>")[0])
    assert problems and problems[0]["line"] == 3


def test_problems_show_at_the_input_that_caused_them(client_for, alice, demo):
    draft = {
        **WEIGHTED,
        "spec": {
            **WEIGHTED["spec"],
            "placement": {"clusterAffinity": {"clusterNames": ["atlantis"]}},
        },
    }
    body = post(
        client_for(alice), new_policy_url(demo), _source="yaml", _yaml=yaml.safe_dump(draft)
    ).content.decode()
    picker = body.split('id="f-spec-placement-clusterAffinity-clusterNames-label"', 1)[1]
    picker = picker.split("</fieldset>", 1)[0] if "</fieldset>" in picker else picker
    # Karmada accepts a cluster that has not joined yet: a warning, not a refusal.
    assert "not in this instance" in picker and "atlantis" in picker
    assert '<div class="ks-warning">No cluster named &#x27;atlantis&#x27;.</div>' in picker
    assert "data-warning-count=" in body and 'data-problem-count="0"' in body


def test_schema_errors_show_at_their_input_and_block_apply(client_for, alice, demo):
    draft = {**WEIGHTED, "spec": {**WEIGHTED["spec"], "preemption": "Sometimes"}}
    client, text = client_for(alice), yaml.safe_dump(draft)
    body = post(client, new_policy_url(demo), _source="yaml", _yaml=text).content.decode()
    select = body.split('id="f-spec-preemption"', 1)[0].rsplit("<select", 1)[1]
    assert "is-invalid" in select and 'data-problem-count="1"' in body
    answer = post(client, new_policy_url(demo), _action="apply", _yaml=text)
    assert answer.status_code == 422
    assert not Operation.objects.filter(verb="policy.create").exists()


def test_apply_queues_the_policy_and_opens_its_operation(client_for, alice, demo):
    answer = post(
        client_for(alice),
        new_policy_url(demo),
        _action="apply",
        _yaml=yaml.safe_dump(WEIGHTED),
    )
    operation = Operation.objects.get(verb="policy.create", name="cart-weighted")
    assert answer.status_code == 200
    assert answer["HX-Redirect"] == reverse("operation_detail", args=[operation.pk])


def test_a_viewer_is_refused_with_the_reason(client_for, bob, demo):
    answer = post(
        client_for(bob), new_policy_url(demo), _action="apply", _yaml=yaml.safe_dump(WEIGHTED)
    )
    assert answer.status_code == 422
    assert "data-refused" in answer.content.decode() and "not change it" in answer.text
    assert not Operation.objects.filter(name="cart-weighted").exists()


def test_a_stale_edit_is_refused_with_what_changed(client_for, alice, demo):
    policy = Policy.objects.get(instance=demo, kind="PropagationPolicy", name="cart")
    url = reverse("workloads:policy_edit", args=[policy.pk])
    page = client_for(alice).get(url).content.decode()
    assert 'name="metadata.name" value="cart" placeholder="" readonly' in page
    edited = {**policy.raw, "spec": {**policy.raw["spec"], "priority": 5}}
    answer = post(
        client_for(alice),
        url,
        _action="apply",
        _yaml=yaml.safe_dump(edited),
        _resource_version="1",
    )
    assert answer.status_code == 422 and "since you opened it" in answer.text
    # What differs between Karmada's version and the user's, field by field.
    assert "data-conflict" in answer.text and "<code>spec.priority</code>" in answer.text


def test_other_tenants_cannot_open_the_editor(client_for, carol, demo):
    policy = Policy.objects.get(instance=demo, kind="PropagationPolicy", name="cart")
    assert (
        client_for(carol).get(reverse("workloads:policy_edit", args=[policy.pk])).status_code == 404
    )


def test_a_new_deployment_starts_from_a_valid_starter(client_for, alice, demo):
    url = f"{reverse('workloads:workload_new')}?instance={demo.pk}&kind=Deployment&namespace=shop"
    page = client_for(alice).get(url).content.decode()
    assert 'name="spec.template.spec.containers[0].image"' in page
    starter = yaml.safe_load(yaml_of(page))
    starter["metadata"]["name"] = "web"
    answer = post(client_for(alice), url, _action="apply", _yaml=yaml.safe_dump(starter))
    assert answer.status_code == 200, answer.content.decode()
    assert Operation.objects.filter(verb="workload.create", name="web").exists()


def test_delete_says_what_it_removes_before_it_queues(client_for, alice, cart):
    url = reverse("workloads:workload_delete", args=[cart.pk])
    page = client_for(alice).get(url).content.decode()
    assert "aws-us-east" in page and "removed" in page
    answer = client_for(alice).post(url)
    operation = Operation.objects.get(verb="workload.delete", name="cart")
    assert answer.status_code == 302 and answer.url == reverse(
        "operation_detail", args=[operation.pk]
    )


def test_once_applied_the_operation_page_opens_the_new_object(client_for, alice, demo):
    post(client_for(alice), new_policy_url(demo), _action="apply", _yaml=yaml.safe_dump(WEIGHTED))
    operation = Operation.objects.get(verb="policy.create", name="cart-weighted")
    tasks.apply_object_change(operation_id=operation.pk)
    page = client_for(alice).get(reverse("operation_detail", args=[operation.pk])).content.decode()
    policy = Policy.objects.get(instance=demo, name="cart-weighted")
    assert f'href="{reverse("workloads:policy_detail", args=[policy.pk])}" data-target-link' in page


def test_a_recipe_fills_the_override_form(client_for, alice, demo, cart):
    url = new_policy_url(demo, kind="OverridePolicy", workload=cart.pk)
    page = client_for(alice).get(url).content.decode()
    assert 'data-recipe="fewer-replicas"' in page
    answer = post(
        client_for(alice),
        url,
        _recipe="fewer-replicas",
        **{
            "recipe.fewer-replicas.label_selector": "env=staging",
            "recipe.fewer-replicas.replicas": "1",
        },
    )
    body = html.unescape(answer.content.decode())
    assert 'id="editor-yaml" hx-swap-oob="true"' in body  # the YAML follows the recipe
    assert "path: /spec/replicas" in body and "value: 1" in body
    assert 'name="spec.overrideRules[0].targetCluster.labelSelector.matchLabels"' in body


def test_a_recipe_missing_an_input_says_which(client_for, alice, demo, cart):
    url = new_policy_url(demo, kind="OverridePolicy", workload=cart.pk)
    answer = post(client_for(alice), url, _recipe="fewer-replicas", _base="{}")
    body = answer.content.decode()
    assert "recipe.fewer-replicas.label_selector" in body and "required" in body


def test_operators_write_cluster_scoped_policies_for_cluster_scoped_resources(
    client_for, alice, olga, demo
):
    url = new_policy_url(demo, kind="ClusterPropagationPolicy", name="storage-everywhere")
    page = client_for(olga).get(url).content.decode()
    assert 'name="spec.resourceSelectors[0].kind" value="StorageClass"' in page
    assert 'name="metadata.namespace"' not in page
    refused = post(client_for(alice), url, _source="yaml", _yaml=yaml_of(page))
    assert "Only platform operators" in html.unescape(refused.content.decode())
