"""Karmada's override manager: what each member cluster receives after override policies.

Public API (pure functions, inputs are never mutated):

- `apply_overrides(resource, cluster, override_policies, cluster_override_policies)
  -> OverrideResult`: every matching ClusterOverridePolicy, then every OverridePolicy of the
  resource's namespace, in Karmada's order. `OverrideResult` holds `manifest` (None on failure),
  `applied_cluster_overrides` / `applied_overrides` ({"policyName", "overriders"} per applied
  rule, in application order), `annotations` (the Work annotations, exactly as Karmada writes
  them), `error` (Karmada's error text; Karmada would create no Work) and `admission_denied`
  (a policy rejected by its webhook). `to_expected()` gives the vectors' shape.
- `matching_rules(resource, cluster, override_policies, cluster_override_policies)
  -> list[MatchingRule]`: the rules that apply to the resource in that cluster, in application
  order, with their policy, rule index (None for the legacy single-rule form) and overriders.
- `validate_override_policy(policy) -> str | None`: the admission webhook's denial message for
  an OverridePolicy or ClusterOverridePolicy (chosen by `kind`), or None when admitted.
"""

from .admission import validate_override_policy
from .manager import OverrideResult, apply_overrides
from .policies import MatchingRule, matching_rules

__all__ = [
    "MatchingRule",
    "OverrideResult",
    "apply_overrides",
    "matching_rules",
    "validate_override_policy",
]
