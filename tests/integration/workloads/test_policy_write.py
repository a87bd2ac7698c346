"""Creating, replacing and deleting policies; the sandbox schedules what they select."""

import copy

import pytest

from clusters import services as cluster_services
from kairship_ui.errors import NotAllowed
from kairship_ui.models import AuditEntry, Operation, Outcome
from karmada_sandbox.seed.builders import POLICY_API, config_map, deployment, policy, selector
from tests.integration.workloads.test_workload_write import in_karmada, run, submit
from workloads import services
from workloads.models import Policy, Workload
from workloads.services import ValidationFailed

pytestmark = pytest.mark.django_db

WEIGHTED = {
    "clusterAffinity": {"clusterNames": ["aws-us-east", "gcp-us-central"]},
    "replicaScheduling": {
        "replicaSchedulingType": "Divided",
        "replicaDivisionPreference": "Weighted",
        "weightPreference": {
            "staticWeightList": [
                {"targetCluster": {"clusterNames": ["aws-us-east"]}, "weight": 2},
                {"targetCluster": {"clusterNames": ["gcp-us-central"]}, "weight": 1},
            ]
        },
    },
}


def settled(instance, sandbox) -> None:
    """Let the sandbox's controllers finish, then mirror the result as the watchers would."""
    sandbox.world.settle()
    cluster_services.resync_instance(instance.pk)


def weighted_policy(name: str, namespace: str = "shop") -> dict:
    return policy(
        "PropagationPolicy",
        name,
        namespace,
        [selector("Deployment", name, "apps/v1")],
        WEIGHTED,
    )


def create_deployment(actor, instance, name: str, replicas: int = 6) -> None:
    manifest = deployment(name, "shop", replicas, "nginx:1.27", "100m", "64Mi")
    assert run(submit(actor, instance, manifest)).state == Outcome.SUCCEEDED


def test_divided_weighted_policy_schedules_the_workload(demo, sandbox, alice, tenant_a):
    create_deployment(alice, demo, "checkout")
    operation = run(submit(alice, demo, weighted_policy("checkout")))
    assert (operation.verb, operation.state) == ("policy.create", Outcome.SUCCEEDED), (
        operation.message
    )
    row = Policy.objects.get(instance=demo, kind="PropagationPolicy", name="checkout")
    assert row.tenant == tenant_a
    settled(demo, sandbox)
    checkout = Workload.objects.get(instance=demo, kind="Deployment", name="checkout")
    assert checkout.policy == Policy.objects.get(instance=demo, name="checkout")
    placements = {p.cluster_name: p.replicas for p in checkout.binding.placements.all()}
    assert placements == {"aws-us-east": 4, "gcp-us-central": 2}


def test_policy_update_reschedules(demo, sandbox, alice):
    create_deployment(alice, demo, "basket")
    run(submit(alice, demo, weighted_policy("basket")))
    settled(demo, sandbox)  # Karmada labels the new policy; the watch would mirror that
    row = Policy.objects.get(instance=demo, name="basket")
    edited = services.editable(row.raw)
    edited["spec"]["placement"] = {"clusterAffinity": {"clusterNames": ["gcp-us-central"]}}
    operation = run(submit(alice, demo, edited, row.resource_version))
    assert (operation.verb, operation.state) == ("policy.update", Outcome.SUCCEEDED), (
        operation.message
    )
    settled(demo, sandbox)
    basket = Workload.objects.get(instance=demo, kind="Deployment", name="basket")
    assert {p.cluster_name: p.replicas for p in basket.binding.placements.all()} == {
        "gcp-us-central": 6
    }
    entry = AuditEntry.objects.get(action="policy.update", outcome=Outcome.SUCCEEDED)
    assert any(c["path"].startswith("spec.placement") for c in entry.changes)


def test_policy_problems_are_at_their_fields(demo, alice):
    draft = copy.deepcopy(weighted_policy("storefront"))
    draft["spec"]["placement"]["replicaScheduling"]["replicaSchedulingType"] = "Sometimes"
    with pytest.raises(ValidationFailed) as error:
        submit(alice, demo, draft)
    problems = {p.field_path for p in error.value.problems}
    assert problems == {"spec.placement.replicaScheduling.replicaSchedulingType"}
    assert not Operation.objects.filter(verb__startswith="policy").exists()


def warnings_for(actor, instance, draft) -> dict[str, str]:
    found = services.check_object(actor=actor, instance=instance, manifest=draft)
    assert all(p.warning for p in found)
    return {p.field_path: p.message for p in found}


