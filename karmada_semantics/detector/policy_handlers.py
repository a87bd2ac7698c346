"""The policy side of the detector: policy reconcile, deletion cleanup and lowered priorities."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

from karmada_semantics.detector.admission import id_label
from karmada_semantics.detector.claims import carries, remove_claim
from karmada_semantics.detector.keys import (
    PP_KIND,
    PolicyRef,
    TemplateKey,
    explicit_priority,
    is_deleting,
    labels_of,
    selectors_of,
)
from karmada_semantics.detector.preemption import Preemption, preemption_enabled
from karmada_semantics.detector.reconcile import (
    WAITING_FOR_OVERRIDES,
    TemplateReconciler,
    binding_key,
    matches_policy,
)
from karmada_semantics.detector.store import CPP_QUEUE, PP_QUEUE, TEMPLATE_QUEUE, NoKindMatch


def policy_queue(kind: str) -> str:
    """The work queue of a policy kind."""
    return PP_QUEUE if kind == PP_KIND else CPP_QUEUE


def resource_key(binding: Mapping[str, Any]) -> TemplateKey:
    """The key of the template a binding was built from (its `spec.resource`)."""
    resource = binding["spec"]["resource"]
    return TemplateKey(
        resource["apiVersion"], resource["kind"], resource["namespace"], resource["name"]
    )


class PolicyHandlers(TemplateReconciler, Preemption):
    """`ReconcilePropagationPolicy` / `ReconcileClusterPropagationPolicy` and the update handler."""

    def on_policy_update(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        """`On(Cluster)PropagationPolicyUpdate`: enqueue on a generation change; re-queue
        preempting policies whose priority lies strictly between a lowered priority and the old one.
        """
        generation = (new.get("metadata") or {}).get("generation")
        if (old.get("metadata") or {}).get("generation") == generation:
            return
        ref = PolicyRef.of(new)
        self.enqueue(policy_queue(ref.kind), ref)
        low, high = explicit_priority(new), explicit_priority(old)
        if not self.preemption_enabled or low >= high:
            return
        peers = (
            [p for (ns, _), p in self.propagation_policies.items() if ns == ref.namespace]
            if ref.kind == PP_KIND
            else list(self.cluster_propagation_policies.values())
        )
        candidates = [
            p
            for p in peers
            if (p.get("spec") or {}).get("preemption") == "Always"
            and low < explicit_priority(p) < high
        ]
        for peer in sorted(candidates, key=explicit_priority, reverse=True):
            self.enqueue(policy_queue(ref.kind), PolicyRef.of(peer))

    def reconcile_policy_key(self, ref: PolicyRef) -> str | None:
        """Reconcile one policy key; returns the error Karmada would return, or None."""
        policy = self.policy(ref)
        if policy is None:
            return None
        if is_deleting(policy):
            self._release_deleted(policy)
            self.drop_policy(ref)
            return None
        return self._handle_creation_or_update(policy)

    def _release_deleted(self, policy: Mapping[str, Any]) -> None:
        """`handlePolicyDeletion`: remove this policy's claims from bindings, then templates."""
        ref = PolicyRef.of(policy)
        claim = {id_label(ref.kind): labels_of(policy).get(id_label(ref.kind), "")}
        seen = set()
        for selector in selectors_of(policy):
            scope = (selector.get("apiVersion", ""), selector.get("kind", ""))
            namespace = selector.get("namespace") or ""
            if (*scope, namespace) in seen:
                continue
            seen.add((*scope, namespace))
            try:
                templates = list(self.list_templates(*scope, namespace, claim))
            except NoKindMatch:
                continue
            for template in templates:
                binding = self.bindings.get(binding_key(template))
                if binding is not None and carries(binding, claim):
                    remove_claim(binding, ref.kind)
                remove_claim(template, ref.kind)
                self.save_template(template)

    def _derived_bindings(self, policy: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
        """Bindings labelled with the policy's permanent id (same namespace for a PP)."""
        ref = PolicyRef.of(policy)
        claim = {id_label(ref.kind): labels_of(policy).get(id_label(ref.kind), "")}
        for (kind, namespace, _), binding in list(self.bindings.items()):
            if ref.kind == PP_KIND and (kind != "ResourceBinding" or namespace != ref.namespace):
                continue
            if carries(binding, claim):
                yield binding

    def _release_unmatched(self, policy: Mapping[str, Any]) -> None:
        """`clean*UnmatchedRBs`: templates this policy no longer selects lose its claim."""
        kind = PolicyRef.of(policy).kind
        for binding in list(self._derived_bindings(policy)):
            template = self._template_of(binding)
            if template is None or matches_policy(template, policy):
                continue
            updated = copy.deepcopy(template)
            remove_claim(updated, kind)
            self.save_template(updated)
            remove_claim(binding, kind)

    def _template_of(self, binding: Mapping[str, Any]) -> dict[str, Any] | None:
        return self.templates.get(resource_key(binding))

    def _handle_creation_or_update(self, policy: Mapping[str, Any]) -> str | None:
        """`Handle(Cluster)PropagationPolicyCreationOrUpdate`."""
        self._release_unmatched(policy)
        for binding in self._derived_bindings(policy):
            self.enqueue(TEMPLATE_QUEUE, resource_key(binding))
        matched = [
            key
            for key in self.waiting
            if key in self.templates and matches_policy(self.templates[key], policy)
        ]
        if matched and not self.dependent_overrides_present(policy):
            return WAITING_FOR_OVERRIDES
        for key in matched:
            self.waiting.pop(key, None)
            self.enqueue(TEMPLATE_QUEUE, key)
        if preemption_enabled(policy, self.preemption_enabled):
            return self.preempt(policy)
        return None
