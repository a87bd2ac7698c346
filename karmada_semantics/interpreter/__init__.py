"""Karmada's native resource interpreter for built-in kinds.

- `interpret_replicas(template)` / `knows_replicas(template)`: the binding's `spec.replicas`.
- `pod_template(obj)`, `pod_request(obj)`, `replica_requirements(obj)`: the per-replica request
  and node claim the detector copies into a binding; `workload_summary(template)` is the part
  of a binding `karmada_semantics.scheduling.schedule` reads.
- `revise_replicas(manifest, replicas)`, `job_completions(template, targets)`: how the binding
  controller fits a template to one cluster's share.
- `prune(template)`: the template as a Work manifest holds it.
"""

from karmada_semantics.interpreter.prune import prune
from karmada_semantics.interpreter.replicas import interpret_replicas, knows_replicas
from karmada_semantics.interpreter.requests import (
    format_request,
    pod_request,
    pod_template,
    replica_requirements,
    workload_summary,
)
from karmada_semantics.interpreter.revise import job_completions, revise_replicas

__all__ = [
    "format_request",
    "interpret_replicas",
    "job_completions",
    "knows_replicas",
    "pod_request",
    "pod_template",
    "prune",
    "replica_requirements",
    "revise_replicas",
    "workload_summary",
]
