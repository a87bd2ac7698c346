"""Simulated member clusters: each has its own ObjectStore, nodes, version and API list.

A member is what a Karmada control plane would reach through a kubeconfig: an API server
(the store, with a registry limited to the member's enabled APIs), nodes with capacity,
a Kubernetes version, and a reachability switch that fault injection flips.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from karmada_sandbox.api.admission import default_resource_models
from karmada_sandbox.controllers import quantity
from karmada_sandbox.registry import Registry, member_registry
from karmada_sandbox.store import ObjectStore
from karmada_semantics.quantities import format_quantity

DEFAULT_NODE_ALLOCATABLE = {
    "cpu": "8",
    "memory": "32Gi",
    "pods": "110",
    "ephemeral-storage": "100Gi",
}
CORE_GROUP_VERSION = "v1"
SYSTEM_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")


@dataclass
class MemberSpec:
    """How to build one member cluster (the seed's description of it)."""

    name: str
    provider: str = ""
    region: str = ""
    zones: tuple[str, ...] = ()
    kubernetes_version: str = "v1.31.4"
    nodes: int = 3
    node_allocatable: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_NODE_ALLOCATABLE))
    labels: dict[str, str] = field(default_factory=dict)
    sync_mode: str = "Push"
    disabled_apis: tuple[str, ...] = ()


@dataclass
class WorkloadUsage:
    """Pods a member workload holds: all `replicas` request `per_pod`, `ready` of them run."""

    replicas: int
    ready: int
    per_pod: dict[str, int]


@functools.lru_cache(maxsize=64)
def _registry_without(disabled: frozenset[str]) -> Registry:
    """The member registry minus some group versions, shared by members that agree."""
    full = member_registry(None)
    if not disabled:
        return full
    return member_registry(enablements_of(full, disabled))


