"""Vector adapter: runs a `detector/` vector through `Detector`, reporting like `expected`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from karmada_semantics.detector.admission import AdmissionDenied, admit_create
from karmada_semantics.detector.claims import all_claims, claim_metadata
from karmada_semantics.detector.engine import Detector
from karmada_semantics.detector.keys import (
    CPP_KIND,
    PP_KIND,
    PolicyRef,
    TemplateKey,
)

_POLICY_FIELDS = {"propagationPolicy": PP_KIND, "clusterPropagationPolicy": CPP_KIND}


class _Ids:
    """Unique internal permanent ids, reported as the vectors' placeholders."""

    def __init__(self) -> None:
        self.placeholders: dict[str, str] = {}

    def new(self, ref: PolicyRef) -> str:
        """A fresh id for `ref`, remembered with its placeholder."""
        value = f"{ref}#{len(self.placeholders)}"
        self.placeholders[value] = f"<permanent-id of {ref}>"
        return value

    def metadata(self, obj: Mapping[str, Any]) -> dict[str, dict[str, str]]:
        """The object's claim metadata with ids written as placeholders."""
        meta = claim_metadata(obj)
        meta["labels"] = {k: self.placeholders.get(v, v) for k, v in meta["labels"].items()}
        return meta


def _step_policy(step: Mapping[str, Any]) -> tuple[Mapping[str, Any], str]:
    for field, kind in _POLICY_FIELDS.items():
        if field in step:
            return step[field], kind
    raise ValueError(f"step {step.get('op')} names no policy")


def _go_map(labels: Mapping[str, str]) -> str:
    """Go's `%v` of a map[string]string."""
    return "map[" + " ".join(f"{k}:{v}" for k, v in sorted(labels.items())) + "]"


def _denied(message: str) -> dict[str, Any]:
    return {
        "admissionDenied": message,
        "claimedBy": None,
        "templateClaimMetadata": {"labels": {}, "annotations": {}},
        "bindings": [],
        "steps": [],
    }


def _load(detector: Detector, scenario: Mapping[str, Any]) -> None:
    """Admit every policy the scenario creates; raises AdmissionDenied on the first refusal."""
    for policy in scenario.get("propagationPolicies") or []:
        detector.load_policy(policy, PP_KIND)
    for policy in scenario.get("clusterPropagationPolicies") or []:
        detector.load_policy(policy, CPP_KIND)
    for step in scenario.get("steps") or []:
        if step.get("op") == "createPolicy":
            policy, kind = _step_policy(step)
            admit_create(policy, kind, "dry-run")
    for policy in scenario.get("overridePolicies") or []:
        detector.load_override_policy({**policy, "kind": "OverridePolicy"})
    for policy in scenario.get("clusterOverridePolicies") or []:
        detector.load_override_policy({**policy, "kind": "ClusterOverridePolicy"})


def _policy_action(detector: Detector, step: Mapping[str, Any]) -> tuple[PolicyRef, Any]:
    """The policy a step names and a no-argument callable that performs the step."""
    op = step.get("op", "")
    if op in ("createPolicy", "updatePolicy"):
        policy, kind = _step_policy(step)
        ref = PolicyRef.of({**policy, "kind": kind})
        method = detector.create_policy if op == "createPolicy" else detector.update_policy
        return ref, lambda: method(policy, kind)
    ref = PolicyRef.from_dict(step.get("policy") or {})
    by_ref = detector.delete_policy if op == "deletePolicy" else detector.reconcile_policy
    return ref, lambda: by_ref(ref)


def _run_step(
    detector: Detector, key: TemplateKey, step: Mapping[str, Any]
) -> tuple[str, str | None]:
    """Apply one step; returns its name and the error a webhook gave, if any."""
    op = step.get("op", "")
    if op == "updateTemplateLabels":
        labels = step.get("labels") or {}
        detector.update_template_labels(key, labels)
        return f"{op} {_go_map(labels)}", None
    ref, action = _policy_action(detector, step)
    try:
        action()
    except AdmissionDenied as exc:
        return f"{op} {ref}", str(exc)
    except KeyError:
        return f"{op} {ref}", f"{ref} not found"
    return f"{op} {ref}", None


def _step_report(name: str, error: str | None, claim: PolicyRef | None) -> dict[str, Any]:
    report: dict[str, Any] = {"step": name, "claimedBy": claim.to_dict() if claim else None}
    if error:
        report["error"] = error
    return report


def _binding_report(binding: Mapping[str, Any], ids: _Ids) -> dict[str, Any]:
    meta = binding["metadata"]
    report: dict[str, Any] = {"kind": binding["kind"]}
    if binding["kind"] == "ResourceBinding":
        report["namespace"] = meta["namespace"]
    report["name"] = meta["name"]
    report["claimedBy"] = [ref.to_dict() for ref in all_claims(binding)]
    report["claimMetadata"] = ids.metadata(binding)
    report["replicas"] = binding["spec"]["replicas"]
    report["placement"] = binding["spec"]["placement"]
    return report


def run_vector(scenario: dict[str, Any]) -> dict[str, Any]:
    """Run one detector vector input; the result has the shape of the vector's `expected`."""
    ids = _Ids()
    gates = scenario.get("featureGates") or {}
    detector = Detector(
        preemption_enabled=bool(gates.get("PropagationPolicyPreemption")),
        kinds=scenario.get("kinds") or [],
        permanent_id=ids.new,
    )
    try:
        _load(detector, scenario)
    except AdmissionDenied as exc:
        return _denied(str(exc))
    template = scenario["resourceTemplate"]
    key = TemplateKey.of(template)
    claimed = scenario.get("claimedBy")
    ref = PolicyRef.from_dict(claimed) if claimed else None
    name = f"initial: template already claimed by {ref}" if ref else "initial: template added"
    error = detector.add_template(template, claimed_by=ref)
    steps = [_step_report(name, error, detector.claimed_by(key))]
    for step in scenario.get("steps") or []:
        name, error = _run_step(detector, key, step)
        steps.append(_step_report(name, error, detector.claimed_by(key)))
    claim = detector.claimed_by(key)
    return {
        "claimedBy": claim.to_dict() if claim else None,
        "templateClaimMetadata": ids.metadata(detector.template(key)),
        "bindings": [_binding_report(b, ids) for b in detector.binding_list()],
        "steps": steps,
    }
