"""The sandbox's simulated Karmada controllers, in the order events are offered to them.

Each module has `NAME`, `on_event(ctx, source, event)` and `reconcile(ctx, key)`; see
`base.py`. Karmada's decisions (policy matching, scheduling, overrides) come from
`karmada_semantics`; these modules only move objects around them.
"""

from karmada_sandbox.controllers import (
    binding,
    bindingstatus,
    clusters,
    clusterstatus,
    detector,
    eviction,
    execution,
    namespaces,
    rollout,
    scheduler,
    taintpolicy,
    workstatus,
)

ALL = (
    clusterstatus,
    clusters,
    taintpolicy,
    namespaces,
    detector,
    scheduler,
    eviction,
    binding,
    execution,
    rollout,
    workstatus,
    bindingstatus,
)
