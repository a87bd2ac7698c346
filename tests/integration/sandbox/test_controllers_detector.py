"""Resource detector: claims, bindings, skipped templates, claim release on policy changes."""

from __future__ import annotations

import pytest

from karmada_sandbox import seed
from karmada_sandbox.members import MemberSpec
from karmada_sandbox.registry import control_plane_registry
from karmada_sandbox.seed import demo
from karmada_sandbox.store import NotFound, ObjectStore
from karmada_sandbox.world import KarmadaWorld

POLICY = "policy.karmada.io/v1alpha1"
PP_NAME = "propagationpolicy.karmada.io/name"


@pytest.fixture
def world() -> KarmadaWorld:
    w = KarmadaWorld(ObjectStore(control_plane_registry()), clock=lambda: 0.0)
    w.add_member(MemberSpec("one", "aws", "us-east-1"))
    for name in ("shop", "kube-system"):
        _create(w, seed.namespace(name))
    w.settle()
    return w


def _type(world: KarmadaWorld, api_version: str, kind: str):
    return world.control_plane.registry.by_kind(api_version, kind)


def _create(world: KarmadaWorld, obj: dict) -> None:
    world.control_plane.create(_type(world, obj["apiVersion"], obj["kind"]), obj)


def _get(world: KarmadaWorld, api_version: str, kind: str, namespace: str | None, name: str):
    return world.control_plane.get(_type(world, api_version, kind), namespace, name)


def _pp(name: str, selectors: list[dict], priority: int = 0, **extra) -> dict:
    policy = seed.policy(
        "PropagationPolicy",
        name,
        "shop",
        selectors,
        {"clusterAffinity": {"clusterNames": ["one"]}},
        **extra,
    )
    policy["spec"]["priority"] = priority
    return policy


def _claimer(world: KarmadaWorld, name: str = "web") -> str | None:
    template = _get(world, "apps/v1", "Deployment", "shop", name)
    return (template["metadata"].get("annotations") or {}).get(PP_NAME)


def test_highest_priority_policy_claims(world):
    _create(world, seed.deployment("web", "shop", 1, "nginx", "10m", "8Mi"))
    _create(world, _pp("all-deployments", [{"apiVersion": "apps/v1", "kind": "Deployment"}], 5))
    _create(world, _pp("by-name", [seed.selector("Deployment", "web", "apps/v1")], 1))
    world.settle()
    assert _claimer(world) == "all-deployments"
    binding = _get(world, "work.karmada.io/v1alpha2", "ResourceBinding", "shop", "web-deployment")
    assert binding["metadata"]["annotations"][PP_NAME] == "all-deployments"


def test_cluster_policy_claims_cluster_scoped_template(world):
    _create(world, demo.platform()[0])
    _create(world, demo.platform()[1])
    world.settle()
    binding = _get(
        world,
        "work.karmada.io/v1alpha2",
        "ClusterResourceBinding",
        None,
        "kairship-viewer-clusterrole",
    )
    assert binding["metadata"]["annotations"]["clusterpropagationpolicy.karmada.io/name"] == (
        "platform-rbac"
    )
    assert binding["spec"]["clusters"] == [{"name": "one"}]
    member = world.members["one"].store
    role_type = member.registry.by_kind("rbac.authorization.k8s.io/v1", "ClusterRole")
    assert member.get(role_type, None, "kairship-viewer")


def test_templates_in_kube_namespaces_and_claimed_by_others_are_skipped(world):
    _create(world, seed.config_map("skipped", "kube-system", {}))
    taken = seed.config_map("taken", "shop", {})
    taken["metadata"]["labels"] = {"resourcetemplate.karmada.io/claimed-by": "mcs"}
    _create(world, taken)
    cpp = seed.policy(
        "ClusterPropagationPolicy",
        "all-configmaps",
        None,
        [{"apiVersion": "v1", "kind": "ConfigMap"}],
        {"clusterAffinity": {"clusterNames": ["one"]}},
    )
    _create(world, cpp)
    world.settle()
    bindings = world.control_plane.list(
        _type(world, "work.karmada.io/v1alpha2", "ResourceBinding")
    )[0]
    assert bindings == []


