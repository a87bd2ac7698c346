"""The detector's in-memory world: templates, policies, bindings, waiting list and work queues.

Stands in for the API server, informers and REST mapper Karmada's detector talks to. Lookups
honour scope like client-go does: a namespaced kind asked for without a namespace, or a
cluster-scoped kind asked for with one, is simply not found.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from karmada_semantics.detector.claims import carries
from karmada_semantics.detector.keys import PP_KIND, PolicyRef, TemplateKey
from karmada_semantics.detector.matching import PolicyMatcher

TEMPLATE_QUEUE = "resourceTemplate"
PP_QUEUE = "propagationPolicy"
CPP_QUEUE = "clusterPropagationPolicy"

_NAMESPACED = {
    "v1": "Pod ConfigMap Secret Service ServiceAccount PersistentVolumeClaim Endpoints Event "
    "LimitRange ResourceQuota ReplicationController PodTemplate",
    "apps/v1": "Deployment StatefulSet DaemonSet ReplicaSet ControllerRevision",
    "batch/v1": "Job CronJob",
    "networking.k8s.io/v1": "Ingress NetworkPolicy",
    "autoscaling/v1": "HorizontalPodAutoscaler",
    "autoscaling/v2": "HorizontalPodAutoscaler",
    "policy/v1": "PodDisruptionBudget",
    "rbac.authorization.k8s.io/v1": "Role RoleBinding",
    "discovery.k8s.io/v1": "EndpointSlice",
    "coordination.k8s.io/v1": "Lease",
}
_CLUSTER_SCOPED = {
    "v1": "Namespace Node PersistentVolume",
    "rbac.authorization.k8s.io/v1": "ClusterRole ClusterRoleBinding",
    "storage.k8s.io/v1": "StorageClass CSIDriver",
    "apiextensions.k8s.io/v1": "CustomResourceDefinition",
    "networking.k8s.io/v1": "IngressClass",
    "scheduling.k8s.io/v1": "PriorityClass",
    "admissionregistration.k8s.io/v1": "MutatingWebhookConfiguration "
    "ValidatingWebhookConfiguration",
}
_RESERVED_NAMESPACES = ("karmada-system", "karmada-cluster")


def _builtin_scopes() -> dict[tuple[str, str], bool]:
    scopes = {}
    for table, namespaced in ((_NAMESPACED, True), (_CLUSTER_SCOPED, False)):
        for api_version, kinds in table.items():
            scopes.update({(api_version, kind): namespaced for kind in kinds.split()})
    return scopes


class NoKindMatch(Exception):
    """The REST mapper does not know this apiVersion / kind."""


class DetectorStore:
    """State shared by the detector's handlers; see the module docstring."""

    def __init__(
        self,
        *,
        preemption_enabled: bool = False,
        kinds: Iterable[Mapping[str, Any]] = (),
        permanent_id: Callable[[PolicyRef], str] | None = None,
        skipped_namespaces: Iterable[str] = ("kube-.*",),
    ) -> None:
        self.preemption_enabled = preemption_enabled
        self._scopes = _builtin_scopes()
        for kind in kinds:
            self._scopes[(kind["apiVersion"], kind["kind"])] = bool(kind.get("namespaced", True))
        self._new_id = permanent_id or (lambda _ref: str(uuid.uuid4()))
        self._skipped = [re.compile(f"^{pattern}$") for pattern in skipped_namespaces]
        self.templates: dict[TemplateKey, dict[str, Any]] = {}
        self._delivered: dict[TemplateKey, dict[str, Any]] = {}
        self._dirty: dict[TemplateKey, None] = {}
        self.propagation_policies: dict[tuple[str, str], dict[str, Any]] = {}
        self.cluster_propagation_policies: dict[str, dict[str, Any]] = {}
        self.override_policies: dict[tuple[str, str], dict[str, Any]] = {}
        self.cluster_override_policies: dict[str, dict[str, Any]] = {}
        self.bindings: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.waiting: dict[TemplateKey, None] = {}
        # queue name -> key -> failed attempts so far (a failed key is retried once)
        self.queues: dict[str, dict[Any, int]] = {PP_QUEUE: {}, CPP_QUEUE: {}, TEMPLATE_QUEUE: {}}
        self.reconcile_log: list[dict[str, str]] = []
        self._matcher: PolicyMatcher | None = None

    # -- scope and identity --------------------------------------------------------------

    def new_permanent_id(self, ref: PolicyRef) -> str:
        """A fresh permanent id for a policy being created."""
        return self._new_id(ref)

    def is_namespaced(self, api_version: str, kind: str) -> bool:
        """The REST mapper's scope; raises NoKindMatch for an unknown kind."""
        try:
            return self._scopes[(api_version, kind)]
        except KeyError:
            raise NoKindMatch(f'no matches for kind "{kind}" in version "{api_version}"') from None

    def learn_scope(self, template: Mapping[str, Any]) -> None:
        """Register an unknown template kind with the scope its namespace implies."""
        key = TemplateKey.of(template)
        self._scopes.setdefault((key.api_version, key.kind), bool(key.namespace))

    def passes_event_filter(self, key: TemplateKey) -> bool:
        """`EventFilter`: reserved and skipped namespaces never reach the template queue."""
        namespace = key.namespace
        if namespace in _RESERVED_NAMESPACES or namespace.startswith("karmada-es-"):
            return False
        if any(pattern.match(namespace) for pattern in self._skipped):
            return False
        return not (
            namespace == "kube-system"
            and key.kind == "ConfigMap"
            and key.name == "extension-apiserver-authentication"
        )

    # -- templates -----------------------------------------------------------------------

    def fetch_template(self, key: TemplateKey) -> dict[str, Any] | None:
        """A copy of the template, or None when absent or asked for with the wrong scope.

        Raises NoKindMatch for an unknown kind and ValueError for an empty name.
        """
        namespaced = self.is_namespaced(key.api_version, key.kind)
        if not key.name:
            raise ValueError("name is required")
        if namespaced != bool(key.namespace):
            return None
        template = self.templates.get(key)
        return copy.deepcopy(template) if template is not None else None

    def list_templates(
        self, api_version: str, kind: str, namespace: str, claim_labels: Mapping[str, str]
    ) -> Iterator[dict[str, Any]]:
        """Templates of a kind (in one namespace, or all when empty) carrying the claim labels."""
        if self.is_namespaced(api_version, kind) is False and namespace:
            return
        for key, template in list(self.templates.items()):
            if (key.api_version, key.kind) != (api_version, kind):
                continue
            if namespace and key.namespace != namespace:
                continue
            if carries(template, claim_labels):
                yield copy.deepcopy(template)

    def save_template(self, template: Mapping[str, Any]) -> None:
        """Write a template back (an update through the API)."""
        key = TemplateKey.of(template)
        self.templates[key] = copy.deepcopy(dict(template))
        self._dirty[key] = None

    def forget_template(self, key: TemplateKey) -> None:
        """Remove a template and what the informer knew of it."""
        self.templates.pop(key, None)
        self._delivered.pop(key, None)
        self._dirty.pop(key, None)

    def deliver_template_events(self) -> None:
        """Emulated informer: every template changed since last delivery gets an update event."""
        dirty, self._dirty = self._dirty, {}
        for key in dirty:
            template = self.templates.get(key)
            if template is not None and self._delivered.get(key) != template:
                self._delivered[key] = copy.deepcopy(template)
                if self.passes_event_filter(key):
                    self.enqueue(TEMPLATE_QUEUE, key)

    def mark_delivered(self, key: TemplateKey) -> None:
        """Record the current template as already seen by the informer (before an add event)."""
        self._delivered[key] = copy.deepcopy(self.templates[key])
        self._dirty.pop(key, None)

    # -- policies ------------------------------------------------------------------------

    def policy(self, ref: PolicyRef) -> dict[str, Any] | None:
        """The stored policy, or None."""
        if ref.kind == PP_KIND:
            return self.propagation_policies.get((ref.namespace, ref.name))
        return self.cluster_propagation_policies.get(ref.name)

    def save_policy(self, policy: dict[str, Any]) -> None:
        """Store (or replace) a policy."""
        ref = PolicyRef.of(policy)
        if ref.kind == PP_KIND:
            self.propagation_policies[(ref.namespace, ref.name)] = policy
        else:
            self.cluster_propagation_policies[ref.name] = policy
        self._matcher = None

    def drop_policy(self, ref: PolicyRef) -> None:
        """Remove a policy for good (its finalizer is gone)."""
        if ref.kind == PP_KIND:
            self.propagation_policies.pop((ref.namespace, ref.name), None)
        else:
            self.cluster_propagation_policies.pop(ref.name, None)
        self._matcher = None

    def matcher(self) -> PolicyMatcher:
        """The policy index, rebuilt after any policy change."""
        if self._matcher is None:
            self._matcher = PolicyMatcher(
                self.propagation_policies.values(), self.cluster_propagation_policies.values()
            )
        return self._matcher

    def dependent_overrides_present(self, policy: Mapping[str, Any]) -> bool:
        """`IsDependentOverridesPresent` / `IsDependentClusterOverridesPresent`."""
        ref = PolicyRef.of(policy)
        for name in (policy.get("spec") or {}).get("dependentOverrides") or []:
            if ref.kind == PP_KIND:
                if (ref.namespace, name) not in self.override_policies:
                    return False
            elif name not in self.cluster_override_policies:
                return False
        return True

    # -- queues --------------------------------------------------------------------------

    def enqueue(self, queue: str, key: Any, attempts: int = 0) -> None:
        """Add a key unless it is already queued."""
        self.queues[queue].setdefault(key, attempts)

    def next_item(self) -> tuple[str, Any, int] | None:
        """Policy queues first, then templates; None when everything is drained."""
        for queue in (PP_QUEUE, CPP_QUEUE, TEMPLATE_QUEUE):
            if self.queues[queue]:
                key = next(iter(self.queues[queue]))
                return queue, key, self.queues[queue].pop(key)
        return None
