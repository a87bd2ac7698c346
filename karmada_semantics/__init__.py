"""Karmada's decisions as pure functions: policy matching, scheduling, overrides.

No Django and no I/O. Used by the console's previews and by the sandbox's simulated
controllers; checked against the vectors produced by Karmada's own code.
"""
