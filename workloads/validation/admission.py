"""Karmada's admission webhooks, as Problems at the field their `field.Error` names.

The messages come from `karmada_semantics` (the detector's and the scheduler's policy webhook,
the override-policy webhook); only the leading field path is split off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from karmada_semantics.detector.admission import NAME_MAX_LENGTH, spec_errors
from karmada_semantics.overrides.admission import override_spec_errors
from karmada_semantics.overrides.policies import with_default_selector_namespace
from karmada_semantics.scheduling import default_placement
from karmada_semantics.scheduling.admission import placement_errors

from .problems import Problem

_FIELD_ERROR = re.compile(r"^(?P<path>[\w.\[\]-]+): (?P<rest>.*)$", re.DOTALL)


def problem_of(message: str) -> Problem:
    """`spec.x: Invalid value: <value>: detail` -> Problem("spec.x", "detail.")."""
    match = _FIELD_ERROR.match(message)
    if match is None:
        return Problem("", message)
    rest = match["rest"]
    if rest.startswith("Invalid value: "):
        rest = rest.rsplit(": ", 1)[-1]
    return Problem(match["path"], rest if rest.endswith(".") else f"{rest}.")


def _problems(messages: Iterable[str]) -> list[Problem]:
    return list(dict.fromkeys(problem_of(m) for m in messages))


def propagation_policy_problems(policy: Mapping[str, Any]) -> list[Problem]:
    """The PropagationPolicy / ClusterPropagationPolicy webhooks' objections, at their fields."""
    spec = policy.get("spec") or {}
    name = (policy.get("metadata") or {}).get("name") or ""
    messages = [*spec_errors(spec), *placement_errors(default_placement(spec.get("placement")))]
    problems = _problems(messages)
    if len(name) > NAME_MAX_LENGTH:
        problems.insert(
            0, Problem("metadata.name", f"Must be at most {NAME_MAX_LENGTH} characters.")
        )
    return problems


def override_policy_problems(policy: Mapping[str, Any]) -> list[Problem]:
    """The OverridePolicy / ClusterOverridePolicy webhook's objections, at their fields."""
    if policy.get("kind") == "ClusterOverridePolicy":
        return _problems(override_spec_errors(dict(policy.get("spec") or {})))
    mutated = with_default_selector_namespace(dict(policy))
    namespace = (mutated.get("metadata") or {}).get("namespace") or ""
    return _problems(override_spec_errors(mutated.get("spec") or {}, namespace))
