"""What karmada-webhook adds to and checks on policies, as the sandbox's admission step.

Defaults and rules follow Karmada's policy webhooks and `pkg/util/validation` (see
API-NOTES.md section 3); messages keep Kubernetes' `field: Invalid value: v: detail` shape.
"""

from __future__ import annotations

from typing import Any

from karmada_sandbox.registry import ResourceType

Errors = list[tuple[str, str]]

DELETION_PROTECTED = "resourcetemplate.karmada.io/deletion-protected"
PROTECTED_MESSAGE = (
    f"This resource is protected, please make sure to remove the label: {DELETION_PROTECTED}"
)
_POLICY_KINDS = ("PropagationPolicy", "ClusterPropagationPolicy")
_OVERRIDE_KINDS = ("OverridePolicy", "ClusterOverridePolicy")
_FIELD_KEYS = ("provider", "region", "zone")
_SERVICE_IMPORT = ("multicluster.x-k8s.io/v1alpha1", "ServiceImport")


def _invalid(path: str, value: Any, detail: str) -> tuple[str, str]:
    shown = f'"{value}"' if isinstance(value, str) else ("null" if value is None else value)
    if isinstance(value, (dict, list)):
        shown = '"object"'
    return path, f"Invalid value: {shown}: {detail}"


def _default_policy(obj: dict[str, Any]) -> None:
    # Defaults inside list items (selector namespaces, spread constraints) are left out on
    # purpose: kubectl compares lists whole, so a re-apply would report "configured".
    spec = obj.setdefault("spec", {})
    selectors = spec.get("resourceSelectors") or []
    if any((s.get("apiVersion"), s.get("kind")) == _SERVICE_IMPORT for s in selectors):
        spec["propagateDeps"] = True
    placement = spec.get("placement") or {}
    scheduling = placement.get("replicaScheduling")
    if scheduling and scheduling.get("replicaSchedulingType") == "Divided":
        scheduling.setdefault("replicaDivisionPreference", "Weighted")
    application = (spec.get("failover") or {}).get("application")
    if application and application.get("purgeMode", "Gracefully") == "Gracefully":
        application.setdefault("gracePeriodSeconds", 600)


def _affinity_errors(affinity: dict[str, Any] | None, path: str) -> Errors:
    errors: Errors = []
    selector = (affinity or {}).get("fieldSelector") or {}
    for expression in selector.get("matchExpressions") or ():
        if expression.get("key") not in _FIELD_KEYS:
            detail = f'unsupported key "{expression.get("key")}", must be provider, region, or zone'
            errors.append(_invalid(f"{path}.fieldSelector", selector, detail))
        elif expression.get("operator") not in ("In", "NotIn"):
            detail = f'unsupported operator "{expression.get("operator")}", must be In or NotIn'
            errors.append(_invalid(f"{path}.fieldSelector", selector, detail))
    return errors


def _affinities_errors(terms: list[dict[str, Any]], path: str) -> Errors:
    errors: Errors = []
    seen: set[str] = set()
    for index, term in enumerate(terms):
        name = term.get("affinityName", "")
        if name in seen:
            errors.append(
                _invalid(path, terms, "each affinity term in a policy must have a unique name")
            )
        seen.add(name)
        errors += _affinity_errors(term, f"{path}[{index}]")
    return errors


def _spread_errors(constraints: list[dict[str, Any]], path: str) -> Errors:
    errors: Errors = []
    fields: list[str] = []
    for index, c in enumerate(constraints):
        item = f"{path}[{index}]"
        min_groups, max_groups = c.get("minGroups") or 0, c.get("maxGroups") or 0
        if c.get("spreadByField") and c.get("spreadByLabel"):
            errors.append(_invalid(item, c, "spreadByLabel should not co-exist with spreadByField"))
        if min_groups < 0:
            errors.append(_invalid(item, c, "minGroups lower than 0 is not allowed"))
        if max_groups < 0:
            errors.append(_invalid(item, c, "maxGroups lower than 0 is not allowed"))
        if 0 < max_groups < min_groups:
            errors.append(_invalid(item, c, "maxGroups lower than minGroups is not allowed"))
        if field := c.get("spreadByField"):
            if field in fields:
                errors.append(
                    _invalid(
                        path, constraints, f"multiple {field} spread constraints are not allowed"
                    )
                )
            fields.append(field)
    if fields and "cluster" not in fields:
        detail = (
            "the cluster spread constraint must be enabled in one of the constraints in case of "
            "SpreadByField is enabled"
        )
        errors.append(_invalid(path, constraints, detail))
    return errors


