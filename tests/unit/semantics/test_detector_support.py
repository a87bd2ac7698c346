"""Small builders shared by the detector tests (no tests here)."""

from __future__ import annotations

from typing import Any

from karmada_semantics.detector import Detector, PolicyRef, TemplateKey

WEB = TemplateKey("apps/v1", "Deployment", "default", "web")


def deployment(
    name: str = "web",
    namespace: str = "default",
    labels: dict[str, str] | None = None,
    replicas: int = 3,
) -> dict[str, Any]:
    """A Deployment template."""
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
            "name": name,
            "namespace": namespace,
            "uid": f"uid-{name}",
            "labels": {"app": "web"} if labels is None else labels,
        },
        "spec": {"replicas": replicas},
    }


def by_name(name: str = "web", **extra: Any) -> dict[str, Any]:
    """A Deployment selector by name."""
    return {"apiVersion": "apps/v1", "kind": "Deployment", "name": name, **extra}


def by_label(labels: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:
    """A Deployment selector by labels."""
    selector = {"matchLabels": labels or {"app": "web"}}
    return {"apiVersion": "apps/v1", "kind": "Deployment", "labelSelector": selector, **extra}


def by_kind(**extra: Any) -> dict[str, Any]:
    """A Deployment selector by apiVersion / kind only."""
    return {"apiVersion": "apps/v1", "kind": "Deployment", **extra}


def _spec(selectors: tuple[dict[str, Any], ...], name: str, **spec: Any) -> dict[str, Any]:
    body = {key: value for key, value in spec.items() if value is not None}
    return {
        "resourceSelectors": list(selectors),
        "placement": {"clusterAffinity": {"clusterNames": [f"member-{name}"]}},
        **body,
    }


def pp(name: str, *selectors: dict[str, Any], namespace: str = "default", **spec: Any) -> dict:
    """A PropagationPolicy; spec keywords (priority, preemption ...) are copied as given."""
    return {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "PropagationPolicy",
        "metadata": {"name": name, "namespace": namespace},
        "spec": _spec(selectors, name, **spec),
    }


def cpp(name: str, *selectors: dict[str, Any], **spec: Any) -> dict:
    """A ClusterPropagationPolicy; spec keywords are copied as given."""
    return {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "ClusterPropagationPolicy",
        "metadata": {"name": name},
        "spec": _spec(selectors, name, **spec),
    }


def ref(policy: dict[str, Any]) -> PolicyRef:
    """The reference of a policy built above."""
    return PolicyRef.of(policy)


def detector(*policies: dict[str, Any], gate: bool = False) -> Detector:
    """A detector where the given policies already exist (their handlers have not run)."""
    result = Detector(preemption_enabled=gate)
    for policy in policies:
        result.load_policy(policy)
    return result


def claimed_with(
    policies: list[dict[str, Any]], claimer: dict[str, Any], *, gate: bool = False
) -> Detector:
    """A detector whose web Deployment is already bound to `claimer`."""
    result = detector(*policies, gate=gate)
    assert result.add_template(deployment(), claimed_by=ref(claimer)) is None
    return result
