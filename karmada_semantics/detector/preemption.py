"""Policy preemption (`pkg/detector/preemption.go`, feature gate `PropagationPolicyPreemption`).

Runs only from a policy's own handler. The policy looks each template up by its selector
(apiVersion, kind, namespace, name as written) and re-claims it when allowed:
a PropagationPolicy takes a PropagationPolicy claim only with a strictly higher explicit
priority and a ClusterPropagationPolicy claim regardless of priority; a
ClusterPropagationPolicy takes only ClusterPropagationPolicy claims of strictly lower priority.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from karmada_semantics.detector.admission import id_label
from karmada_semantics.detector.claims import claim_for_cpp, claim_for_pp
from karmada_semantics.detector.keys import (
    CPP_KIND,
    CPP_NAME_ANNOTATION,
    PP_KIND,
    PP_NAME_ANNOTATION,
    PP_NAMESPACE_ANNOTATION,
    PolicyRef,
    TemplateKey,
    annotations_of,
    explicit_priority,
    is_deleting,
    labels_of,
    selectors_of,
)
from karmada_semantics.detector.store import DetectorStore, NoKindMatch


def preemption_enabled(policy: Mapping[str, Any], gate: bool) -> bool:
    """`preemptionEnabled`: `preemption: Always` and the feature gate on."""
    return gate and (policy.get("spec") or {}).get("preemption") == "Always"


def _not_found(ref: PolicyRef) -> str:
    resource = "propagationpolicies" if ref.kind == PP_KIND else "clusterpropagationpolicies"
    return f'{resource}.policy.karmada.io "{ref.name}" not found'


class Preemption(DetectorStore):
    """The preemption half of the policy handlers."""

    def preempt(self, policy: Mapping[str, Any]) -> str | None:
        """`handle(Cluster)PropagationPolicyPreemption`; returns the aggregated error, if any."""
        errors: list[str] = []
        for selector in selectors_of(policy):
            key = TemplateKey(
                selector.get("apiVersion", ""),
                selector.get("kind", ""),
                selector.get("namespace") or "",
                selector.get("name") or "",
            )
            try:
                template = self.fetch_template(key)
            except (NoKindMatch, ValueError) as exc:
                errors.append(str(exc))
                continue
            if template is None or is_deleting(template):
                continue
            error = self._preempt_one(template, policy)
            if error:
                errors.append(error)
        if not errors:
            return None
        return errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]"

    def _preempt_one(self, template: dict[str, Any], policy: Mapping[str, Any]) -> str | None:
        if PolicyRef.of(policy).kind == CPP_KIND:
            return self._take_from_cpp(template, policy, by_priority=True)
        error = self._take_from_pp(template, policy)
        if error:
            return error
        return self._take_from_cpp(template, policy, by_priority=False)

    def _take_from_pp(self, template: dict[str, Any], policy: Mapping[str, Any]) -> str | None:
        """`preemptPropagationPolicy`: only a strictly higher explicit priority wins."""
        annotations = annotations_of(template)
        namespace = annotations.get(PP_NAMESPACE_ANNOTATION) or ""
        name = annotations.get(PP_NAME_ANNOTATION) or ""
        ref = PolicyRef.of(policy)
        if not namespace or not name or (namespace, name) == (ref.namespace, ref.name):
            return None
        claimed_ref = PolicyRef(PP_KIND, namespace, name)
        claimed = self.policy(claimed_ref)
        if claimed is None:
            return _not_found(claimed_ref)
        if explicit_priority(policy) <= explicit_priority(claimed):
            return None
        self._claim(template, policy, ref)
        return None

    def _take_from_cpp(
        self, template: dict[str, Any], policy: Mapping[str, Any], *, by_priority: bool
    ) -> str | None:
        """`preemptClusterPropagationPolicy(Directly)`: a PP ignores priority, a CPP needs more."""
        name = annotations_of(template).get(CPP_NAME_ANNOTATION) or ""
        ref = PolicyRef.of(policy)
        if not name or (ref.kind == CPP_KIND and name == ref.name):
            return None
        if by_priority:
            claimed_ref = PolicyRef(CPP_KIND, "", name)
            claimed = self.policy(claimed_ref)
            if claimed is None:
                return _not_found(claimed_ref)
            if explicit_priority(policy) <= explicit_priority(claimed):
                return None
        self._claim(template, policy, ref)
        return None

    def _claim(self, template: dict[str, Any], policy: Mapping[str, Any], ref: PolicyRef) -> None:
        policy_id = labels_of(policy).get(id_label(ref.kind), "")
        claim = claim_for_pp if ref.kind == PP_KIND else claim_for_cpp
        if claim(template, policy_id, ref):
            self.save_template(template)
