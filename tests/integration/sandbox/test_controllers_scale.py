"""Scale budget: 100 members and 10,000 templates with bindings and Works stay under 1 GB.

Takes 3-6 minutes, so it only runs with KAIRSHIP_SANDBOX_SCALE=1 (peak RSS measured at about
500 MB; most of the time goes to `karmada_semantics.scheduling.schedule`, which also computes
its per-cluster explanation on every call).
"""

from __future__ import annotations

import os
import resource

import pytest

from karmada_sandbox import seed
from karmada_sandbox.members import MemberSpec
from karmada_sandbox.registry import control_plane_registry
from karmada_sandbox.store import ObjectStore
from karmada_sandbox.world import KarmadaWorld

MEMBERS = 100
TEMPLATES = int(os.environ.get("KAIRSHIP_SANDBOX_SCALE_TEMPLATES", "10000"))
GROUPS = 25


def _policy(group: int) -> dict:
    """Deployments labelled `group=<group>` divided over two members of their own."""
    selector = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "labelSelector": {"matchLabels": {"group": str(group)}},
    }
    clusters = [f"m{(2 * group) % MEMBERS:03d}", f"m{(2 * group + 1) % MEMBERS:03d}"]
    placement = {
        "clusterAffinity": {"clusterNames": clusters},
        "replicaScheduling": {
            "replicaSchedulingType": "Divided",
            "replicaDivisionPreference": "Weighted",
        },
    }
    return seed.policy("PropagationPolicy", f"group-{group}", "load", [selector], placement)


@pytest.mark.skipif(
    not os.environ.get("KAIRSHIP_SANDBOX_SCALE"),
    reason="set KAIRSHIP_SANDBOX_SCALE=1 to run the scale budget",
)
def test_hundred_members_and_ten_thousand_templates_fit_in_a_gigabyte():
    world = KarmadaWorld(ObjectStore(control_plane_registry()), clock=lambda: 0.0)
    for index in range(MEMBERS):
        world.add_member(
            MemberSpec(f"m{index:03d}", ("aws", "gcp", "azure")[index % 3], f"region-{index % 7}")
        )
    store = world.control_plane
    store.create(store.registry.by_kind("v1", "Namespace"), seed.namespace("load"))
    for group in range(GROUPS):
        store.create(store.registry.by_kind(seed.POLICY_API, "PropagationPolicy"), _policy(group))
    deployments = store.registry.by_kind("apps/v1", "Deployment")
    for index in range(TEMPLATES):
        deployment = seed.deployment(f"d{index}", "load", 2, "nginx", "10m", "16Mi")
        deployment["metadata"]["labels"]["group"] = str(index % GROUPS)
        store.create(deployments, deployment)
    world.settle(timeout=3600)
    world.advance(10)
    world.settle(timeout=3600)
    works = store.count(store.registry.by_kind("work.karmada.io/v1alpha1", "Work"))
    assert works >= TEMPLATES
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < 1024
