"""Preemption behind the PropagationPolicyPreemption gate: one test per rule."""

from __future__ import annotations

from karmada_semantics.detector.keys import CPP_ID_LABEL, CPP_NAME_ANNOTATION
from tests.unit.semantics.test_detector_support import (
    WEB,
    by_kind,
    by_label,
    by_name,
    claimed_with,
    cpp,
    pp,
    ref,
)


def test_preemption_needs_the_feature_gate() -> None:
    low = pp("low", by_label(), priority=1)
    d = claimed_with([low], low, gate=False)
    d.create_policy(pp("high", by_name(), priority=5, preemption="Always"))
    assert d.claimed_by(WEB) == ref(low)


def test_pp_preempts_pp_with_strictly_higher_priority() -> None:
    low = pp("low", by_label(), priority=1)
    d = claimed_with([low], low, gate=True)
    high = pp("high", by_name(), priority=5, preemption="Always")
    d.create_policy(high)
    assert d.claimed_by(WEB) == ref(high)
    (binding,) = d.binding_list()
    assert binding["spec"]["placement"]["clusterAffinity"]["clusterNames"] == ["member-high"]


def test_pp_does_not_preempt_pp_of_equal_priority() -> None:
    low = pp("low", by_label(), priority=1)
    d = claimed_with([low], low, gate=True)
    d.create_policy(pp("same", by_name(), priority=1, preemption="Always"))
    assert d.claimed_by(WEB) == ref(low)


def test_pp_preempts_cpp_regardless_of_priority() -> None:
    cluster = cpp("c100", by_kind(namespace="default"), priority=100)
    d = claimed_with([cluster], cluster, gate=True)
    d.create_policy(pp("p0", by_name(), preemption="Always"))
    assert d.claimed_by(WEB) == ref(pp("p0"))
    template = d.template(WEB)
    assert CPP_ID_LABEL not in template["metadata"]["labels"]
    (binding,) = d.binding_list()
    assert CPP_NAME_ANNOTATION not in binding["metadata"]["annotations"]


def test_pp_without_preemption_does_not_take_a_cpp_claim() -> None:
    cluster = cpp("c", by_kind(namespace="default"))
    d = claimed_with([cluster], cluster, gate=True)
    d.create_policy(pp("p", by_name(), priority=50))
    assert d.claimed_by(WEB) == ref(cluster)


def test_cpp_preempts_only_a_lower_priority_cpp() -> None:
    low = cpp("low", by_kind(namespace="default"), priority=1)
    d = claimed_with([low], low, gate=True)
    d.create_policy(cpp("equal", by_name(namespace="default"), priority=1, preemption="Always"))
    assert d.claimed_by(WEB) == ref(low)
    d.create_policy(cpp("high", by_name(namespace="default"), priority=2, preemption="Always"))
    assert d.claimed_by(WEB) == ref(cpp("high"))


def test_cpp_never_preempts_a_pp() -> None:
    low = pp("low", by_label(), priority=-5)
    d = claimed_with([low], low, gate=True)
    d.create_policy(cpp("c", by_name(namespace="default"), priority=99, preemption="Always"))
    assert d.claimed_by(WEB) == ref(low)


def test_cpp_selector_without_namespace_never_preempts_a_namespaced_template() -> None:
    low = cpp("low", by_kind(namespace="default"), priority=1)
    d = claimed_with([low], low, gate=True)
    d.create_policy(cpp("high", by_name(), priority=5, preemption="Always"))
    assert d.claimed_by(WEB) == ref(low)


def test_preemption_runs_only_in_the_policy_handler() -> None:
    low = pp("low", by_label(), priority=1)
    high = pp("high", by_name(), priority=10, preemption="Always")
    d = claimed_with([low, high], low, gate=True)
    assert d.claimed_by(WEB) == ref(low)
    d.reconcile_policy(ref(high))
    assert d.claimed_by(WEB) == ref(high)


def test_lowered_priority_requeues_preempting_policies_in_between() -> None:
    top = pp("top", by_label(), priority=5)
    middle = pp("middle", by_name(), priority=3, preemption="Always")
    d = claimed_with([top, middle], top, gate=True)
    d.update_policy(pp("top", by_label(), priority=1))
    assert d.claimed_by(WEB) == ref(middle)


def test_lowered_priority_does_not_requeue_without_the_gate() -> None:
    top = pp("top", by_label(), priority=5)
    middle = pp("middle", by_name(), priority=3, preemption="Always")
    d = claimed_with([top, middle], top, gate=False)
    d.update_policy(pp("top", by_label(), priority=1))
    assert d.claimed_by(WEB) == ref(top)
