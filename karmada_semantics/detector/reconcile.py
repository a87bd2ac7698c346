"""The template side of the detector: `Reconcile`, `propagateResource` and `ApplyPolicy`."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from karmada_semantics.detector.admission import id_label
from karmada_semantics.detector.claims import (
    add_cpp_claim,
    add_pp_claim,
    carries,
    claim_for_cpp,
    claim_for_pp,
    cpp_claim,
    exclude_cluster_policy,
    pp_claim,
    remove_claim,
)
from karmada_semantics.detector.keys import (
    CLAIMED_BY_LABEL,
    PP_KIND,
    PolicyRef,
    TemplateKey,
    labels_of,
    selectors_of,
)
from karmada_semantics.detector.store import DetectorStore
from karmada_semantics.interpreter.replicas import interpret_replicas
from karmada_semantics.selectors import resource_matches

WAITING_FOR_OVERRIDES = "waiting for dependent overrides"
NO_MATCHED_POLICY = "no matched propagation policy"
OWNER_MISMATCH = (
    "failed to update binding due to different owner reference UID, will try again later "
    "after binding is garbage collected, see https://github.com/karmada-io/karmada/issues/2090"
)


def binding_name(kind: str, name: str) -> str:
    """`names.GenerateBindingName`: `<name>-<kind>` lower-cased, ':' replaced by '.'."""
    return f"{name.replace(':', '.')}-{kind}".lower()


def binding_key(template: Mapping[str, Any]) -> tuple[str, str, str]:
    """(kind, namespace, name) of the binding a template gets."""
    key = TemplateKey.of(template)
    kind = "ResourceBinding" if key.namespace else "ClusterResourceBinding"
    return kind, key.namespace, binding_name(key.kind, key.name)


def matches_policy(template: Mapping[str, Any], policy: Mapping[str, Any]) -> bool:
    """`ResourceMatchSelectors`: any of the policy's selectors matches."""
    return any(resource_matches(template, s) for s in selectors_of(policy))


class TemplateReconciler(DetectorStore):
    """Reconcile of one resource template key, as the detector's template worker does it."""

    def reconcile_template(self, key: TemplateKey) -> str | None:
        """`Reconcile`; returns the error text Karmada's reconcile would return, or None."""
        template = self.templates.get(key)
        if template is None or labels_of(template).get(CLAIMED_BY_LABEL):
            self.waiting.pop(key, None)
            return None
        return self._propagate(copy.deepcopy(template), key)

    def _propagate(self, template: dict[str, Any], key: TemplateKey) -> str | None:
        """`propagateResource`: follow an existing claim, else match PP, then CPP, else wait."""
        claim = pp_claim(template) or cpp_claim(template)
        if claim is not None:
            return self._get_and_apply(template, *claim)
        matcher = self.matcher()
        policy = matcher.best_propagation_policy(template)
        if policy is None:
            policy = matcher.best_cluster_propagation_policy(template)
        if policy is not None:
            if not self.dependent_overrides_present(policy):
                return WAITING_FOR_OVERRIDES
            self.waiting.pop(key, None)
            return self.apply_policy(template, policy)
        if key in self.waiting:
            return None
        self.waiting[key] = None
        return NO_MATCHED_POLICY

    def _get_and_apply(
        self, template: dict[str, Any], ref: PolicyRef, claimed_id: str
    ) -> str | None:
        """`getAndApplyPolicy`: re-apply the claimed policy if it still matches; never re-match."""
        policy = self.policy(ref)
        if policy is None:
            self._release_claims_of(ref.kind, claimed_id)
            return None
        if not matches_policy(template, policy):
            return None
        if not self.dependent_overrides_present(policy):
            return WAITING_FOR_OVERRIDES
        return self.apply_policy(template, policy)

    def _release_claims_of(self, kind: str, policy_id: str) -> None:
        """A claimed policy vanished without its finalizer: drop its claims everywhere."""
        claim = {id_label(kind): policy_id}
        for binding in self.bindings.values():
            if carries(binding, claim):
                remove_claim(binding, kind)
        for template in list(self.templates.values()):
            if carries(template, claim):
                updated = copy.deepcopy(template)
                remove_claim(updated, kind)
                self.save_template(updated)

    def apply_policy(self, template: dict[str, Any], policy: Mapping[str, Any]) -> str | None:
        """`ApplyPolicy` / `ApplyClusterPolicy`: claim the template, then write its binding."""
        ref = PolicyRef.of(policy)
        policy_id = labels_of(policy).get(id_label(ref.kind), "")
        claim = claim_for_pp if ref.kind == PP_KIND else claim_for_cpp
        if claim(template, policy_id, ref):
            self.save_template(template)
        return self._write_binding(template, policy, ref, policy_id)

    def _write_binding(
        self, template: dict[str, Any], policy: Mapping[str, Any], ref: PolicyRef, policy_id: str
    ) -> str | None:
        """`CreateOrUpdate` of the binding: merge claim metadata, replace placement and replicas."""
        key = binding_key(template)
        if ref.kind == PP_KIND:
            key = ("ResourceBinding", *key[1:])
        meta = template.get("metadata") or {}
        existing = self.bindings.get(key)
        if existing is not None and existing["metadata"].get("ownerUID") != meta.get("uid"):
            return OWNER_MISMATCH
        binding = copy.deepcopy(existing) if existing is not None else self._new_binding(key, meta)
        if ref.kind == PP_KIND:
            add_pp_claim(binding, policy_id, ref)
            exclude_cluster_policy(binding)
        else:
            add_cpp_claim(binding, policy_id, ref)
        binding["spec"] = {
            "resource": {
                "apiVersion": template.get("apiVersion", ""),
                "kind": template.get("kind", ""),
                "namespace": meta.get("namespace") or "",
                "name": meta.get("name") or "",
                "uid": meta.get("uid") or "",
            },
            "replicas": interpret_replicas(template),
            "placement": copy.deepcopy((policy.get("spec") or {}).get("placement") or {}),
        }
        self.bindings[key] = binding
        return None

    @staticmethod
    def _new_binding(key: tuple[str, str, str], meta: Mapping[str, Any]) -> dict[str, Any]:
        kind, namespace, name = key
        return {
            "apiVersion": "work.karmada.io/v1alpha2",
            "kind": kind,
            "metadata": {
                "name": name,
                "namespace": namespace,
                "labels": {},
                "annotations": {},
                "ownerUID": meta.get("uid"),
            },
        }
