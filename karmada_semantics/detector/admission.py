"""PropagationPolicy / ClusterPropagationPolicy admission as far as the detector needs it.

Mutating webhook and CRD defaults: PropagationPolicy selectors get the policy namespace, a
permanent id label is set on create, priority / preemption / schedulerName /
conflictResolution get their defaults, and placement gets `Divided` / `Weighted` replica
scheduling and spread-constraint defaults. Validating webhook:
preemption Always needs a name in every selector, application failover needs propagateDeps,
and schedulerName and the permanent id are immutable. Messages are Karmada's.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from karmada_semantics.detector.keys import (
    CPP_ID_LABEL,
    PP_ID_LABEL,
    PP_KIND,
    PolicyRef,
)

NAME_MAX_LENGTH = 63
_PREEMPTION_NAME_DETAIL = (
    "name cannot be empty if preemption is Always, "
    "the empty name may cause unexpected resources preemption"
)


class AdmissionDenied(Exception):
    """A webhook refused the policy; `str()` is `"<Kind> <ns/name> denied: <message>"`."""


def id_label(kind: str) -> str:
    """The permanent-id label key of a policy kind."""
    return PP_ID_LABEL if kind == PP_KIND else CPP_ID_LABEL


def _go_value(value: Any) -> str:
    """How `field.Invalid` prints a simple bad value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)


def _invalid(path: str, value: Any, detail: str) -> str:
    return f"{path}: Invalid value: {_go_value(value)}: {detail}"


def _aggregate(errors: list[str]) -> str:
    """`utilerrors.NewAggregate(...).Error()`: one message, or `[a, b]` without duplicates."""
    unique = list(dict.fromkeys(errors))
    return unique[0] if len(unique) == 1 else "[" + ", ".join(unique) + "]"


def _apply_defaults(policy: dict[str, Any], kind: str) -> None:
    """CRD defaults and the mutating webhook's selector namespace."""
    policy["kind"] = kind
    spec = policy.setdefault("spec", {})
    spec.setdefault("priority", 0)
    spec["preemption"] = spec.get("preemption") or "Never"
    spec["schedulerName"] = spec.get("schedulerName") or "default-scheduler"
    spec["conflictResolution"] = spec.get("conflictResolution") or "Abort"
    _default_placement(spec.get("placement") or {})
    if kind == PP_KIND:
        namespace = (policy.get("metadata") or {}).get("namespace") or ""
        for selector in spec.get("resourceSelectors") or []:
            if not selector.get("namespace"):
                selector["namespace"] = namespace


def _default_placement(placement: dict[str, Any]) -> None:
    """CRD default `Divided`, then the webhook's `Weighted` preference and spread defaults."""
    scheduling = placement.get("replicaScheduling")
    if isinstance(scheduling, dict):
        scheduling["replicaSchedulingType"] = scheduling.get("replicaSchedulingType") or "Divided"
        if scheduling["replicaSchedulingType"] == "Divided":
            preference = scheduling.get("replicaDivisionPreference") or "Weighted"
            scheduling["replicaDivisionPreference"] = preference
    for constraint in placement.get("spreadConstraints") or []:
        if not constraint.get("spreadByField") and not constraint.get("spreadByLabel"):
            constraint["spreadByField"] = "cluster"
        if not constraint.get("minGroups"):
            constraint["minGroups"] = 1


def spec_errors(spec: Mapping[str, Any]) -> list[str]:
    """The parts of `ValidatePropagationSpec` this library reproduces."""
    errors = []
    failover = spec.get("failover") or {}
    if failover.get("application") is not None and not spec.get("propagateDeps"):
        errors.append(
            _invalid(
                "spec.propagateDeps",
                bool(spec.get("propagateDeps")),
                "application failover is set, propagateDeps must be true",
            )
        )
    if spec.get("preemption") == "Always":
        for index, selector in enumerate(spec.get("resourceSelectors") or []):
            if not selector.get("name"):
                path = f"spec.resourceSelectors[{index}].name"
                errors.append(_invalid(path, selector.get("name") or "", _PREEMPTION_NAME_DETAIL))
    return errors


def _check_name(policy: Mapping[str, Any], ref: PolicyRef) -> None:
    if len(ref.name) > NAME_MAX_LENGTH:
        raise AdmissionDenied(
            f"{ref} denied: {ref.kind}'s name should be no more than {NAME_MAX_LENGTH} characters"
        )


def _validate(policy: Mapping[str, Any], ref: PolicyRef) -> None:
    errors = spec_errors(policy.get("spec") or {})
    if errors:
        raise AdmissionDenied(f"{ref} denied: {_aggregate(errors)}")


def admit_create(policy: Mapping[str, Any], kind: str, permanent_id: str) -> dict[str, Any]:
    """Run a new policy through defaulting and the webhooks; returns the stored form.

    Raises AdmissionDenied when a webhook rejects it.
    """
    admitted = copy.deepcopy(dict(policy))
    _apply_defaults(admitted, kind)
    ref = PolicyRef.of(admitted)
    _check_name(admitted, ref)
    labels = admitted.setdefault("metadata", {}).setdefault("labels", {})
    labels.setdefault(id_label(kind), permanent_id)
    _validate(admitted, ref)
    return admitted


def admit_update(policy: Mapping[str, Any], stored: Mapping[str, Any]) -> dict[str, Any]:
    """Admit a new spec for a stored policy (labels and generation come from `stored`).

    Raises AdmissionDenied when a webhook rejects the update.
    """
    kind = stored.get("kind") or PP_KIND
    admitted = copy.deepcopy(dict(stored))
    admitted["spec"] = copy.deepcopy(dict(policy.get("spec") or {}))
    _apply_defaults(admitted, kind)
    ref = PolicyRef.of(admitted)
    old_spec = stored.get("spec") or {}
    if admitted["spec"].get("schedulerName") != old_spec.get("schedulerName"):
        raise AdmissionDenied(f"{ref} denied: the schedulerName should not be updated")
    _validate(admitted, ref)
    return admitted
