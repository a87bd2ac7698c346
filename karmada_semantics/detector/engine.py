"""`Detector`: Karmada's resource detector as a pure in-memory state machine.

Every public operation changes the world the way a user or the API server would, delivers the
resulting informer events, then drains the work queues (policy queues first, then templates),
retrying a failed key once, exactly as the vectors' harness drives Karmada's own code.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from karmada_semantics.detector.admission import admit_create, admit_update
from karmada_semantics.detector.claims import honoured_claim
from karmada_semantics.detector.keys import (
    CLAIM_ANNOTATIONS,
    CLAIM_LABELS,
    CPP_KIND,
    PP_KIND,
    PolicyRef,
    TemplateKey,
    annotations_of,
    labels_of,
)
from karmada_semantics.detector.policy_handlers import PolicyHandlers, policy_queue
from karmada_semantics.detector.reconcile import binding_key
from karmada_semantics.detector.store import TEMPLATE_QUEUE

DELETION_TIMESTAMP = "2026-01-01T00:00:00Z"
_FINALIZERS = {
    PP_KIND: "karmada.io/propagation-policy-controller",
    CPP_KIND: "karmada.io/cluster-propagation-policy-controller",
}


def _trace_key(key: TemplateKey | PolicyRef) -> str:
    """A queue key as Karmada logs it (`ns/name` for policies)."""
    if isinstance(key, PolicyRef):
        return f"{key.namespace}/{key.name}" if key.namespace else key.name
    return str(key)


class Detector(PolicyHandlers):
    """In-memory resource detector: templates, policies, claims and bindings.

    Construct with `preemption_enabled` (feature gate PropagationPolicyPreemption), extra
    REST mappings `kinds` ([{apiVersion, kind, namespaced}]) and an optional `permanent_id`
    factory. Policy operations raise `AdmissionDenied` when a webhook refuses the policy and
    `KeyError` for an unknown policy.
    """

    # -- setting up ----------------------------------------------------------------------

    def load_policy(self, policy: Mapping[str, Any], kind: str | None = None) -> dict[str, Any]:
        """Store an admitted policy without running its handler (it existed before the detector)."""
        kind = kind or policy.get("kind") or PP_KIND
        ref = PolicyRef.of({**policy, "kind": kind})
        admitted = admit_create(policy, kind, self.new_permanent_id(ref))
        meta = admitted.setdefault("metadata", {})
        meta["generation"] = 1
        meta["finalizers"] = [_FINALIZERS[kind]]
        self.save_policy(admitted)
        return admitted

    def load_override_policy(self, policy: Mapping[str, Any]) -> None:
        """Store an OverridePolicy (kind OverridePolicy) or ClusterOverridePolicy."""
        meta = policy.get("metadata") or {}
        if policy.get("kind") == "ClusterOverridePolicy":
            self.cluster_override_policies[meta.get("name", "")] = copy.deepcopy(dict(policy))
        else:
            key = (meta.get("namespace") or "", meta.get("name", ""))
            self.override_policies[key] = copy.deepcopy(dict(policy))

    # -- templates -----------------------------------------------------------------------

    def add_template(
        self, template: Mapping[str, Any], claimed_by: PolicyRef | None = None
    ) -> str | None:
        """Create a template (informer add event) and process it.

        With `claimed_by`, the template is first bound to that policy by applying it directly
        (Karmada's `ApplyPolicy`); returns that step's error text, if any.
        """
        self.learn_scope(template)
        key = TemplateKey.of(template)
        self.save_template(template)
        error = None
        if claimed_by is not None:
            policy = self.policy(claimed_by)
            if policy is None:
                error = f"{claimed_by} not found"
            else:
                error = self.apply_policy(copy.deepcopy(self.templates[key]), policy)
        self.mark_delivered(key)
        if self.passes_event_filter(key):
            self.enqueue(TEMPLATE_QUEUE, key)
        self.drain()
        return error

    def update_template_labels(self, key: TemplateKey, labels: Mapping[str, str]) -> None:
        """Replace the template's own labels, keeping its claim labels, and process the update."""
        template = copy.deepcopy(self.templates[key])
        kept = {k: v for k, v in labels_of(template).items() if k in CLAIM_LABELS}
        template.setdefault("metadata", {})["labels"] = {**labels, **kept}
        self.save_template(template)
        self.drain()

    def update_template(self, template: Mapping[str, Any]) -> None:
        """A user update of an existing template; Karmada's claim metadata on it is kept."""
        key = TemplateKey.of(template)
        stored = self.templates[key]
        updated = copy.deepcopy(dict(template))
        meta = updated.setdefault("metadata", {})
        old_labels, old_annotations = labels_of(stored), annotations_of(stored)
        meta["labels"] = {
            **(meta.get("labels") or {}),
            **{k: v for k, v in old_labels.items() if k in CLAIM_LABELS},
        }
        meta["annotations"] = {
            **(meta.get("annotations") or {}),
            **{k: v for k, v in old_annotations.items() if k in CLAIM_ANNOTATIONS},
        }
        self.save_template(updated)
        self.drain()

    def delete_template(self, key: TemplateKey) -> None:
        """Delete a template; its binding goes with it (owner reference garbage collection)."""
        template = self.templates.get(key)
        if template is None:
            return
        self.bindings.pop(binding_key(template), None)
        self.bindings.pop(("ResourceBinding", *binding_key(template)[1:]), None)
        self.forget_template(key)
        self.waiting.pop(key, None)

    # -- policies ------------------------------------------------------------------------

    def create_policy(self, policy: Mapping[str, Any], kind: str | None = None) -> None:
        """Create a policy (admission, then the policy add handler) and process the queues."""
        ref = PolicyRef.of(self.load_policy(policy, kind))
        self.enqueue(policy_queue(ref.kind), ref)
        self.drain()

    def update_policy(self, policy: Mapping[str, Any], kind: str | None = None) -> None:
        """Replace a stored policy's spec (admitted as an Update) and run the update handler."""
        ref = PolicyRef.of({**policy, "kind": kind or policy.get("kind") or PP_KIND})
        stored = self._stored(ref)
        updated = admit_update(policy, stored)
        updated["metadata"]["generation"] = stored["metadata"].get("generation", 1) + 1
        self.save_policy(updated)
        self.on_policy_update(stored, updated)
        self.drain()

    def delete_policy(self, ref: PolicyRef) -> None:
        """Delete a policy: its finalizer holds it while the detector cleans up its claims."""
        stored = self._stored(ref)
        deleting = copy.deepcopy(stored)
        deleting["metadata"]["deletionTimestamp"] = DELETION_TIMESTAMP
        deleting["metadata"]["generation"] = stored["metadata"].get("generation", 1) + 1
        self.save_policy(deleting)
        self.on_policy_update(stored, deleting)
        self.drain()

    def reconcile_policy(self, ref: PolicyRef) -> None:
        """Re-deliver a policy to its add handler, as after a detector restart."""
        self._stored(ref)
        self.enqueue(policy_queue(ref.kind), ref)
        self.drain()

    def _stored(self, ref: PolicyRef) -> dict[str, Any]:
        policy = self.policy(ref)
        if policy is None:
            raise KeyError(str(ref))
        return policy

    # -- reading -------------------------------------------------------------------------

    def claimed_by(self, key: TemplateKey) -> PolicyRef | None:
        """The claim the detector honours for a template (PropagationPolicy first), or None."""
        template = self.templates.get(key)
        return honoured_claim(template) if template is not None else None

    def template(self, key: TemplateKey) -> dict[str, Any]:
        """A copy of the stored template."""
        return copy.deepcopy(self.templates[key])

    def binding_list(self) -> list[dict[str, Any]]:
        """Copies of every ResourceBinding / ClusterResourceBinding, by kind, namespace, name."""
        return [copy.deepcopy(self.bindings[key]) for key in sorted(self.bindings)]

    # -- the work loop -------------------------------------------------------------------

    def drain(self) -> None:
        """Deliver pending template events and process every queued key until nothing is left."""
        self.deliver_template_events()
        while (item := self.next_item()) is not None:
            queue, key, attempts = item
            if queue == TEMPLATE_QUEUE:
                error = self.reconcile_template(key)
            else:
                error = self.reconcile_policy_key(key)
            entry = {"queue": queue, "key": _trace_key(key)}
            if error:
                entry["error"] = error
            self.reconcile_log.append(entry)
            self.deliver_template_events()
            if error and attempts == 0:
                self.enqueue(queue, key, attempts=1)
