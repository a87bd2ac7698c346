"""Scale budget: 100 members and 10,000 templates with bindings and Works stay under 1 GB.

Takes minutes, so it only runs with KAIRSHIP_SANDBOX_SCALE=1 (peak RSS measured at about
500 MB). `make bench` reports the same load's figures as `BENCH sandbox.*` lines.
"""

from __future__ import annotations

import os
import resource

import pytest

from karmada_sandbox.registry import control_plane_registry
from karmada_sandbox.seed.load import apply_load
from karmada_sandbox.store import ObjectStore
from karmada_sandbox.world import KarmadaWorld

MEMBERS = 100
TEMPLATES = int(os.environ.get("KAIRSHIP_SANDBOX_SCALE_TEMPLATES", "10000"))


@pytest.mark.skipif(
    not os.environ.get("KAIRSHIP_SANDBOX_SCALE"),
    reason="set KAIRSHIP_SANDBOX_SCALE=1 to run the scale budget",
)
def test_hundred_members_and_ten_thousand_templates_fit_in_a_gigabyte():
    world = KarmadaWorld(ObjectStore(control_plane_registry()), clock=lambda: 0.0)
    apply_load(world, members=MEMBERS, templates=TEMPLATES)
    store = world.control_plane
    world.settle(timeout=3600)
    world.advance(10)
    world.settle(timeout=3600)
    works = store.count(store.registry.by_kind("work.karmada.io/v1alpha1", "Work"))
    assert works >= TEMPLATES
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < 1024
