"""Claim metadata on templates and bindings (`pkg/detector/claim.go`).

A PropagationPolicy claim is the permanent-id label plus namespace / name annotations; a
ClusterPropagationPolicy claim is its permanent-id label plus a name annotation. The functions
here edit an object dict in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from karmada_semantics.detector.keys import (
    CLAIM_ANNOTATIONS,
    CLAIM_LABELS,
    CPP_ID_LABEL,
    CPP_KIND,
    CPP_NAME_ANNOTATION,
    PP_ID_LABEL,
    PP_KIND,
    PP_NAME_ANNOTATION,
    PP_NAMESPACE_ANNOTATION,
    PolicyRef,
)


def _meta(obj: dict[str, Any]) -> dict[str, Any]:
    return obj.setdefault("metadata", {})  # type: ignore[no-any-return]


def _drop(obj: dict[str, Any], field: str, keys: tuple[str, ...]) -> None:
    values = _meta(obj).get(field)
    if values:
        for key in keys:
            values.pop(key, None)


def add_pp_claim(obj: dict[str, Any], policy_id: str, ref: PolicyRef) -> None:
    """`AddPPClaimMetadata`."""
    meta = _meta(obj)
    meta.setdefault("labels", {})[PP_ID_LABEL] = policy_id
    annotations = meta.setdefault("annotations", {})
    annotations[PP_NAMESPACE_ANNOTATION] = ref.namespace
    annotations[PP_NAME_ANNOTATION] = ref.name


def add_cpp_claim(obj: dict[str, Any], policy_id: str, ref: PolicyRef) -> None:
    """`AddCPPClaimMetadata`."""
    meta = _meta(obj)
    meta.setdefault("labels", {})[CPP_ID_LABEL] = policy_id
    meta.setdefault("annotations", {})[CPP_NAME_ANNOTATION] = ref.name


def remove_pp_claim(obj: dict[str, Any]) -> None:
    """`CleanupPPClaimMetadata`."""
    _drop(obj, "labels", (PP_ID_LABEL,))
    _drop(obj, "annotations", (PP_NAMESPACE_ANNOTATION, PP_NAME_ANNOTATION))


def remove_cpp_claim(obj: dict[str, Any]) -> None:
    """`CleanupCPPClaimMetadata`."""
    _drop(obj, "labels", (CPP_ID_LABEL,))
    _drop(obj, "annotations", (CPP_NAME_ANNOTATION,))


def remove_claim(obj: dict[str, Any], kind: str) -> None:
    """Remove the claim metadata of one policy kind."""
    if kind == PP_KIND:
        remove_pp_claim(obj)
    else:
        remove_cpp_claim(obj)


def exclude_cluster_policy(obj: dict[str, Any]) -> bool:
    """`excludeClusterPolicy`: drop a ClusterPropagationPolicy claim; True if there was one."""
    if CPP_ID_LABEL not in (_meta(obj).get("labels") or {}):
        return False
    remove_cpp_claim(obj)
    return True


def carries(obj: Mapping[str, Any], claim_labels: Mapping[str, str]) -> bool:
    """`NeedCleanupClaimMetadata`: every given label has exactly the given value."""
    labels = (obj.get("metadata") or {}).get("labels") or {}
    return all(labels.get(key) == value for key, value in claim_labels.items())


def pp_claim(obj: Mapping[str, Any]) -> tuple[PolicyRef, str] | None:
    """The PropagationPolicy claim the detector honours (annotations and label all set)."""
    meta = obj.get("metadata") or {}
    annotations, labels = meta.get("annotations") or {}, meta.get("labels") or {}
    namespace = annotations.get(PP_NAMESPACE_ANNOTATION) or ""
    name = annotations.get(PP_NAME_ANNOTATION) or ""
    policy_id = labels.get(PP_ID_LABEL) or ""
    if namespace and name and policy_id:
        return PolicyRef(PP_KIND, namespace, name), policy_id
    return None


def cpp_claim(obj: Mapping[str, Any]) -> tuple[PolicyRef, str] | None:
    """The ClusterPropagationPolicy claim the detector honours (annotation and label set)."""
    meta = obj.get("metadata") or {}
    name = (meta.get("annotations") or {}).get(CPP_NAME_ANNOTATION) or ""
    policy_id = (meta.get("labels") or {}).get(CPP_ID_LABEL) or ""
    if name and policy_id:
        return PolicyRef(CPP_KIND, "", name), policy_id
    return None


def honoured_claim(obj: Mapping[str, Any]) -> PolicyRef | None:
    """The claim `propagateResource` follows: a PropagationPolicy's first, else a cluster one."""
    claim = pp_claim(obj) or cpp_claim(obj)
    return claim[0] if claim else None


def all_claims(obj: Mapping[str, Any]) -> list[PolicyRef]:
    """Every claim an object carries (a binding may briefly carry both kinds)."""
    return [claim[0] for claim in (pp_claim(obj), cpp_claim(obj)) if claim]


def claim_metadata(obj: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Only the claim labels and annotations of an object."""
    meta = obj.get("metadata") or {}
    labels, annotations = meta.get("labels") or {}, meta.get("annotations") or {}
    return {
        "labels": {k: v for k, v in labels.items() if k in CLAIM_LABELS},
        "annotations": {k: v for k, v in annotations.items() if k in CLAIM_ANNOTATIONS},
    }


def claim_for_pp(obj: dict[str, Any], policy_id: str, ref: PolicyRef) -> bool:
    """`ClaimPolicyForObject` without the write: True when the object changed and must be saved.

    An object already carrying this PropagationPolicy's id and no cluster claim is left alone;
    otherwise any ClusterPropagationPolicy claim is dropped and this claim written.
    """
    labels = (obj.get("metadata") or {}).get("labels") or {}
    if labels:
        excluded = exclude_cluster_policy(obj)
        if not excluded and labels.get(PP_ID_LABEL) == policy_id:
            return False
    add_pp_claim(obj, policy_id, ref)
    return True


def claim_for_cpp(obj: dict[str, Any], policy_id: str, ref: PolicyRef) -> bool:
    """`ClaimClusterPolicyForObject` without the write: True when the object must be saved."""
    labels = (obj.get("metadata") or {}).get("labels") or {}
    if labels.get(CPP_ID_LABEL) == policy_id:
        return False
    add_cpp_claim(obj, policy_id, ref)
    return True
