"""The detector as a state machine: claims, bindings and what changes them, one test per rule."""

from __future__ import annotations

from karmada_semantics.detector import Detector, PolicyRef, TemplateKey
from karmada_semantics.detector.keys import CLAIMED_BY_LABEL, PP_ID_LABEL
from tests.unit.semantics.test_detector_support import (
    WEB,
    by_kind,
    by_label,
    by_name,
    claimed_with,
    cpp,
    deployment,
    detector,
    pp,
    ref,
)


def _placement_of_binding(d: Detector) -> list[str]:
    (binding,) = d.binding_list()
    return binding["spec"]["placement"]["clusterAffinity"]["clusterNames"]  # type: ignore[no-any-return]


def test_fresh_template_is_claimed_and_bound() -> None:
    d = detector(pp("pp-a", by_name()))
    d.add_template(deployment(replicas=4))
    assert d.claimed_by(WEB) == PolicyRef("PropagationPolicy", "default", "pp-a")
    (binding,) = d.binding_list()
    assert binding["metadata"]["name"] == "web-deployment"
    assert binding["spec"]["replicas"] == 4
    assert (
        binding["metadata"]["labels"][PP_ID_LABEL]
        == d.template(WEB)["metadata"]["labels"][PP_ID_LABEL]
    )


def test_unmatched_template_waits_without_a_binding() -> None:
    d = detector(pp("db", by_label({"app": "db"})))
    d.add_template(deployment())
    assert d.claimed_by(WEB) is None and d.binding_list() == []
    assert [e.get("error") for e in d.reconcile_log] == ["no matched propagation policy", None]


def test_waiting_template_is_picked_up_by_a_policy_created_later() -> None:
    d = detector()
    d.add_template(deployment())
    d.create_policy(pp("late", by_kind()))
    assert d.claimed_by(WEB) == PolicyRef("PropagationPolicy", "default", "late")


def test_claimed_template_keeps_its_policy_despite_a_better_one() -> None:
    better = pp("better", by_name(), priority=10)
    d = claimed_with([pp("low", by_label()), better], pp("low", by_label()))
    d.create_policy(pp("newer", by_name(), priority=20))
    assert d.claimed_by(WEB) == PolicyRef("PropagationPolicy", "default", "low")


def test_template_label_change_keeps_the_claim() -> None:
    web, api = pp("web", by_label({"app": "web"})), pp("api", by_label({"app": "api"}))
    d = claimed_with([web, api], web)
    d.update_template_labels(WEB, {"app": "api"})
    assert d.claimed_by(WEB) == ref(web)


def test_reconciling_a_policy_that_no_longer_matches_releases_the_claim() -> None:
    web, api = pp("web", by_label({"app": "web"})), pp("api", by_label({"app": "api"}))
    d = claimed_with([web, api], web)
    d.update_template_labels(WEB, {"app": "api"})
    d.reconcile_policy(ref(web))
    assert d.claimed_by(WEB) == ref(api)
    assert _placement_of_binding(d) == ["member-api"]


def test_deleting_the_claiming_policy_rematches_the_template() -> None:
    a, b = pp("a", by_name()), pp("b", by_label())
    d = claimed_with([a, b], a)
    d.delete_policy(ref(a))
    assert d.claimed_by(WEB) == ref(b)
    assert _placement_of_binding(d) == ["member-b"]
    assert d.policy(ref(a)) is None


def test_deleting_another_policy_leaves_the_claim_alone() -> None:
    a, b = pp("a", by_name()), pp("b", by_label())
    d = claimed_with([a, b], a)
    d.delete_policy(ref(b))
    assert d.claimed_by(WEB) == ref(a)


def test_updating_claiming_policy_selectors_away_releases_the_claim() -> None:
    a, b = pp("a", by_name()), pp("b", by_kind())
    d = claimed_with([a, b], a)
    d.update_policy(pp("a", by_name("other")))
    assert d.claimed_by(WEB) == ref(b)


def test_updating_claiming_policy_placement_reaches_the_binding() -> None:
    a = pp("a", by_name())
    d = claimed_with([a], a)
    moved = pp("a", by_name())
    moved["spec"]["placement"] = {"clusterAffinity": {"clusterNames": ["elsewhere"]}}
    d.update_policy(moved)
    assert _placement_of_binding(d) == ["elsewhere"]


def test_missing_dependent_overrides_block_without_fallback() -> None:
    d = detector(pp("needs", by_name(), dependentOverrides=["op"]), pp("fallback", by_kind()))
    d.add_template(deployment())
    assert d.claimed_by(WEB) is None
    assert {e.get("error") for e in d.reconcile_log} == {"waiting for dependent overrides"}


def test_present_dependent_overrides_let_the_policy_claim() -> None:
    d = detector(pp("needs", by_name(), dependentOverrides=["op"]))
    d.load_override_policy(
        {"kind": "OverridePolicy", "metadata": {"name": "op", "namespace": "default"}}
    )
    d.add_template(deployment())
    assert d.claimed_by(WEB) == PolicyRef("PropagationPolicy", "default", "needs")


def test_templates_in_skipped_namespaces_are_never_reconciled() -> None:
    d = detector(pp("kube", by_name(), namespace="kube-system"))
    d.add_template(deployment(namespace="kube-system"))
    assert d.reconcile_log == []
    assert d.claimed_by(TemplateKey("apps/v1", "Deployment", "kube-system", "web")) is None


def test_template_claimed_by_another_controller_is_skipped() -> None:
    d = detector(pp("a", by_name()))
    d.add_template(deployment(labels={CLAIMED_BY_LABEL: "MultiClusterService"}))
    assert d.claimed_by(WEB) is None and d.binding_list() == []


def test_cluster_scoped_template_gets_a_cluster_resource_binding() -> None:
    selector = {"apiVersion": "v1", "kind": "Namespace"}
    d = detector(cpp("ns", selector))
    d.add_template({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "Team:A"}})
    (binding,) = d.binding_list()
    assert binding["kind"] == "ClusterResourceBinding"
    assert binding["metadata"]["name"] == "team.a-namespace"
    assert binding["spec"]["replicas"] == 0


def test_cluster_claim_moves_to_a_new_cluster_policy_after_deletion() -> None:
    first, second = cpp("first", by_kind()), cpp("second", by_kind(), priority=-1)
    d = claimed_with([first, second], first)
    d.delete_policy(ref(first))
    assert d.claimed_by(WEB) == ref(second)


def test_template_update_keeps_the_claim_and_refreshes_replicas() -> None:
    a = pp("a", by_name())
    d = claimed_with([a], a)
    d.update_template(deployment(replicas=7, labels={"app": "other"}))
    assert d.claimed_by(WEB) == ref(a)
    (binding,) = d.binding_list()
    assert binding["spec"]["replicas"] == 7


def test_deleting_a_template_removes_its_binding() -> None:
    a = pp("a", by_name())
    d = claimed_with([a], a)
    d.delete_template(WEB)
    assert d.binding_list() == [] and d.claimed_by(WEB) is None
