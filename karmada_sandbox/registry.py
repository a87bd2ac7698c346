"""Resource types served by a sandbox API server: names, scope, short names, printer columns.

Karmada kinds come from the CRDs in the shared `crds/` directory (the storage version of each);
Cluster, which has no CRD, and the common built-in kinds are described here.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_SHARED = Path(
    os.environ.get("KAIRSHIP_SHARED_DIR", Path(__file__).resolve().parent.parent.parent / "shared")
)
CRDS_DIR = _SHARED / "karmada" / "crds"

# (name, type, jsonPath, priority); priority 1 columns only show with `-o wide`.
PrinterColumn = tuple[str, str, str, int]


@dataclass(frozen=True, eq=False)
class ResourceType:
    """One REST resource (a kind at one group/version) and how the API server presents it.

    Equality and hashing use group, version and plural only: controllers compare types on
    every event, and those three name a resource.
    """

    group: str
    version: str
    kind: str
    plural: str
    singular: str
    namespaced: bool
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    subresources: tuple[str, ...] = ()
    printer_columns: tuple[PrinterColumn, ...] = ()
    crd: bool = False

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, ResourceType):
            return NotImplemented
        return (
            self.plural == other.plural
            and self.group == other.group
            and self.version == other.version
        )

    def __hash__(self) -> int:
        return hash((self.group, self.version, self.plural))

    @property
    def api_version(self) -> str:
        """The apiVersion string: "v1", "apps/v1", "policy.karmada.io/v1alpha1"."""
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def group_version(self) -> str:
        """Same as api_version (the discovery name for the group/version)."""
        return self.api_version


class Registry:
    """The set of resource types one API server serves, indexed for lookups."""

    def __init__(self, types: Iterable[ResourceType]) -> None:
        self._types = list(types)
        self._by_kind = {(t.api_version, t.kind): t for t in self._types}
        self._by_plural = {(t.group, t.version, t.plural): t for t in self._types}

    def by_kind(self, api_version: str, kind: str) -> ResourceType:
        """The type for apiVersion + kind. Raises KeyError."""
        return self._by_kind[(api_version, kind)]

    def by_plural(self, group: str, version: str, plural: str) -> ResourceType:
        """The type for a URL's group, version and plural. Raises KeyError."""
        return self._by_plural[(group, version, plural)]

    def all(self) -> list[ResourceType]:
        """Every served type, in registration order."""
        return list(self._types)

    def group_versions(self) -> dict[str, list[str]]:
        """Served versions per group ("" for the core group), in registration order."""
        out: dict[str, list[str]] = {}
        for t in self._types:
            versions = out.setdefault(t.group, [])
            if t.version not in versions:
                versions.append(t.version)
        return out


_AGE: PrinterColumn = ("Age", "date", ".metadata.creationTimestamp", 0)
_ALL = ("all",)

