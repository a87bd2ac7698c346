"""Karmada's scheduler as pure functions: where the replicas of one workload go.

Public API (stable; used by the console's preview and the sandbox):

- `schedule(clusters, workload, placement, *, previous=None, options=None, policy=None)`
  -> `ScheduleResult`. `clusters` are Cluster objects (cluster.karmada.io/v1alpha1 dicts);
  `workload` is `{"apiVersion", "kind", "metadata": {"uid", ...}, "replicas",
  "resourceRequest": {"cpu": "500m", ...}}`; `placement` is a PropagationPolicy's
  `spec.placement`. With `previous` (`{"clusters": [...], "replicas", "placement",
  "observedGeneration", "generation", "observedAffinityName", "rescheduleTriggered"}`) the
  call is a rescheduling of an existing binding. `options`:
  `{"enableEmptyWorkloadPropagation": bool}`. `policy` (a whole PropagationPolicy) is
  admitted instead of just the placement.
- `ScheduleResult`: `scheduled`, `clusters` (`TargetCluster(name, replicas)`, sorted by
  name), `error` (`SchedulingError(reason, message)`), `observed_affinity_name`,
  `admission_denied`, `filter_results` ({term: {cluster: ["Plugin: reason", ...]}}),
  `available_replicas` ({cluster: general-estimator answer}), `effective_placement`,
  `rescheduled`, `scheduler_observed_generation`, `triggers`, and `to_expected()`.
- `explain(clusters, workload, placement, previous=None)`: just `filter_results`.
- `validate_placement(placement) -> str | None`: the validating webhook's message.
- `default_placement(placement) -> dict`: CRD + mutating-webhook defaults.
"""

from karmada_semantics.scheduling.admission import default_placement, validate_placement
from karmada_semantics.scheduling.api import explain, schedule
from karmada_semantics.scheduling.model import TargetCluster
from karmada_semantics.scheduling.result import ScheduleResult, SchedulingError

__all__ = [
    "ScheduleResult",
    "SchedulingError",
    "TargetCluster",
    "default_placement",
    "explain",
    "schedule",
    "validate_placement",
]
