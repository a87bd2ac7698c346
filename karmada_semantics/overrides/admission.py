"""Karmada's OverridePolicy / ClusterOverridePolicy admission, with its exact messages.

The OverridePolicy mutating webhook first gives every resource selector without a namespace
the policy's namespace; both validating webhooks then run `validation.ValidateOverrideSpec`
and deny with `field.ErrorList.ToAggregate().Error()`.
"""

from __future__ import annotations

import re
from typing import Any

from .applied import encode_field_overrider, encode_overriders
from .gojson import encode, encode_string
from .jsonpatch import go_quote
from .policies import with_default_selector_namespace

_QNAME_CHAR = "[A-Za-z0-9]"
_QNAME_FMT = f"({_QNAME_CHAR}[-A-Za-z0-9_.]*)?{_QNAME_CHAR}"
_QNAME_RE = re.compile(f"^{_QNAME_FMT}$")
_LABEL_VALUE_FMT = f"({_QNAME_FMT})?"
_LABEL_VALUE_RE = re.compile(f"^{_LABEL_VALUE_FMT}$")
_DNS_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS_SUBDOMAIN_FMT = f"{_DNS_LABEL_FMT}(\\.{_DNS_LABEL_FMT})*"
_DNS_SUBDOMAIN_RE = re.compile(f"^{_DNS_SUBDOMAIN_FMT}$")
_QNAME_MSG = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character"
)
# The vector harness reports a denial as the scheduling vectors show it.
DENIED_PREFIX = "validating webhook denied: "
_POINTER_ERROR = 'JSON pointer must be empty or start with a "/"\nJSON pointer error'


def _regex_error(message: str, fmt: str, *examples: str) -> str:
    """k8s.io `validation.RegexError`, double spaces included."""
    message += " (e.g. "
    for index, example in enumerate(examples):
        if index:
            message += " or "
        message += f"'{example}', "
    return message + f"regex used for validation is '{fmt}')"