def _placement_errors(placement: dict[str, Any]) -> Errors:
    path = "spec.placement"
    errors: Errors = []
    if (
        placement.get("clusterAffinity") is not None
        and placement.get("clusterAffinities") is not None
    ):
        errors.append(
            _invalid(path, placement, "clusterAffinities cannot co-exist with clusterAffinity")
        )
    errors += _affinity_errors(placement.get("clusterAffinity"), f"{path}.clusterAffinity")
    errors += _affinities_errors(
        placement.get("clusterAffinities") or [], f"{path}.clusterAffinities"
    )
    errors += _spread_errors(placement.get("spreadConstraints") or [], f"{path}.spreadConstraints")
    for index, toleration in enumerate(placement.get("clusterTolerations") or ()):
        if toleration.get("operator") in ("Lt", "Gt"):
            item = f"{path}.clusterTolerations[{index}].operator"
            errors.append(
                _invalid(item, toleration["operator"], "operator Lt and Gt are not supported")
            )
    return errors


def _failover_errors(spec: dict[str, Any]) -> Errors:
    application = (spec.get("failover") or {}).get("application")
    if not application:
        return []
    path = "spec.failover.application"
    errors: Errors = []
    if not spec.get("propagateDeps"):
        detail = "application failover is set, propagateDeps must be true"
        errors.append(_invalid("spec.propagateDeps", False, detail))
    toleration = (application.get("decisionConditions") or {}).get("tolerationSeconds", 300)
    if toleration < 0:
        errors.append(
            _invalid(
                f"{path}.decisionConditions.tolerationSeconds",
                toleration,
                "must be greater than or equal to 0",
            )
        )
    grace = application.get("gracePeriodSeconds")
    if application.get("purgeMode", "Gracefully") != "Gracefully" and grace is not None:
        errors.append(
            _invalid(
                f"{path}.gracePeriodSeconds",
                grace,
                "only takes effect when purgeMode is Gracefully",
            )
        )
    if grace is not None and grace <= 0:
        errors.append(_invalid(f"{path}.gracePeriodSeconds", grace, "must be greater than 0"))
    return errors


def _policy_errors(obj: dict[str, Any], namespaced: bool) -> Errors:
    spec = obj.get("spec") or {}
    errors: Errors = []
    for index, selector in enumerate(spec.get("resourceSelectors") or ()):
        namespace = obj["metadata"].get("namespace")
        if namespaced and selector.get("namespace") not in (None, "", namespace):
            errors.append(
                _invalid(
                    f"spec.resourceSelectors[{index}].namespace",
                    selector["namespace"],
                    "namespace must be the same as the policy's namespace",
                )
            )
        if spec.get("preemption") == "Always" and not selector.get("name"):
            errors.append(
                _invalid(
                    f"spec.resourceSelectors[{index}].name",
                    "",
                    "name cannot be empty if preemption is Always, the empty name may "
                    "cause unexpected resources preemption",
                )
            )
    errors += _placement_errors(spec.get("placement") or {})
    errors += _failover_errors(spec)
    suspension = spec.get("suspension") or {}
    if suspension.get("dispatching") and (suspension.get("dispatchingOnClusters") or {}).get(
        "clusterNames"
    ):
        errors.append(
            _invalid(
                "spec.suspension",
                suspension,
                "suspension dispatching cannot co-exist with dispatchingOnClusters.clusterNames",
            )
        )
    return errors


def _override_errors(obj: dict[str, Any]) -> Errors:
    spec = obj.get("spec") or {}
    errors: Errors = []
    rules = spec.get("overrideRules")
    if spec.get("targetCluster") is not None and rules is not None:
        errors.append(
            _invalid(
                "spec.targetCluster",
                spec["targetCluster"],
                "overrideRules and targetCluster can't co-exist",
            )
        )
    if any((spec.get("overriders") or {}).values()) and rules is not None:
        errors.append(
            _invalid(
                "spec.overriders", spec["overriders"], "overrideRules and overriders can't co-exist"
            )
        )
    errors += _affinity_errors(spec.get("targetCluster"), "spec.targetCluster")
    for index, rule in enumerate(rules or ()):
        path = f"spec.overrideRules[{index}]"
        errors += _affinity_errors(rule.get("targetCluster"), f"{path}.targetCluster")
        for f_index, overrider in enumerate(
            (rule.get("overriders") or {}).get("fieldOverrider") or ()
        ):
            if overrider.get("json") and overrider.get("yaml"):
                errors.append(
                    _invalid(
                        f"{path}.overriders.fieldOverrider[{f_index}]",
                        overrider,
                        "FieldOverrider has both YAML and JSON set. Only one is allowed",
                    )
                )
    return errors


def admit(rtype: ResourceType, obj: dict[str, Any]) -> Errors:
    """Default `obj` in place like karmada-webhook and return its rule violations.

    The permanent-id label and finalizer of policies are the simulated controllers' job.
    """
    if rtype.group != "policy.karmada.io":
        return []
    if rtype.kind in _POLICY_KINDS:
        _default_policy(obj)
        return _policy_errors(obj, rtype.namespaced)
    if rtype.kind in _OVERRIDE_KINDS:
        return _override_errors(obj)
    return []


def deletion_protected(obj: dict[str, Any]) -> bool:
    """Whether the deletion-protection webhook refuses to delete this object."""
    return ((obj.get("metadata") or {}).get("labels") or {}).get(DELETION_PROTECTED) == "Always"
