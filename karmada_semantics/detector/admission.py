"""PropagationPolicy / ClusterPropagationPolicy admission as far as the detector needs it.

Mutating webhook and CRD defaults: PropagationPolicy selectors get the policy namespace, a
permanent id label is set on create, priority / preemption / schedulerName /
conflictResolution get their defaults, and placement gets `Divided` / `Weighted` replica
scheduling and spread-constraint defaults. Validating webhook: cluster-affinity field
selectors, spread constraints, application failover needs propagateDeps, preemption Always
needs a name in every selector, suspension conflicts, and an immutable schedulerName.
Messages are Karmada's (struct values printed as compact JSON, as apimachinery does).
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


def _go_json(value: Any) -> str:
    """Compact JSON, as `field.Invalid` prints a struct (keys already in Go field order)."""
    return json.dumps(value, separators=(",", ":"))


def _struct(obj: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The set fields of an object in Go struct order (`omitempty` drops zero values)."""
    return {name: obj[name] for name in fields if obj.get(name) not in (None, "", 0, [], {})}


def _field_selector_json(selector: Mapping[str, Any]) -> str:
    """A FieldSelector as Go marshals it: key and operator always, values when set."""
    expressions = []
    for expression in selector.get("matchExpressions") or []:
        item = {"key": expression.get("key", ""), "operator": expression.get("operator", "")}
        if expression.get("values"):
            item["values"] = list(expression["values"])
        expressions.append(item)
    return _go_json({"matchExpressions": expressions} if expressions else {})


def _field_selector_error(path: str, affinity: Mapping[str, Any] | None) -> list[str]:
    """`ValidatePolicyFieldSelector`: keys provider / region / zone, operators In / NotIn."""
    selector = (affinity or {}).get("fieldSelector")
    if selector is None:
        return []
    for expression in selector.get("matchExpressions") or []:
        key, operator = expression.get("key", ""), expression.get("operator", "")
        if key not in ("provider", "region", "zone"):
            detail = f"unsupported key {json.dumps(key)}, must be provider, region, or zone"
        elif operator not in ("In", "NotIn"):
            detail = f"unsupported operator {json.dumps(operator)}, must be In or NotIn"
        else:
            continue
        return [f"{path}.fieldSelector: Invalid value: {_field_selector_json(selector)}: {detail}"]
    return []


_SPREAD_FIELDS = ("spreadByField", "spreadByLabel", "maxGroups", "minGroups")


def _spread_item_errors(index: int, constraint: Mapping[str, Any], path: str) -> list[str]:
    """Per-constraint checks: by-field / by-label exclusive, group bounds."""
    prefix = f"{path}[{index}]: Invalid value: {_go_json(_struct(constraint, _SPREAD_FIELDS))}: "
    min_groups, max_groups = constraint.get("minGroups") or 0, constraint.get("maxGroups") or 0
    details = []
    if constraint.get("spreadByField") and constraint.get("spreadByLabel"):
        details.append("spreadByLabel should not co-exist with spreadByField")
    if min_groups < 0:
        details.append("minGroups lower than 0 is not allowed")
    if max_groups < 0:
        details.append("maxGroups lower than 0 is not allowed")
    if 0 < max_groups < min_groups:
        details.append("maxGroups lower than minGroups is not allowed")
    return [prefix + detail for detail in details]


def _spread_errors(constraints: list[Mapping[str, Any]], path: str) -> list[str]:
    """`ValidateSpreadConstraint`: item checks, one constraint per field, a cluster constraint."""
    errors = []
    whole = (
        f"{path}: Invalid value: {_go_json([_struct(c, _SPREAD_FIELDS) for c in constraints])}: "
    )
    seen: dict[str, bool] = {}
    for index, constraint in enumerate(constraints):
        errors += _spread_item_errors(index, constraint, path)
        by_field = constraint.get("spreadByField")
        if by_field:
            if seen.get(by_field) is False:
                errors.append(whole + f"multiple {by_field} spread constraints are not allowed")
                seen[by_field] = True
            seen.setdefault(by_field, False)
    if seen and "cluster" not in seen:
        errors.append(
            whole + "the cluster spread constraint must be enabled in one of the constraints "
            "in case of SpreadByField is enabled"
        )
    return errors


def _placement_errors(placement: Mapping[str, Any]) -> list[str]:
    """The parts of `ValidatePlacement` whose messages this library reproduces."""
    path = "spec.placement"
    errors = _field_selector_error(f"{path}.clusterAffinity", placement.get("clusterAffinity"))
    for index, term in enumerate(placement.get("clusterAffinities") or []):
        errors += _field_selector_error(f"{path}.clusterAffinities[{index}]", term)
    return errors + _spread_errors(
        list(placement.get("spreadConstraints") or []), f"{path}.spreadConstraints"
    )


def _suspension_errors(suspension: Mapping[str, Any] | None) -> list[str]:
    if not suspension or not suspension.get("dispatching"):
        return []
    clusters = (suspension.get("dispatchingOnClusters") or {}).get("clusterNames") or []
    if not clusters:
        return []
    value = _go_json(
        {"dispatching": True, "dispatchingOnClusters": {"clusterNames": list(clusters)}}
    )
    return [
        f"spec.suspension.suspension: Invalid value: {value}: "
        "suspension dispatching cannot co-exist with dispatchingOnClusters.clusterNames"
    ]


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
    errors = _placement_errors(spec.get("placement") or {})
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
    return errors + _suspension_errors(spec.get("suspension"))


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
