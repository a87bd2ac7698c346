"""What every simulated controller shares: the context it runs in and small store helpers.

A controller is a module with `NAME`, `on_event(ctx, source, event)` (turn a store event into
queue keys with `ctx.enqueue`) and `reconcile(ctx, key)` (make one object right, idempotently:
write only when something changes, so that a controller's own writes settle).
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from karmada_sandbox.registry import ResourceType
from karmada_sandbox.store import NotFound, ObjectStore

if TYPE_CHECKING:
    from karmada_sandbox.members import MemberCluster, MemberSpec

Key = tuple[str, ...]
CONTROL_PLANE = ""  # the `source` of events coming from the Karmada API server's store
EXECUTION_SPACE_PREFIX = "karmada-es-"
BINDING_ID_LABELS = (
    "resourcebinding.karmada.io/permanent-id",
    "clusterresourcebinding.karmada.io/permanent-id",
)


@dataclass
class Settings:
    """Timings and switches of the simulated control plane (seconds of world time)."""

    rollout_seconds: float = 2.0
    cluster_status_interval: float = 5.0
    cluster_monitor_grace: float = 40.0
    lease_duration: float = 40.0
    graceful_eviction_timeout: float = 600.0
    no_execute_taint_eviction: bool = True
    eviction_purge_mode: str = "Gracefully"
    retry_delay: float = 1.0


class Types:
    """The control plane's resource types the controllers use, looked up once."""

    def __init__(self, store: ObjectStore) -> None:
        self._registry = store.registry

    def _get(self, api_version: str, kind: str) -> ResourceType:
        return self._registry.by_kind(api_version, kind)

    @functools.cached_property
    def cluster(self) -> ResourceType:
        return self._get("cluster.karmada.io/v1alpha1", "Cluster")

    @functools.cached_property
    def pp(self) -> ResourceType:
        return self._get("policy.karmada.io/v1alpha1", "PropagationPolicy")

    @functools.cached_property
    def cpp(self) -> ResourceType:
        return self._get("policy.karmada.io/v1alpha1", "ClusterPropagationPolicy")

    @functools.cached_property
    def op(self) -> ResourceType:
        return self._get("policy.karmada.io/v1alpha1", "OverridePolicy")

    @functools.cached_property
    def cop(self) -> ResourceType:
        return self._get("policy.karmada.io/v1alpha1", "ClusterOverridePolicy")

    @functools.cached_property
    def taint_policy(self) -> ResourceType:
        return self._get("policy.karmada.io/v1alpha1", "ClusterTaintPolicy")

    @functools.cached_property
    def rb(self) -> ResourceType:
        return self._get("work.karmada.io/v1alpha2", "ResourceBinding")

    @functools.cached_property
    def crb(self) -> ResourceType:
        return self._get("work.karmada.io/v1alpha2", "ClusterResourceBinding")

    @functools.cached_property
    def work(self) -> ResourceType:
        return self._get("work.karmada.io/v1alpha1", "Work")

    @functools.cached_property
    def namespace(self) -> ResourceType:
        return self._get("v1", "Namespace")

    @functools.cached_property
    def lease(self) -> ResourceType:
        return self._get("coordination.k8s.io/v1", "Lease")

    def binding(self, namespaced: bool) -> ResourceType:
        """ResourceBinding for namespaced templates, ClusterResourceBinding otherwise."""
        return self.rb if namespaced else self.crb

    def template(self, api_version: str, kind: str) -> ResourceType:
        """The type of a resource template. Raises KeyError when the kind is unknown."""
        return self._get(api_version, kind)


