"""Which policy claims a fresh template: one test per matching rule."""

from __future__ import annotations

import random

from karmada_semantics.detector import (
    PolicyMatcher,
    PolicyRef,
    matching_override_policies,
    select_policy,
)
from karmada_semantics.selectors import ImplicitPriority
from tests.unit.semantics.test_detector_support import (
    by_kind,
    by_label,
    by_name,
    cpp,
    deployment,
    pp,
)


def _winner(pps: list, cpps: list | None = None, template: dict | None = None) -> str | None:
    match = select_policy(template or deployment(), pps, cpps or [])
    return match.ref.name if match else None


def test_name_beats_label_selector_at_equal_priority() -> None:
    assert _winner([pp("a-label", by_label()), pp("z-name", by_name())]) == "z-name"


def test_label_selector_beats_kind_only_at_equal_priority() -> None:
    assert _winner([pp("a-all", by_kind()), pp("z-label", by_label())]) == "z-label"


def test_higher_explicit_priority_beats_more_specific_selector() -> None:
    assert _winner([pp("name", by_name(), priority=1), pp("all", by_kind(), priority=2)]) == "all"


def test_negative_priority_loses_to_default_priority() -> None:
    assert _winner([pp("neg", by_name(), priority=-1), pp("zero", by_kind())]) == "zero"


def test_name_sorting_first_breaks_a_full_tie() -> None:
    assert _winner([pp("b", by_name()), pp("a", by_name())]) == "a"


def test_best_selector_of_a_policy_counts() -> None:
    multi = pp("b-multi", by_kind(), by_name("other"), by_name())
    assert _winner([pp("a-label", by_label()), multi]) == "b-multi"


def test_name_selector_ignores_its_label_selector() -> None:
    selector = by_name(labelSelector={"matchLabels": {"app": "nope"}})
    match = select_policy(deployment(), [pp("p", selector)], [])
    assert match is not None and match.implicit_priority == ImplicitPriority.MATCH_NAME


def test_api_version_must_match_exactly() -> None:
    selector = {"apiVersion": "apps/v1beta1", "kind": "Deployment", "name": "web"}
    assert _winner([pp("old", selector)]) is None


def test_namespaced_policy_beats_cluster_policy_regardless_of_priority() -> None:
    assert _winner([pp("pp", by_kind(), priority=-10)], [cpp("cpp", by_name(), priority=100)]) == (
        "pp"
    )


def test_cluster_policy_used_when_no_propagation_policy_matches() -> None:
    pps = [pp("wrong", by_label({"app": "db"}))]
    match = select_policy(deployment(), pps, [cpp("all", by_kind())])
    assert match is not None and match.ref == PolicyRef("ClusterPropagationPolicy", "", "all")


def test_propagation_policy_of_other_namespace_never_matches() -> None:
    other = pp("other", by_name(namespace="other"), namespace="other")
    assert _winner([other], [cpp("all", by_kind())]) == "all"


def test_cluster_scoped_template_is_matched_by_cluster_policies_only() -> None:
    namespace = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}}
    selector = {"apiVersion": "v1", "kind": "Namespace"}
    assert _winner([pp("pp", selector)], [cpp("cpp", selector)], namespace) == "cpp"


def test_cluster_policy_selector_namespace_restricts_the_match() -> None:
    assert _winner([], [cpp("elsewhere", by_kind(namespace="prod"))]) is None
    assert _winner([], [cpp("here", by_kind(namespace="default"))]) == "here"


def test_policy_being_deleted_never_matches() -> None:
    deleting = pp("a", by_name())
    deleting["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z"
    assert _winner([deleting, pp("b", by_kind())]) == "b"


def test_explanation_says_why_each_other_policy_lost() -> None:
    match = select_policy(
        deployment(),
        [
            pp("win", by_name(), priority=5),
            pp("low", by_name(), priority=3),
            pp("lab", by_label(), priority=5),
        ],
        [cpp("cluster", by_kind())],
    )
    assert match is not None
    reasons = {r.policy.name: r.reason for r in match.rejected}
    assert reasons["low"] == "lower explicit priority (3 < 5)"
    assert reasons["lab"].startswith("same explicit priority, less specific match")
    assert reasons["cluster"] == "a PropagationPolicy matched first"
    assert "win wins" in match.explain()


def _random_policy(rnd: random.Random, index: int, cluster: bool) -> dict:
    choice = rnd.randrange(3)
    if choice == 0:
        selector = by_name(f"app-{rnd.randrange(6)}")
    elif choice == 1:
        selector = by_label({"team": f"t{rnd.randrange(4)}"})
    else:
        selector = by_kind()
    priority = rnd.randrange(-2, 3)
    if cluster:
        return cpp(f"c{rnd.randrange(50)}-{index}", selector, priority=priority)
    return pp(f"p{rnd.randrange(50)}-{index}", selector, priority=priority)


def test_indexed_matcher_agrees_with_select_policy() -> None:
    rnd = random.Random(11)
    for _ in range(200):
        pps = [_random_policy(rnd, i, False) for i in range(rnd.randrange(6))]
        cpps = [_random_policy(rnd, i, True) for i in range(rnd.randrange(4))]
        template = deployment(f"app-{rnd.randrange(6)}", labels={"team": f"t{rnd.randrange(4)}"})
        expected = select_policy(template, pps, cpps)
        got = PolicyMatcher(pps, cpps).match(template)
        assert (got is None) == (expected is None)
        assert got is None or expected is None or got is expected.policy


def _override(name: str, kind: str, *selectors: dict, namespace: str | None = None) -> dict:
    meta = {"name": name} if namespace is None else {"name": name, "namespace": namespace}
    return {"kind": kind, "metadata": meta, "spec": {"resourceSelectors": list(selectors)}}


def test_override_policies_apply_cluster_first_then_least_specific_first() -> None:
    ops = [
        _override("b-name", "OverridePolicy", by_name(), namespace="default"),
        _override("a-all", "OverridePolicy", namespace="default"),
        _override("c-label", "OverridePolicy", by_label(), namespace="default"),
        _override("other-ns", "OverridePolicy", namespace="other"),
        _override("d-miss", "OverridePolicy", by_name("nope"), namespace="default"),
    ]
    cops = [_override("z-cop", "ClusterOverridePolicy", by_kind())]
    matches = matching_override_policies(deployment(), ops, cops)
    assert [p["metadata"]["name"] for p in matches.cluster_override_policies] == ["z-cop"]
    assert [p["metadata"]["name"] for p in matches.override_policies] == [
        "a-all",
        "c-label",
        "b-name",
    ]


def test_override_policies_never_apply_to_cluster_scoped_templates() -> None:
    namespace = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team"}}
    ops = [_override("all", "OverridePolicy", namespace="default")]
    assert matching_override_policies(namespace, ops, []).override_policies == []
