"""Identifiers shared by the detector modules: claim keys, template keys and policy references."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

PP_KIND = "PropagationPolicy"
CPP_KIND = "ClusterPropagationPolicy"

PP_ID_LABEL = "propagationpolicy.karmada.io/permanent-id"
PP_NAMESPACE_ANNOTATION = "propagationpolicy.karmada.io/namespace"
PP_NAME_ANNOTATION = "propagationpolicy.karmada.io/name"
CPP_ID_LABEL = "clusterpropagationpolicy.karmada.io/permanent-id"
CPP_NAME_ANNOTATION = "clusterpropagationpolicy.karmada.io/name"
CLAIMED_BY_LABEL = "resourcetemplate.karmada.io/claimed-by"

CLAIM_LABELS = (PP_ID_LABEL, CPP_ID_LABEL)
CLAIM_ANNOTATIONS = (PP_NAMESPACE_ANNOTATION, PP_NAME_ANNOTATION, CPP_NAME_ANNOTATION)


class TemplateKey(NamedTuple):
    """A template's identity, like Karmada's `ClusterWideKey` (namespace "" if cluster-scoped)."""

    api_version: str
    kind: str
    namespace: str
    name: str

    @classmethod
    def of(cls, obj: Mapping[str, Any]) -> TemplateKey:
        """The key of a Kubernetes object dict."""
        meta = obj.get("metadata") or {}
        return cls(
            obj.get("apiVersion", ""),
            obj.get("kind", ""),
            meta.get("namespace") or "",
            meta.get("name") or "",
        )

    def __str__(self) -> str:
        where = f"{self.namespace}/{self.name}" if self.namespace else self.name
        return f"{self.api_version}, kind={self.kind}, {where}"


class PolicyRef(NamedTuple):
    """A PropagationPolicy (namespace set) or ClusterPropagationPolicy (namespace "")."""

    kind: str
    namespace: str
    name: str

    @classmethod
    def of(cls, policy: Mapping[str, Any]) -> PolicyRef:
        """The reference of a policy dict."""
        meta = policy.get("metadata") or {}
        kind = policy.get("kind") or PP_KIND
        namespace = (meta.get("namespace") or "") if kind == PP_KIND else ""
        return cls(kind, namespace, meta.get("name") or "")

    @classmethod
    def from_dict(cls, ref: Mapping[str, Any]) -> PolicyRef:
        """Parse `{"kind", "namespace", "name"}` as the vectors write it."""
        kind = ref.get("kind") or PP_KIND
        namespace = (ref.get("namespace") or "") if kind == PP_KIND else ""
        return cls(kind, namespace, ref.get("name") or "")

    def to_dict(self) -> dict[str, str]:
        """The vectors' form: a ClusterPropagationPolicy has no namespace key."""
        if self.kind == CPP_KIND:
            return {"kind": self.kind, "name": self.name}
        return {"kind": self.kind, "namespace": self.namespace, "name": self.name}

    def __str__(self) -> str:
        where = f"{self.namespace}/{self.name}" if self.kind == PP_KIND else self.name
        return f"{self.kind} {where}"


def labels_of(obj: Mapping[str, Any]) -> dict[str, str]:
    """The object's labels (a fresh empty dict when absent)."""
    return dict((obj.get("metadata") or {}).get("labels") or {})


def annotations_of(obj: Mapping[str, Any]) -> dict[str, str]:
    """The object's annotations (a fresh empty dict when absent)."""
    return dict((obj.get("metadata") or {}).get("annotations") or {})


def explicit_priority(policy: Mapping[str, Any]) -> int:
    """`ExplicitPriority()`: spec.priority, 0 when unset."""
    return int((policy.get("spec") or {}).get("priority") or 0)


def selectors_of(policy: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The policy's resource selectors."""
    return list((policy.get("spec") or {}).get("resourceSelectors") or [])


def is_deleting(obj: Mapping[str, Any]) -> bool:
    """Whether metadata.deletionTimestamp is set."""
    return bool((obj.get("metadata") or {}).get("deletionTimestamp"))