# (group, version, kind, plural, singular, namespaced, short names, categories, subresources)
_BUILTINS: list[
    tuple[str, str, str, str, str, bool, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
] = [
    ("", "v1", "Namespace", "namespaces", "namespace", False, ("ns",), (), ("status", "finalize")),
    ("", "v1", "ConfigMap", "configmaps", "configmap", True, ("cm",), (), ()),
    ("", "v1", "Secret", "secrets", "secret", True, (), (), ()),
    ("", "v1", "ServiceAccount", "serviceaccounts", "serviceaccount", True, ("sa",), (), ()),
    ("", "v1", "Service", "services", "service", True, ("svc",), _ALL, ("status",)),
    (
        "",
        "v1",
        "PersistentVolumeClaim",
        "persistentvolumeclaims",
        "persistentvolumeclaim",
        True,
        ("pvc",),
        (),
        ("status",),
    ),
    ("", "v1", "Event", "events", "event", True, ("ev",), (), ()),
    ("", "v1", "Pod", "pods", "pod", True, ("po",), _ALL, ("status", "log")),
    ("", "v1", "Node", "nodes", "node", False, ("no",), (), ("status",)),
    (
        "apps",
        "v1",
        "Deployment",
        "deployments",
        "deployment",
        True,
        ("deploy",),
        _ALL,
        ("status", "scale"),
    ),
    (
        "apps",
        "v1",
        "StatefulSet",
        "statefulsets",
        "statefulset",
        True,
        ("sts",),
        _ALL,
        ("status", "scale"),
    ),
    ("apps", "v1", "DaemonSet", "daemonsets", "daemonset", True, ("ds",), _ALL, ("status",)),
    (
        "apps",
        "v1",
        "ReplicaSet",
        "replicasets",
        "replicaset",
        True,
        ("rs",),
        _ALL,
        ("status", "scale"),
    ),
    ("batch", "v1", "Job", "jobs", "job", True, (), _ALL, ("status",)),
    ("batch", "v1", "CronJob", "cronjobs", "cronjob", True, ("cj",), _ALL, ("status",)),
    ("networking.k8s.io", "v1", "Ingress", "ingresses", "ingress", True, ("ing",), (), ("status",)),
    (
        "autoscaling",
        "v2",
        "HorizontalPodAutoscaler",
        "horizontalpodautoscalers",
        "horizontalpodautoscaler",
        True,
        ("hpa",),
        _ALL,
        ("status",),
    ),
    (
        "storage.k8s.io",
        "v1",
        "StorageClass",
        "storageclasses",
        "storageclass",
        False,
        ("sc",),
        (),
        (),
    ),
    ("rbac.authorization.k8s.io", "v1", "Role", "roles", "role", True, (), (), ()),
    (
        "rbac.authorization.k8s.io",
        "v1",
        "RoleBinding",
        "rolebindings",
        "rolebinding",
        True,
        (),
        (),
        (),
    ),
    (
        "rbac.authorization.k8s.io",
        "v1",
        "ClusterRole",
        "clusterroles",
        "clusterrole",
        False,
        (),
        (),
        (),
    ),
    (
        "rbac.authorization.k8s.io",
        "v1",
        "ClusterRoleBinding",
        "clusterrolebindings",
        "clusterrolebinding",
        False,
        (),
        (),
        (),
    ),
    ("coordination.k8s.io", "v1", "Lease", "leases", "lease", True, (), (), ()),
]

CLUSTER_TYPE = ResourceType(
    group="cluster.karmada.io",
    version="v1alpha1",
    kind="Cluster",
    plural="clusters",
    singular="cluster",
    namespaced=False,
    categories=("karmada-io",),
    subresources=("status", "proxy"),
    printer_columns=(
        ("Version", "string", ".status.kubernetesVersion", 0),
        ("Mode", "string", ".spec.syncMode", 0),
        ("Ready", "string", '.status.conditions[?(@.type=="Ready")].status', 0),
        _AGE,
        ("Zones", "string", ".spec.zones", 1),
        ("Region", "string", ".spec.region", 1),
        ("Provider", "string", ".spec.provider", 1),
        ("API-Endpoint", "string", ".spec.apiEndpoint", 1),
        ("Proxy-URL", "string", ".spec.proxyURL", 1),
    ),
)


@functools.cache
def _builtin_types() -> tuple[ResourceType, ...]:
    # Shared instances make the common equality check an identity check.
    return tuple(ResourceType(*row) for row in _BUILTINS)


@functools.cache
def crd_documents() -> dict[tuple[str, str], dict[str, Any]]:
    """Every Karmada CRD in the shared directory, keyed by (group, plural). Cached."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    docs: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(CRDS_DIR.glob("*/*.yaml")):
        with path.open() as fh:
            doc = yaml.load(fh, Loader=loader)  # noqa: S506 - CSafeLoader is a safe loader
        if doc and doc.get("kind") == "CustomResourceDefinition":
            docs[(doc["spec"]["group"], doc["spec"]["names"]["plural"])] = doc
    return docs


def storage_version(crd: dict[str, Any]) -> dict[str, Any]:
    """The version entry of a CRD that is stored (the one the sandbox serves)."""
    versions = crd["spec"]["versions"]
    return next((v for v in versions if v.get("storage")), versions[-1])


def _crd_type(crd: dict[str, Any]) -> ResourceType:
    spec = crd["spec"]
    names = spec["names"]
    version = storage_version(crd)
    columns = tuple(
        (c["name"], c.get("type", "string"), c["jsonPath"], int(c.get("priority", 0)))
        for c in version.get("additionalPrinterColumns", [])
    )
    return ResourceType(
        group=spec["group"],
        version=version["name"],
        kind=names["kind"],
        plural=names["plural"],
        singular=names.get("singular", names["kind"].lower()),
        namespaced=spec["scope"] == "Namespaced",
        short_names=tuple(names.get("shortNames") or ()),
        categories=tuple(names.get("categories") or ()),
        subresources=tuple((version.get("subresources") or {}).keys()),
        printer_columns=columns or (_AGE,),
        crd=True,
    )


@functools.cache
def _karmada_types() -> tuple[ResourceType, ...]:
    return (CLUSTER_TYPE, *(_crd_type(doc) for doc in crd_documents().values()))


def control_plane_registry() -> Registry:
    """The Karmada API server's types: Karmada kinds plus the common built-in kinds.

    Like karmada-apiserver (a kube-apiserver), it also serves pods, nodes and replicasets,
    which simply stay empty there.
    """
    return Registry([*_builtin_types(), *_karmada_types()])


def member_registry(api_enablements: list[dict[str, Any]] | None = None) -> Registry:
    """A member cluster's built-in types, limited to `api_enablements` when given.

    `api_enablements` uses Cluster.status.apiEnablements' shape:
    `[{"groupVersion": "apps/v1", "resources": [{"name": "deployments", "kind": "Deployment"}]}]`.
    """
    types = _builtin_types()
    if api_enablements is None:
        return Registry(types)
    enabled = {
        (entry.get("groupVersion", ""), res.get("name", ""))
        for entry in api_enablements
        for res in entry.get("resources") or ()
    }
    return Registry([t for t in types if (t.api_version, t.plural) in enabled])
