"""Preview before apply: what a draft policy would do, as Karmada would do it.

Claims, scheduling, overrides and the native interpreter (per-replica requests, replica
revision, Work pruning) come from `karmada_semantics`; `manifests` renders YAML and diffs.
Pure functions over plain objects (dicts) returning frozen
dataclasses (`to_dict()` for the API):

- `preview_policy(template, draft_policy, *, propagation_policies, cluster_propagation_policies,
  override_policies, cluster_override_policies, clusters, current=None) -> Preview`: which
  policy claims the template (`Preview.claim`), the effective placement, where the scheduler
  puts it (`clusters`, or `error` and `filtered_out` per cluster), each cluster's final Work
  manifest with its diff against the template and applied overrides, and `changes` from `current`.
- `preview_override_policy(draft_override_policy, *, templates, clusters, override_policies,
  cluster_override_policies, bindings=()) -> OverridePreview`: every changed template x cluster.
- `workload_summary(template)`: replicas and per-replica request as the scheduler reads them.
"""

from karmada_semantics.interpreter import workload_summary

from .changes import Changes
from .claims import Claim
from .override import OverrideChange, OverridePreview, preview_override_policy
from .policy import Preview, preview_policy
from .works import ClusterPreview

__all__ = [
    "Changes",
    "Claim",
    "ClusterPreview",
    "OverrideChange",
    "OverridePreview",
    "Preview",
    "preview_override_policy",
    "preview_policy",
    "workload_summary",
]
