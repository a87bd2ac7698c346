"""PropagationPolicy admission: CRD + mutating-webhook defaults and validating-webhook checks.

Follows `pkg/webhook/propagationpolicy` and `pkg/util/validation`. Messages are Karmada's
`field.ErrorList` text; `admission_message` adds the "validating webhook denied: " prefix
used by the vectors.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from typing import Any

from karmada_semantics.scheduling.gojson import encode

DENIED_PREFIX = "validating webhook denied: "
_QNAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
_DNS1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_QNAME_MSG = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
)
_DNS_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)
_OVERFLOW_STRATEGY = (
    "overflowAffinities can only be used together with dynamic weight or aggregated scheduling"
)


def default_placement(placement: Mapping[str, Any] | None) -> dict[str, Any]:
    """The placement after CRD defaulting and the mutating webhook (a new dict)."""
    result: dict[str, Any] = copy.deepcopy(dict(placement or {}))
    strategy = result.get("replicaScheduling")
    if isinstance(strategy, dict):
        strategy.setdefault("replicaSchedulingType", "Divided")
        if strategy["replicaSchedulingType"] == "Divided" and not strategy.get(
            "replicaDivisionPreference"
        ):
            strategy["replicaDivisionPreference"] = "Weighted"
    for constraint in result.get("spreadConstraints") or []:
        if not constraint.get("spreadByField") and not constraint.get("spreadByLabel"):
            constraint["spreadByField"] = "cluster"
        if not constraint.get("minGroups"):
            constraint["minGroups"] = 1
    return result


def _invalid(path: str, value: str, detail: str) -> str:
    return f"{path}: Invalid value: {value}: {detail}"


def _quote(text: str) -> str:
    return encode(text, "string")


def aggregate(errors: Sequence[str]) -> str | None:
    """`ErrorList.ToAggregate().Error()`: one message, or "[a, b]" without duplicates."""
    unique = list(dict.fromkeys(errors))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else "[" + ", ".join(unique) + "]"


def _field_selector(affinity: Mapping[str, Any] | None, path: str) -> list[str]:
    selector = (affinity or {}).get("fieldSelector")
    if selector is None:
        return []
    for expression in selector.get("matchExpressions") or []:
        key, operator = expression.get("key", ""), expression.get("operator", "")
        problem = None
        if key not in ("provider", "region", "zone"):
            problem = f"unsupported key {_quote(key)}, must be provider, region, or zone"
        elif operator not in ("In", "NotIn"):
            problem = f"unsupported operator {_quote(operator)}, must be In or NotIn"
        if problem:
            return [_invalid(f"{path}.fieldSelector", encode(selector, "FieldSelector"), problem)]
    return []


def _qualified_name(name: str) -> list[str]:
    """`validation.IsQualifiedName` messages."""
    parts = name.split("/")
    errors: list[str] = []
    if len(parts) > 2:
        return [
            "a qualified name "
            + _QNAME_MSG
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    if len(parts) == 2:
        prefix = parts[0]
        if not prefix:
            errors.append("prefix part must be non-empty")
        elif len(prefix) > 253:
            errors.append("prefix part must be no more than 253 characters")
        elif not _DNS1123.match(prefix):
            errors.append("prefix part " + _DNS_MSG)
    short = parts[-1]
    if not short:
        errors.append("name part must be non-empty")
    elif len(short) > 63:
        errors.append("name part must be no more than 63 characters")
    if not _QNAME.match(short):
        errors.append("name part " + _QNAME_MSG)
    return errors


def _inline_affinity(term: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in term.items() if k not in ("affinityName", "overflowAffinities") and v}


def _overflow(term: Mapping[str, Any], path: str) -> list[str]:
    overflows = term.get("overflowAffinities") or []
    if not overflows:
        return []
    errors = []
    if not _inline_affinity(term):
        errors.append(
            _invalid(
                f"{path}.overflowAffinities",
                encode(overflows, "[OverflowClusterAffinity]"),
                "overflowAffinities can only be used together with the inline ClusterAffinity",
            )
        )
    seen = {term.get("affinityName", "")}
    for index, overflow in enumerate(overflows):
        name = overflow.get("affinityName", "")
        if name in seen:
            errors.append(
                _invalid(
                    f"{path}.overflowAffinities[{index}].affinityName",
                    _quote(name),
                    "overflow affinity name must be unique and must not duplicate the primary "
                    "group's affinityName",
                )
            )
        seen.add(name)
        errors += _field_selector(overflow, f"{path}.overflowAffinities[{index}]")
    return errors


def _affinities(terms: Sequence[Mapping[str, Any]] | None, path: str) -> list[str]:
    errors: list[str] = []
    names: set[str] = set()
    for index, term in enumerate(terms or []):
        name = term.get("affinityName", "")
        errors += [_invalid(f"{path}[{index}]", _quote(name), e) for e in _qualified_name(name)]
        if name in names:
            detail = "each affinity term in a policy must have a unique name"
            errors.append(_invalid(path, encode(terms, "[ClusterAffinityTerm]"), detail))
        names.add(name)
        errors += _field_selector(term, f"{path}[{index}]")
        errors += _overflow(term, f"{path}[{index}]")
    return errors


def _tolerations(tolerations: Sequence[Mapping[str, Any]] | None, path: str) -> list[str]:
    errors = []
    for index, toleration in enumerate(tolerations or []):
        operator = toleration.get("operator") or ""
        if operator not in ("", "Equal", "Exists"):
            errors.append(
                f"{path}[{index}].operator: Unsupported value: {_quote(operator)}: "
                'supported values: "Equal", "Exists"'
            )
    return errors


def _constraint_errors(constraint: Mapping[str, Any], path: str) -> list[str]:
    value = encode(constraint, "SpreadConstraint")
    minimum, maximum = constraint.get("minGroups") or 0, constraint.get("maxGroups") or 0
    problems = []
    if constraint.get("spreadByField") and constraint.get("spreadByLabel"):
        problems.append("spreadByLabel should not co-exist with spreadByField")
    if minimum < 0:
        problems.append("minGroups lower than 0 is not allowed")
    if maximum < 0:
        problems.append("maxGroups lower than 0 is not allowed")
    if 0 < maximum < minimum:
        problems.append("maxGroups lower than minGroups is not allowed")
    return [_invalid(path, value, problem) for problem in problems]


def _spread(constraints: Sequence[Mapping[str, Any]] | None, path: str) -> list[str]:
    errors: list[str] = []
    reported: dict[str, bool] = {}
    for index, constraint in enumerate(constraints or []):
        errors += _constraint_errors(constraint, f"{path}[{index}]")
        by_field = constraint.get("spreadByField") or ""
        if by_field and reported.get(by_field) is False:
            detail = f"multiple {by_field} spread constraints are not allowed"
            errors.append(_invalid(path, encode(constraints, "[SpreadConstraint]"), detail))
            reported[by_field] = True
        if by_field:
            reported.setdefault(by_field, False)
    if reported and "cluster" not in reported:
        detail = (
            "the cluster spread constraint must be enabled in one of the constraints in case of "
            "SpreadByField is enabled"
        )
        errors.append(_invalid(path, encode(constraints, "[SpreadConstraint]"), detail))
    return errors


def _overflow_strategy(placement: Mapping[str, Any], path: str) -> list[str]:
    terms = placement.get("clusterAffinities") or []
    if not any(t.get("overflowAffinities") for t in terms):
        return []
    strategy = placement.get("replicaScheduling") or {}
    dynamic = bool((strategy.get("weightPreference") or {}).get("dynamicWeight"))
    if strategy.get("replicaSchedulingType") == "Divided" and (
        strategy.get("replicaDivisionPreference") == "Aggregated" or dynamic
    ):
        return []
    value = encode(placement.get("replicaScheduling"), "ReplicaSchedulingStrategy*")
    return [_invalid(f"{path}.replicaScheduling", value, _OVERFLOW_STRATEGY)]


def _workload_affinity(affinity: Mapping[str, Any] | None, path: str) -> list[str]:
    if not affinity:
        return []
    errors = []
    keys = {}
    for part in ("affinity", "antiAffinity"):
        key = (affinity.get(part) or {}).get("groupByLabelKey")
        if affinity.get(part) is None:
            continue
        keys[part] = key
        errors += [
            _invalid(f"{path}.{part}.groupByLabelKey", _quote(key or ""), e)
            for e in _qualified_name(key or "")
        ]
    if len(keys) == 2 and keys["affinity"] == keys["antiAffinity"]:
        detail = "affinity and antiAffinity must not use the same groupByLabelKey"
        errors.append(_invalid(path, encode(affinity, "WorkloadAffinity"), detail))
    return errors


def placement_errors(placement: Mapping[str, Any], path: str = "spec.placement") -> list[str]:
    """`ValidatePlacement` as a list of field-error messages."""
    errors = []
    if (
        placement.get("clusterAffinity") is not None
        and placement.get("clusterAffinities") is not None
    ):
        errors.append(
            _invalid(
                path,
                encode(placement, "Placement"),
                "clusterAffinities cannot co-exist with clusterAffinity",
            )
        )
    errors += _field_selector(placement.get("clusterAffinity"), f"{path}.clusterAffinity")
    errors += _affinities(placement.get("clusterAffinities"), f"{path}.clusterAffinities")
    errors += _tolerations(placement.get("clusterTolerations"), f"{path}.clusterTolerations")
    errors += _spread(placement.get("spreadConstraints"), f"{path}.spreadConstraints")
    errors += _overflow_strategy(placement, path)
    errors += _workload_affinity(placement.get("workloadAffinity"), f"{path}.workloadAffinity")
    return errors


def _spec_errors(spec: Mapping[str, Any]) -> list[str]:
    errors = placement_errors(default_placement(spec.get("placement")))
    application = (spec.get("failover") or {}).get("application")
    if application is not None and not spec.get("propagateDeps"):
        errors.append(
            _invalid(
                "spec.propagateDeps",
                "false",
                "application failover is set, propagateDeps must be true",
            )
        )
    if spec.get("preemption") == "Always":
        for index, selector in enumerate(spec.get("resourceSelectors") or []):
            if not selector.get("name"):
                errors.append(
                    _invalid(
                        f"spec.resourceSelectors[{index}].name",
                        '""',
                        "name cannot be empty if preemption is Always, the empty name may cause "
                        "unexpected resources preemption",
                    )
                )
    return errors


def validate_placement(placement: Mapping[str, Any] | None) -> str | None:
    """Karmada's validating-webhook message for a (defaulted) placement, or None when valid."""
    return aggregate(placement_errors(default_placement(placement)))


def admission_message(policy: Mapping[str, Any]) -> str | None:
    """What admitting this PropagationPolicy returns: None, or the vectors' denial text."""
    message = aggregate(_spec_errors(policy.get("spec") or {}))
    return None if message is None else DENIED_PREFIX + message