@dataclass
class Context:
    """Everything a reconcile function may touch."""

    control_plane: ObjectStore
    members: dict[str, MemberCluster]
    settings: Settings
    now: Callable[[], float]
    stamp: Callable[[], str]
    enqueue: Callable[[str, Key, float], None]
    attach: Callable[[MemberSpec], MemberCluster]
    types: Types = field(init=False)
    ca_pem: bytes = b""  # the API server's CA, which service-account token Secrets carry
    memory: dict[Any, Any] = field(default_factory=dict)
    works_by_binding: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    _lists: dict[tuple[ResourceType, str | None], list[dict]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.types = Types(self.control_plane)

    def observe(self, source: str, event: Any) -> None:
        """Keep caches and indexes current; called for every event before the controllers."""
        if source:
            return
        for cached in [k for k in self._lists if k[0] == event.resource]:
            del self._lists[cached]
        if event.resource == self.types.work:
            self._index_work(event)

    def _index_work(self, event: Any) -> None:
        meta = event.object["metadata"]
        labels = meta.get("labels") or {}
        key = (meta["namespace"], meta["name"])
        for label in BINDING_ID_LABELS:
            if label not in labels:
                continue
            works = self.works_by_binding.setdefault(labels[label], set())
            if event.type == "DELETED":
                works.discard(key)
                if not works:
                    del self.works_by_binding[labels[label]]
            else:
                works.add(key)

    def cached_list(self, rtype: ResourceType, namespace: str | None = None) -> list[dict]:
        """`list()` of a type, cached until the next event of that type. Do not modify."""
        key = (rtype, namespace)
        if key not in self._lists:
            self._lists[key] = self.control_plane.list(rtype, namespace)[0]
        return self._lists[key]

    def works_of(self, binding_id: str) -> list[dict]:
        """The Works carrying a binding's permanent id, from the index."""
        found = []
        for namespace, name in sorted(self.works_by_binding.get(binding_id, ())):
            work = get(self.control_plane, self.types.work, namespace, name)
            if work is not None:
                found.append(work)
        return found


def get(store: ObjectStore, rtype: ResourceType, namespace: str | None, name: str) -> dict | None:
    """The object, or None when it does not exist."""
    try:
        return store.get(rtype, namespace if rtype.namespaced else None, name)
    except NotFound:
        return None


def spec_changed(ctx: Context, controller: str, event: Any, *, with_metadata: bool = False) -> bool:
    """Whether an event changes more than status, as seen by one controller.

    Remembers each object's generation (plus deletion, finalizers and, with `with_metadata`,
    labels and annotations), so status-only writes do not wake controllers that ignore status.
    """
    m = event.object.get("metadata") or {}
    memo = (controller, event.resource.kind, m.get("namespace") or "", m.get("name"))
    if event.type == "DELETED":
        ctx.memory.pop(memo, None)
        return True
    signature: tuple[Any, ...] = (
        m.get("generation"),
        m.get("deletionTimestamp"),
        tuple(m.get("finalizers") or ()),
    )
    if with_metadata:
        extra = json.dumps([m.get("labels"), m.get("annotations")], sort_keys=True)
        signature += (hash(extra),)
    if ctx.memory.get(memo) == signature:
        return False
    ctx.memory[memo] = signature
    return True


def ready_changed(ctx: Context, controller: str, cluster: dict) -> bool:
    """Whether a Cluster's Ready status differs from what this controller saw last."""
    ready = (condition(cluster, "Ready") or {}).get("status")
    memo = (controller, "ready", cluster["metadata"]["name"])
    changed = ctx.memory.get(memo) != ready
    ctx.memory[memo] = ready
    return changed


def works_in(ctx: Context, cluster: str) -> list[str]:
    """Names of the Works in a member's execution namespace."""
    namespace = execution_namespace(cluster)
    return [key[1] for key, _raw in ctx.control_plane.select(ctx.types.work, namespace)[0]]


def meta(obj: dict) -> dict:
    """The object's metadata dict (created when absent)."""
    return obj.setdefault("metadata", {})


def labels_of(obj: dict) -> dict[str, str]:
    """The object's labels dict (created when absent)."""
    return meta(obj).setdefault("labels", {})


def annotations_of(obj: dict) -> dict[str, str]:
    """The object's annotations dict (created when absent)."""
    return meta(obj).setdefault("annotations", {})


def set_condition(
    conditions: list[dict],
    ctype: str,
    status: str,
    reason: str,
    message: str,
    stamp: str,
    observed_generation: int | None = None,
) -> bool:
    """`meta.SetStatusCondition`: lastTransitionTime moves only when status flips.

    Returns whether anything changed.
    """
    new: dict[str, Any] = {
        "type": ctype,
        "status": status,
        "reason": reason,
        "message": message,
        "lastTransitionTime": stamp,
    }
    if observed_generation is not None:
        new["observedGeneration"] = observed_generation
    for index, old in enumerate(conditions):
        if old.get("type") != ctype:
            continue
        if old.get("status") == status:
            new["lastTransitionTime"] = old.get("lastTransitionTime", stamp)
        if old == new:
            return False
        conditions[index] = new
        return True
    conditions.append(new)
    return True


def condition(obj: dict, ctype: str) -> dict | None:
    """The status condition of that type, or None."""
    for cond in (obj.get("status") or {}).get("conditions") or []:
        if cond.get("type") == ctype:
            return cond
    return None


def write_status(store: ObjectStore, rtype: ResourceType, obj: dict, status: dict) -> bool:
    """Replace `obj`'s status through the status subresource if it differs. Returns changed."""
    if obj.get("status") == status:
        return False
    updated = copy.copy(obj)
    updated["status"] = status
    store.update(rtype, updated, subresource="status")
    return True


def execution_namespace(cluster: str) -> str:
    """The control-plane namespace holding a member's Works."""
    return EXECUTION_SPACE_PREFIX + cluster


def cluster_of_namespace(namespace: str) -> str | None:
    """The member a `karmada-es-*` namespace belongs to, else None."""
    if namespace.startswith(EXECUTION_SPACE_PREFIX):
        return namespace[len(EXECUTION_SPACE_PREFIX) :]
    return None