def enablements_of(registry: Registry, disabled: frozenset[str] = frozenset()) -> list[dict]:
    """`status.apiEnablements` for a registry: group versions with their resources, sorted."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for rtype in registry.all():
        if rtype.api_version in disabled:
            continue
        grouped.setdefault(rtype.api_version, []).append({"name": rtype.plural, "kind": rtype.kind})
    return [
        {"groupVersion": gv, "resources": sorted(grouped[gv], key=lambda r: r["name"])}
        for gv in sorted(grouped)
    ]


class MemberCluster:
    """One simulated member cluster with its own API store and fault state."""

    def __init__(self, spec: MemberSpec) -> None:
        self.spec = spec
        self.name = spec.name
        self.kubernetes_version = spec.kubernetes_version
        self.reachable = True
        self.healthy = True
        self.rollout_seconds: float | None = None
        self.disabled_apis: frozenset[str] = frozenset(spec.disabled_apis)
        self.store = ObjectStore(_registry_without(self.disabled_apis))
        self.usage: dict[tuple[str, str, str], WorkloadUsage] = {}
        self._running: dict[str, int] = {"pods": 0}
        self._pending: dict[str, int] = {"pods": 0}
        self._node_allocatable: list[dict[str, int]] | None = None
        self._create_namespaces()
        self._create_nodes(spec.nodes, spec.node_allocatable)

    # -- API surface -------------------------------------------------------------------------

    def api_enablements(self) -> list[dict]:
        """The APIs this member serves, as Karmada records them on the Cluster."""
        return enablements_of(self.store.registry)

    def set_disabled_apis(self, disabled: set[str]) -> None:
        """Stop serving the given group versions (the core `v1` group cannot be removed)."""
        if CORE_GROUP_VERSION in disabled:
            raise ValueError("the core group version v1 cannot be disabled")
        self.disabled_apis = frozenset(disabled)
        self.store.registry = _registry_without(self.disabled_apis)

    def serves(self, api_version: str, kind: str) -> bool:
        """Whether the member's API server knows this kind."""
        try:
            self.store.registry.by_kind(api_version, kind)
        except KeyError:
            return False
        return True

    # -- nodes and capacity ------------------------------------------------------------------

    def _node_type(self) -> Any:
        return self.store.registry.by_kind("v1", "Node")

    def _create_namespaces(self) -> None:
        ntype = self.store.registry.by_kind("v1", "Namespace")
        for name in SYSTEM_NAMESPACES:
            self.store.create(
                ntype, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}
            )

    def cluster_id(self) -> str:
        """The member's identity as Karmada collects it: the uid of its kube-system namespace."""
        ntype = self.store.registry.by_kind("v1", "Namespace")
        return str(self.store.get(ntype, None, "kube-system")["metadata"]["uid"])

    def _create_nodes(self, count: int, allocatable: dict[str, str]) -> None:
        zones = self.spec.zones or ("",)
        for index in range(count):
            zone = zones[index % len(zones)]
            self.store.create(self._node_type(), self._node(index, zone, allocatable))

    def _node(self, index: int, zone: str, allocatable: dict[str, str]) -> dict:
        name = f"{self.name}-node-{index + 1}"
        labels = {"kubernetes.io/hostname": name, "kubernetes.io/os": "linux"}
        if self.spec.region:
            labels["topology.kubernetes.io/region"] = self.spec.region
        if zone:
            labels["topology.kubernetes.io/zone"] = zone
        return {
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {"name": name, "labels": labels},
            "spec": {},
            "status": {
                "capacity": dict(allocatable),
                "allocatable": dict(allocatable),
                "conditions": [
                    {
                        "type": "Ready",
                        "status": "True",
                        "reason": "KubeletReady",
                        "message": "kubelet is posting ready status",
                    }
                ],
                "nodeInfo": {
                    "kubeletVersion": self.kubernetes_version,
                    "operatingSystem": "linux",
                    "architecture": "amd64",
                },
            },
        }

    def nodes(self) -> list[dict]:
        """The member's Node objects."""
        return self.store.list(self._node_type())[0]

    def set_capacity(self, total: dict[str, str]) -> None:
        """Spread a new total allocatable (cpu / memory / pods ...) evenly over the nodes."""
        nodes = self.nodes()
        parsed = quantity.parse_list(total)
        for index, node in enumerate(nodes):
            status = node.setdefault("status", {})
            allocatable = dict(status.get("allocatable") or {})
            for name, amount in parsed.items():
                share = amount // len(nodes) + (1 if index < amount % len(nodes) else 0)
                allocatable[name] = format_quantity(name, share)
            status["allocatable"] = allocatable
            status["capacity"] = dict(allocatable)
            node["metadata"].pop("resourceVersion", None)
            self.store.update(self._node_type(), node, subresource="status")
        self.nodes_changed()

    def node_allocatable(self) -> list[dict[str, int]]:
        """Each node's allocatable resources, parsed (cached until nodes change)."""
        if self._node_allocatable is None:
            self._node_allocatable = [
                quantity.parse_list((n.get("status") or {}).get("allocatable"))
                for n in self.nodes()
            ]
        return self._node_allocatable

    def allocatable(self) -> dict[str, int]:
        """Sum of the nodes' allocatable resources, parsed."""
        return quantity.add_lists(self.node_allocatable())

    def nodes_changed(self) -> None:
        """Forget cached node capacity (a Node was written)."""
        self._node_allocatable = None

    def allocatable_modelings(self, models: list[dict]) -> list[dict[str, int]]:
        """`resourceSummary.allocatableModelings`: nodes counted by the grade of their free room.

        A node's grade is the highest grade whose minimums its free cpu and memory both reach.
        The sandbox does not place pods on nodes, so running pods are spread evenly over them.
        """
        nodes = self.node_allocatable()
        counts = [0] * len(models)
        for node in nodes:
            free = {
                r: node.get(r, 0) - used // max(len(nodes), 1) for r, used in self._running.items()
            }
            counts[_grade(models, {**node, **free})] += 1
        return [{"grade": m.get("grade", i), "count": counts[i]} for i, m in enumerate(models)]

    def set_usage(self, key: tuple[str, str, str], usage: WorkloadUsage | None) -> None:
        """Record (or with None forget) what one workload's pods hold, keeping running totals."""
        old = self.usage.pop(key, None)
        if old is not None:
            self._account(old, -1)
        if usage is not None:
            self.usage[key] = usage
            self._account(usage, 1)

    def _account(self, usage: WorkloadUsage, sign: int) -> None:
        pending = max(usage.replicas - usage.ready, 0)
        for name, amount in usage.per_pod.items():
            self._running[name] = self._running.get(name, 0) + sign * amount * usage.ready
            self._pending[name] = self._pending.get(name, 0) + sign * amount * pending
        self._running["pods"] += sign * usage.ready
        self._pending["pods"] += sign * pending

    def node_summary(self) -> dict[str, int]:
        """`status.nodeSummary`: total and ready node counts."""
        nodes = self.nodes()
        ready = sum(1 for n in nodes if _node_ready(n))
        return {"totalNum": len(nodes), "readyNum": ready}

    def resource_summary(self) -> dict[str, dict[str, str]]:
        """`status.resourceSummary`: allocatable, allocated (running pods), allocating (pending)."""
        allocated = {k: v for k, v in self._running.items() if v or k == "pods"}
        allocating = {k: v for k, v in self._pending.items() if v or k == "pods"}
        return {
            "allocatable": quantity.format_list(self.allocatable()),
            "allocated": quantity.format_list(allocated),
            "allocating": quantity.format_list(allocating),
        }

    def free(self, exclude: tuple[str, str, str] | None = None) -> dict[str, int]:
        """Allocatable minus what running pods hold (optionally not counting one workload)."""
        free = self.allocatable()
        for name, amount in self._running.items():
            free[name] = free.get(name, 0) - amount
        skipped = self.usage.get(exclude) if exclude is not None else None
        if skipped is not None:
            for name, amount in skipped.per_pod.items():
                free[name] = free.get(name, 0) + amount * skipped.ready
            free["pods"] = free.get("pods", 0) + skipped.ready
        return free

    # -- registration and faults -------------------------------------------------------------

    def cluster_object(self) -> dict:
        """The Cluster object that joins this member to the control plane."""
        spec: dict[str, Any] = {
            "syncMode": self.spec.sync_mode,
            "apiEndpoint": f"https://{self.name}.sandbox.local:6443",
            "id": self.cluster_id(),
            "resourceModels": default_resource_models(),
        }
        if self.spec.sync_mode == "Push":
            spec["secretRef"] = {"namespace": "karmada-cluster", "name": self.name}
            spec["impersonatorSecretRef"] = {
                "namespace": "karmada-cluster",
                "name": f"{self.name}-impersonator",
            }
        if self.spec.provider:
            spec["provider"] = self.spec.provider
        if self.spec.region:
            spec["region"] = self.spec.region
        if self.spec.zones:
            spec["zones"] = list(self.spec.zones)
        return {
            "apiVersion": "cluster.karmada.io/v1alpha1",
            "kind": "Cluster",
            "metadata": {"name": self.name, "labels": dict(self.spec.labels)},
            "spec": spec,
        }

    def fault_state(self) -> dict[str, Any]:
        """What fault injection has changed, for `GET /sandbox/v1/clusters`."""
        return {
            "name": self.name,
            "reachable": self.reachable,
            "healthy": self.healthy,
            "kubernetesVersion": self.kubernetes_version,
            "syncMode": self.spec.sync_mode,
            "capacity": quantity.format_list(self.allocatable()),
            "disabledAPIs": sorted(self.disabled_apis),
            "rolloutSeconds": self.rollout_seconds,
        }


def _grade(models: list[dict], free: dict[str, int]) -> int:
    """Index of the highest model whose every range minimum `free` reaches (0 if none)."""
    best = 0
    for index, model in enumerate(models):
        ranges = model.get("ranges") or []
        if all(free.get(r["name"], 0) >= quantity.parse(r["name"], r["min"]) for r in ranges):
            best = index
    return best


def _node_ready(node: dict) -> bool:
    conditions = (node.get("status") or {}).get("conditions") or []
    return any(c.get("type") == "Ready" and c.get("status") == "True" for c in conditions)