def test_missing_dependent_override_holds_the_claim(world):
    _create(world, seed.deployment("web", "shop", 1, "nginx", "10m", "8Mi"))
    _create(
        world,
        _pp(
            "web",
            [seed.selector("Deployment", "web", "apps/v1")],
            dependentOverrides=["web-overrides"],
        ),
    )
    world.settle()
    assert _claimer(world) is None
    _create(
        world,
        {
            "apiVersion": POLICY,
            "kind": "OverridePolicy",
            "metadata": {"name": "web-overrides", "namespace": "shop"},
            "spec": {"resourceSelectors": [], "overrideRules": []},
        },
    )
    world.advance(1)
    world.settle()
    assert _claimer(world) == "web"


def test_deleting_the_claiming_policy_hands_over_to_the_next(world):
    _create(world, seed.deployment("web", "shop", 1, "nginx", "10m", "8Mi"))
    _create(world, _pp("first", [seed.selector("Deployment", "web", "apps/v1")], 9))
    _create(world, _pp("second", [seed.selector("Deployment", "web", "apps/v1")], 1))
    world.settle()
    assert _claimer(world) == "first"
    world.control_plane.delete(_type(world, POLICY, "PropagationPolicy"), "shop", "first")
    world.settle()
    assert _claimer(world) == "second"
    with pytest.raises(NotFound):
        _get(world, POLICY, "PropagationPolicy", "shop", "first")


def test_policy_no_longer_selecting_releases_the_claim(world):
    _create(world, seed.deployment("web", "shop", 1, "nginx", "10m", "8Mi"))
    _create(world, _pp("web", [seed.selector("Deployment", "web", "apps/v1")]))
    world.settle()
    policy = _get(world, POLICY, "PropagationPolicy", "shop", "web")
    policy["spec"]["resourceSelectors"] = [seed.selector("Deployment", "other", "apps/v1")]
    world.control_plane.update(_type(world, POLICY, "PropagationPolicy"), policy)
    world.settle()
    assert _claimer(world) is None
    binding = _get(world, "work.karmada.io/v1alpha2", "ResourceBinding", "shop", "web-deployment")
    assert PP_NAME not in (binding["metadata"].get("annotations") or {})


def test_policy_gets_permanent_id_and_finalizer(world):
    _create(world, _pp("web", [seed.selector("Deployment", "web", "apps/v1")]))
    world.settle()
    policy = _get(world, POLICY, "PropagationPolicy", "shop", "web")
    assert policy["metadata"]["labels"]["propagationpolicy.karmada.io/permanent-id"]
    assert policy["metadata"]["finalizers"] == ["karmada.io/propagation-policy-controller"]
    assert "preemption" not in policy["spec"], "the spec is left as the user wrote it"


def test_lazy_policy_reaches_a_template_only_when_it_changes(world):
    _create(world, seed.deployment("web", "shop", 1, "nginx", "10m", "8Mi"))
    _create(
        world,
        _pp("web", [seed.selector("Deployment", "web", "apps/v1")], activationPreference="Lazy"),
    )
    world.settle()
    policy = _get(world, POLICY, "PropagationPolicy", "shop", "web")
    policy["spec"]["placement"] = {"clusterAffinity": {"clusterNames": ["one", "two"]}}
    world.control_plane.update(_type(world, POLICY, "PropagationPolicy"), policy)
    world.settle()
    rb = ("work.karmada.io/v1alpha2", "ResourceBinding", "shop", "web-deployment")
    assert _get(world, *rb)["spec"]["placement"]["clusterAffinity"]["clusterNames"] == ["one"]
    template = _get(world, "apps/v1", "Deployment", "shop", "web")
    template["metadata"]["labels"]["touched"] = "yes"
    world.control_plane.update(_type(world, "apps/v1", "Deployment"), template)
    world.settle()
    assert _get(world, *rb)["spec"]["placement"]["clusterAffinity"]["clusterNames"] == [
        "one",
        "two",
    ]


def test_member_reports_its_kube_system_uid_as_cluster_id(world):
    cluster = _get(world, "cluster.karmada.io/v1alpha1", "Cluster", None, "one")
    member = world.members["one"].store
    kube_system = member.get(member.registry.by_kind("v1", "Namespace"), None, "kube-system")
    assert cluster["spec"]["id"] == kube_system["metadata"]["uid"]
