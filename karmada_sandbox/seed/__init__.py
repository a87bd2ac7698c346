"""Seeds for a new sandbox world: `empty` (no members) and `demo` (see `seed.demo`).

The object builders in `seed.builders` are re-exported for tests and demos.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from karmada_sandbox.seed.builders import (
    POLICY_API,
    config_map,
    deployment,
    namespace,
    policy,
    secret,
    selector,
    service,
)
from karmada_sandbox.seed.demo import seed_demo

if TYPE_CHECKING:
    from karmada_sandbox.world import KarmadaWorld

SEEDS = ("empty", "demo")


def apply(world: KarmadaWorld, name: str) -> None:
    """Fill a new world with seed `name`. Raises ValueError for an unknown seed."""
    if name not in SEEDS:
        raise ValueError(f"unknown seed {name!r} (known: {', '.join(SEEDS)})")
    if name == "demo":
        seed_demo(world)


__all__ = [
    "POLICY_API",
    "SEEDS",
    "apply",
    "config_map",
    "deployment",
    "namespace",
    "policy",
    "secret",
    "selector",
    "service",
]
