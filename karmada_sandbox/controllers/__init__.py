"""The sandbox's simulated Karmada controllers, one module each.

Each controller module has `NAME`, `on_event(ctx, source, event)` and `reconcile(ctx, key)`;
see `base.py`. Karmada's decisions (policy matching, scheduling, overrides) come from
`karmada_semantics`; these modules only move objects around them. `karmada_sandbox.world`
lists them in the order events are offered.
"""
