"""What every simulated controller shares: the context it runs in and small store helpers.

A controller is a module with `NAME`, `on_event(ctx, source, event)` (turn a store event into
queue keys with `ctx.enqueue`) and `reconcile(ctx, key)` (make one object right, idempotently:
write only when something changes, so that a controller's own writes settle).
"""

from __future__ import annotations

import copy
import functools
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
    memory: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.types = Types(self.control_plane)


def get(store: ObjectStore, rtype: ResourceType, namespace: str | None, name: str) -> dict | None:
    """The object, or None when it does not exist."""
    try:
        return store.get(rtype, namespace if rtype.namespaced else None, name)
    except NotFound:
        return None


def meta(obj: dict) -> dict:
    """The object's metadata dict (created when absent)."""
    return obj.setdefault("metadata", {})


def labels(obj: dict) -> dict[str, str]:
    """The object's labels dict (created when absent)."""
    return meta(obj).setdefault("labels", {})


def annotations(obj: dict) -> dict[str, str]:
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
    new = {
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