def test_karmada_accepts_what_the_semantic_checks_only_warn_about(demo, alice):
    # An unknown cluster (it may join later), a selector matching no template yet (the policy
    # may come first), an equal-priority rival: warned about in the editor, never refused.
    draft = policy(
        "PropagationPolicy",
        "storefront-too",
        "shop",
        [
            selector("Deployment", "storefront", "apps/v1"),
            selector("Deployment", "ghost", "apps/v1"),
        ],
        {"clusterAffinity": {"clusterNames": ["aws-us-east", "mars-1"]}},
    )
    warnings = warnings_for(alice, demo, draft)
    assert warnings["spec.placement.clusterAffinity.clusterNames[1]"] == (
        "No cluster named 'mars-1'."
    )
    assert warnings["spec.resourceSelectors[1]"].startswith("Matches no Deployment (ghost)")
    assert "'storefront'" in warnings["spec.priority"]
    assert submit(alice, demo, draft).verb == "policy.create"


def test_viewer_cannot_write_policies(demo, bob):
    with pytest.raises(NotAllowed):
        submit(bob, demo, weighted_policy("storefront"))


def cluster_policy(name: str) -> dict:
    return policy(
        "ClusterPropagationPolicy",
        name,
        None,
        [{"apiVersion": "v1", "kind": "ConfigMap", "namespace": "default", "name": name}],
        {"clusterAffinity": {"clusterNames": ["aws-us-east"]}},
    )


def test_cluster_propagation_policy_is_for_operators_only(demo, sandbox, alice, olga):
    run(submit(olga, demo, config_map("fleet-wide", "default", {"a": "1"})))
    with pytest.raises(NotAllowed, match="Only platform operators write ClusterPropagationPolicy"):
        submit(alice, demo, cluster_policy("fleet-wide"))
    operation = run(submit(olga, demo, cluster_policy("fleet-wide")))
    assert operation.state == Outcome.SUCCEEDED, operation.message
    assert operation.tenant is None
    assert in_karmada(demo, POLICY_API, "ClusterPropagationPolicy", None, "fleet-wide")
    settled(demo, sandbox)
    fleet = Workload.objects.get(instance=demo, kind="ConfigMap", name="fleet-wide")
    assert fleet.policy_kind == "ClusterPropagationPolicy"
    assert [p.cluster_name for p in fleet.binding.placements.all()] == ["aws-us-east"]


def test_cluster_override_policy_is_for_operators_only(demo, alice):
    draft = {
        "apiVersion": POLICY_API,
        "kind": "ClusterOverridePolicy",
        "metadata": {"name": "everyone"},
        "spec": {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}]},
    }
    with pytest.raises(NotAllowed):
        submit(alice, demo, draft)


def image_override(name: str, selected: str) -> dict:
    return {
        "apiVersion": POLICY_API,
        "kind": "OverridePolicy",
        "metadata": {"name": name, "namespace": "shop"},
        "spec": {
            "resourceSelectors": [selector("Deployment", selected, "apps/v1")],
            "overrideRules": [
                {
                    "targetCluster": {"clusterNames": ["gcp-us-central"]},
                    "overriders": {
                        "imageOverrider": [
                            {"component": "Tag", "operator": "replace", "value": "1.28"}
                        ]
                    },
                }
            ],
        },
    }


def test_override_policy_changes_the_work_in_one_cluster(demo, sandbox, alice):
    create_deployment(alice, demo, "banner")
    run(submit(alice, demo, weighted_policy("banner")))
    operation = run(submit(alice, demo, image_override("banner-tag", "banner")))
    assert operation.state == Outcome.SUCCEEDED, operation.message
    settled(demo, sandbox)
    works = {
        w.cluster_name: w.raw["spec"]["workload"]["manifests"][0]
        for w in Workload.objects.get(instance=demo, name="banner").binding.works.all()
    }
    image = {c: m["spec"]["template"]["spec"]["containers"][0]["image"] for c, m in works.items()}
    assert image == {"aws-us-east": "nginx:1.27", "gcp-us-central": "nginx:1.28"}


def test_deleting_a_policy_releases_what_it_claims(demo, sandbox, alice):
    create_deployment(alice, demo, "coupon")
    run(submit(alice, demo, weighted_policy("coupon")))
    settled(demo, sandbox)
    row = Policy.objects.get(instance=demo, name="coupon")
    impact = services.policy_deletion_impact(row)
    assert [w.name for w in impact.workloads] == ["coupon"]
    assert impact.clusters == {"aws-us-east": 4, "gcp-us-central": 2}
    assert "lose their policy" in impact.summary
    operation = services.delete_object(
        actor=alice, instance=demo, kind="PropagationPolicy", namespace="shop", name="coupon"
    )
    assert (operation.verb, run(operation).state) == ("policy.delete", Outcome.SUCCEEDED)
    assert not Policy.objects.filter(instance=demo, name="coupon").exists()
    settled(demo, sandbox)
    assert Workload.objects.get(instance=demo, kind="Deployment", name="coupon").policy_name == ""
    entry = AuditEntry.objects.get(action="policy.delete")
    assert entry.before["spec"]["placement"] == WEIGHTED


def test_override_deletion_impact_lists_the_overridden_templates(demo):
    mirror = Policy.objects.get(instance=demo, name="storefront-eu-mirror")
    impact = services.policy_deletion_impact(mirror)
    assert [w.name for w in impact.workloads] == ["storefront"]
    assert "without these overrides" in impact.summary