def is_qualified_name(value: str) -> list[str]:
    """k8s.io `validation.IsQualifiedName`."""
    errors: list[str] = []
    parts = value.split("/")
    if len(parts) > 2:
        return [
            "a qualified name "
            + _regex_error(_QNAME_MSG, _QNAME_FMT, "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    name = parts[-1]
    if len(parts) == 2:
        prefix = parts[0]
        if not prefix:
            errors.append("prefix part must be non-empty")
        else:
            errors.extend("prefix part " + m for m in _dns_subdomain(prefix))
    if not name:
        errors.append("name part must be non-empty")
    elif len(name) > 63:
        errors.append("name part must be no more than 63 characters")
    if not _QNAME_RE.match(name):
        errors.append(
            "name part " + _regex_error(_QNAME_MSG, _QNAME_FMT, "MyName", "my.name", "123-abc")
        )
    return errors


def _dns_subdomain(value: str) -> list[str]:
    errors: list[str] = []
    if len(value) > 253:
        errors.append("must be no more than 253 characters")
    if not _DNS_SUBDOMAIN_RE.match(value):
        errors.append(
            _regex_error(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                "characters, '-' or '.', and must start and end with an alphanumeric character",
                _DNS_SUBDOMAIN_FMT,
                "example.com",
            )
        )
    return errors


def _label_value(value: str) -> list[str]:
    errors: list[str] = []
    if len(value) > 63:
        errors.append("must be no more than 63 characters")
    if not _LABEL_VALUE_RE.match(value):
        errors.append(
            _regex_error(
                "a valid label must be an empty string or consist of alphanumeric characters, "
                "'-', '_' or '.', and must start and end with an alphanumeric character",
                _LABEL_VALUE_FMT,
                "MyValue",
                "my_value",
                "12345",
            )
        )
    return errors


def _invalid(path: str, bad_value: str, detail: str) -> str:
    """`field.Invalid(...).Error()`; `bad_value` is already rendered."""
    return f"{path}: Invalid value: {bad_value}: {detail}"


def _requirements(expressions: list[dict[str, Any]]) -> str:
    items = []
    for e in expressions:
        fields = [
            f'"key":{encode_string(e.get("key", ""))}',
            f'"operator":{encode_string(e.get("operator", ""))}',
        ]
        if e.get("values"):
            fields.append(f'"values":{encode(e["values"])}')
        items.append("{" + ",".join(fields) + "}")
    return "[" + ",".join(items) + "]"


def _label_selector(selector: dict[str, Any]) -> str:
    fields = []
    if selector.get("matchLabels"):
        fields.append(f'"matchLabels":{encode(selector["matchLabels"], sort_keys=True)}')
    if selector.get("matchExpressions"):
        fields.append(f'"matchExpressions":{_requirements(selector["matchExpressions"])}')
    return "{" + ",".join(fields) + "}"


def _field_selector(selector: dict[str, Any]) -> str:
    expressions = selector.get("matchExpressions") or []
    return "{" + (f'"matchExpressions":{_requirements(expressions)}' if expressions else "") + "}"


def encode_cluster_affinity(affinity: dict[str, Any]) -> str:
    """`ClusterAffinity` as Go's json.Marshal writes it."""
    fields = []
    if affinity.get("labelSelector") is not None:
        fields.append(f'"labelSelector":{_label_selector(affinity["labelSelector"])}')
    if affinity.get("fieldSelector") is not None:
        fields.append(f'"fieldSelector":{_field_selector(affinity["fieldSelector"])}')
    for name in ("clusterNames", "exclude"):
        if affinity.get(name):
            fields.append(f'"{name}":{encode(affinity[name])}')
    return "{" + ",".join(fields) + "}"


def _field_selector_problem(selector: dict[str, Any] | None) -> str | None:
    """`ValidatePolicyFieldSelector`: the first unsupported key or operator."""
    for expression in (selector or {}).get("matchExpressions") or []:
        key, operator = expression.get("key", ""), expression.get("operator", "")
        if key not in ("provider", "region", "zone"):
            return f'unsupported key "{key}", must be provider, region, or zone'
        if operator not in ("In", "NotIn"):
            return f'unsupported operator "{operator}", must be In or NotIn'
    return None


def _cluster_affinity_errors(affinity: dict[str, Any] | None, path: str) -> list[str]:
    if affinity is None:
        return []
    problem = _field_selector_problem(affinity.get("fieldSelector"))
    if problem is None:
        return []
    selector = affinity.get("fieldSelector")
    bad = "null" if selector is None else _field_selector(selector)
    return [_invalid(f"{path}.fieldSelector", bad, problem)]


def _overriders_are_empty(overriders: dict[str, Any]) -> bool:
    """`emptyOverrides`, which does not look at fieldOverrider."""
    names = (
        "plaintext",
        "imageOverrider",
        "commandOverrider",
        "argsOverrider",
        "labelsOverrider",
        "annotationsOverrider",
    )
    return not any(overriders.get(name) for name in names)


def _operator_errors(entries: list[dict[str, Any]], path: str) -> list[str]:
    """Sub-path pointers and `validateOverrideOperator` for fieldOverrider json/yaml entries."""
    errors: list[str] = []
    for index, entry in enumerate(entries):
        entry_path = f"{path}[{index}]"
        sub_path = entry.get("subPath", "")
        if sub_path and not sub_path.startswith("/"):
            errors.append(_invalid(f"{entry_path}.subPath", go_quote(sub_path), _POINTER_ERROR))
        operator, value = entry.get("operator"), entry.get("value")
        if operator in ("add", "replace") and value is None:
            errors.append(
                _invalid(
                    f"{entry_path}.value", "null", "value is required for add or replace operation"
                )
            )
        elif operator == "remove" and value is not None:
            errors.append(
                _invalid(
                    f"{entry_path}.value",
                    encode(value, raw_floats=True),
                    "value is not allowed for remove operation",
                )
            )
    return errors


def _map_errors(values: dict[str, str], path: str, *, labels: bool) -> list[str]:
    errors: list[str] = []
    for key in sorted(values):
        checked = key if labels else key.lower()
        errors.extend(_invalid(path, go_quote(key), m) for m in is_qualified_name(checked))
        if labels:
            value = values[key]
            errors.extend(_invalid(path, go_quote(value), m) for m in _label_value(value))
    return errors


def _field_overrider_errors(entry: dict[str, Any], path: str) -> list[str]:
    errors: list[str] = []
    if entry.get("yaml") and entry.get("json"):
        errors.append(
            _invalid(
                path,
                encode_field_overrider(entry),
                "FieldOverrider has both YAML and JSON set. Only one is allowed",
            )
        )
    field_path = entry.get("fieldPath", "")
    if field_path and not field_path.startswith("/"):
        errors.append(_invalid(f"{path}.fieldPath", go_quote(field_path), _POINTER_ERROR))
    errors += _operator_errors(entry.get("json") or [], f"{path}.json")
    errors += _operator_errors(entry.get("yaml") or [], f"{path}.yaml")
    return errors


def _rule_errors(rule: dict[str, Any], path: str) -> list[str]:
    overriders = rule.get("overriders") or {}
    base = f"{path}.overriders"
    errors: list[str] = []
    for index, entry in enumerate(overriders.get("annotationsOverrider") or []):
        errors += _map_errors(
            entry.get("value") or {}, f"{base}.annotationsOverrider[{index}].value", labels=False
        )
    for index, entry in enumerate(overriders.get("labelsOverrider") or []):
        errors += _map_errors(
            entry.get("value") or {}, f"{base}.labelsOverrider[{index}].value", labels=True
        )
    for index, entry in enumerate(overriders.get("imageOverrider") or []):
        predicate = entry.get("predicate")
        predicate_path = (predicate or {}).get("path", "")
        if predicate is not None and predicate_path and not predicate_path.startswith("/"):
            errors.append(
                _invalid(
                    f"{base}.imageOverrider[{index}].predicate.path",
                    go_quote(predicate_path),
                    _POINTER_ERROR,
                )
            )
    for index, entry in enumerate(overriders.get("fieldOverrider") or []):
        errors += _field_overrider_errors(entry, f"{base}.fieldOverrider[{index}]")
    return errors + _cluster_affinity_errors(rule.get("targetCluster"), f"{path}.targetCluster")


def _selector_namespace_errors(spec: dict[str, Any], namespace: str) -> list[str]:
    errors: list[str] = []
    for index, selector in enumerate(spec.get("resourceSelectors") or []):
        if (selector.get("namespace") or "") != namespace:
            errors.append(
                _invalid(
                    f"spec.resourceSelectors[{index}].namespace",
                    go_quote(selector.get("namespace") or ""),
                    "namespace of resource selector must be equal to the namespace of the policy",
                )
            )
    return errors


def override_spec_errors(spec: dict[str, Any], namespace: str | None = None) -> list[str]:
    """`validation.ValidateOverrideSpec`; `namespace` is given for an OverridePolicy."""
    errors = [] if namespace is None else _selector_namespace_errors(spec, namespace)
    target, rules = spec.get("targetCluster"), spec.get("overrideRules")
    errors += _cluster_affinity_errors(target, "spec.targetCluster")
    if target is not None and rules is not None:
        errors.append(
            _invalid(
                "spec.targetCluster",
                encode_cluster_affinity(target),
                "overrideRules and targetCluster can't co-exist",
            )
        )
    overriders = spec.get("overriders") or {}
    if not _overriders_are_empty(overriders) and rules is not None:
        errors.append(
            _invalid(
                "spec.overriders",
                encode_overriders(overriders),
                "overrideRules and overriders can't co-exist",
            )
        )
    for index, rule in enumerate(rules or []):
        errors += _rule_errors(rule, f"spec.overrideRules[{index}]")
    return errors


def aggregate(errors: list[str]) -> str:
    """`utilerrors.NewAggregate(errs).Error()`: one message, or "[a, b]" without repeats."""
    unique = list(dict.fromkeys(errors))
    if len(errors) == 1 or len(unique) == 1:
        return unique[0]
    return "[" + ", ".join(unique) + "]"


def validate_override_policy(policy: dict[str, Any]) -> str | None:
    """The webhook's denial message for an OverridePolicy or ClusterOverridePolicy, or None.

    An OverridePolicy first goes through its mutating webhook (selector namespace default).
    """
    if policy.get("kind") == "ClusterOverridePolicy":
        errors = override_spec_errors(policy.get("spec") or {})
    else:
        mutated = with_default_selector_namespace(policy)
        namespace = (mutated.get("metadata") or {}).get("namespace") or ""
        errors = override_spec_errors(mutated.get("spec") or {}, namespace)
    return aggregate(errors) if errors else None


def admission_denial(
    override_policies: list[dict[str, Any]], cluster_override_policies: list[dict[str, Any]]
) -> str | None:
    """The first denial among the policies as they are admitted (OverridePolicies first), in
    the vectors' form "validating webhook denied: <message>"; None when all are admitted."""
    for kind, policies in (
        ("OverridePolicy", override_policies),
        ("ClusterOverridePolicy", cluster_override_policies),
    ):
        for policy in policies:
            message = validate_override_policy({**policy, "kind": kind})
            if message is not None:
                return DENIED_PREFIX + message
    return None
