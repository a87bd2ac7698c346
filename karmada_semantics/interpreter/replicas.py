"""Karmada's built-in (native) replica interpreter (`default/native/replica.go`).

Only the kinds it knows report replicas; everything else (ConfigMap, Namespace, CRDs ...) is 0.
No kube-apiserver defaulting happens first, so a Deployment without `spec.replicas` gives 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _spec_replicas(spec: Mapping[str, Any]) -> int:
    return _int(spec.get("replicas")) or 0


def _job_replicas(spec: Mapping[str, Any]) -> int:
    """Parallelism, capped by completions for fixed-completion Jobs."""
    replicas = _int(spec.get("parallelism")) or 0
    completions = _int(spec.get("completions"))
    if completions is not None and replicas > completions:
        return completions
    return replicas


def _one(_spec: Mapping[str, Any]) -> int:
    """A Pod is always one replica."""
    return 1


_INTERPRETERS: dict[tuple[str, str], Callable[[Mapping[str, Any]], int]] = {
    ("apps/v1", "Deployment"): _spec_replicas,
    ("apps/v1", "StatefulSet"): _spec_replicas,
    ("batch/v1", "Job"): _job_replicas,
    ("v1", "Pod"): _one,
}


def interpret_replicas(template: Mapping[str, Any]) -> int:
    """The binding's `spec.replicas` for this template (0 for kinds without an interpreter)."""
    interpreter = _INTERPRETERS.get((template.get("apiVersion", ""), template.get("kind", "")))
    if interpreter is None:
        return 0
    return interpreter(template.get("spec") or {})


def knows_replicas(template: Mapping[str, Any]) -> bool:
    """Whether the native interpreter has a replica hook for this kind."""
    return (template.get("apiVersion", ""), template.get("kind", "")) in _INTERPRETERS
