"""A fleet-sized load for scale checks: many members, many Deployments split over them."""

from __future__ import annotations

from karmada_sandbox.members import MemberSpec
from karmada_sandbox.seed import builders
from karmada_sandbox.world import KarmadaWorld

NAMESPACE = "load"
PROVIDERS = ("aws", "gcp", "azure")


def _policy(group: int, members: int) -> dict:
    """Deployments labelled `group=<group>` divided over two members of their own."""
    selector = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "labelSelector": {"matchLabels": {"group": str(group)}},
    }
    clusters = [f"m{(2 * group) % members:03d}", f"m{(2 * group + 1) % members:03d}"]
    placement = {
        "clusterAffinity": {"clusterNames": clusters},
        "replicaScheduling": {
            "replicaSchedulingType": "Divided",
            "replicaDivisionPreference": "Weighted",
        },
    }
    return builders.policy("PropagationPolicy", f"group-{group}", NAMESPACE, [selector], placement)


def apply_load(world: KarmadaWorld, *, members: int, templates: int, groups: int = 25) -> None:
    """Add `members` members and `templates` Deployments claimed by `groups` policies."""
    for index in range(members):
        world.add_member(MemberSpec(f"m{index:03d}", PROVIDERS[index % 3], f"region-{index % 7}"))
    store = world.control_plane
    store.create(store.registry.by_kind("v1", "Namespace"), builders.namespace(NAMESPACE))
    for group in range(groups):
        store.create(
            store.registry.by_kind(builders.POLICY_API, "PropagationPolicy"),
            _policy(group, members),
        )
    deployments = store.registry.by_kind("apps/v1", "Deployment")
    for index in range(templates):
        deployment = builders.deployment(f"d{index}", NAMESPACE, 2, "nginx", "10m", "16Mi")
        deployment["metadata"]["labels"]["group"] = str(index % groups)
        store.create(deployments, deployment)
