"""Karmada's resource detector: which policy claims a resource template, and what happens next.

Public API (pure, in-memory; used by the console's preview and the sandbox's simulated detector):

- `select_policy(template, propagation_policies, cluster_propagation_policies)`
  `-> PolicyMatch | None`: the policy a not-yet-claimed template would be claimed by, with
  its explicit and implicit priority and, in `PolicyMatch.rejected`, why every other policy
  lost. Ignores existing claims, preemption and dependentOverrides.
- `PolicyMatcher(pps, cpps).match(template)`: the same decision without the explanation, indexed
  by (apiVersion, kind) for bulk use.
- `Detector`: the detector as a state machine over templates, policies, claims and bindings.
  `load_policy` (a policy that already exists), `load_override_policy`, `add_template(template,
  claimed_by=None)`, `update_template(template)`, `update_template_labels(key, labels)`,
  `delete_template(key)`, `create_policy`, `update_policy`, `delete_policy(ref)`,
  `reconcile_policy(ref)`; read back with `claimed_by(key)`, `template(key)`, `binding_list()`
  and `reconcile_log` (every key reconciled, with its error). Policy operations raise
  `AdmissionDenied` (webhook refusal) or `KeyError` (unknown policy).
- `matching_override_policies(template, override_policies, cluster_override_policies)`: the
  ClusterOverridePolicies and OverridePolicies that apply, each in application order.
- `interpret_replicas(template)`: the built-in replica interpreter (Deployment, StatefulSet,
  Job, Pod).
- `TemplateKey`, `PolicyRef`: identities used by the API above.
"""

from karmada_semantics.detector.admission import AdmissionDenied
from karmada_semantics.detector.engine import Detector
from karmada_semantics.detector.keys import PolicyRef, TemplateKey
from karmada_semantics.detector.matching import (
    OverrideMatches,
    PolicyMatch,
    PolicyMatcher,
    Rejection,
    matching_override_policies,
    select_policy,
)
from karmada_semantics.interpreter.replicas import interpret_replicas

__all__ = [
    "AdmissionDenied",
    "Detector",
    "OverrideMatches",
    "PolicyMatch",
    "PolicyMatcher",
    "PolicyRef",
    "Rejection",
    "TemplateKey",
    "interpret_replicas",
    "matching_override_policies",
    "select_policy",
]
