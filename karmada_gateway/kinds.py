"""Descriptors of API resource kinds and the REST paths built from them."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from karmada_gateway.errors import KarmadaNotFound


@dataclass(frozen=True)
class Kind:
    """One resource type: where it lives in the API and whether it is namespaced."""

    group: str
    version: str
    kind: str
    plural: str
    namespaced: bool

    @property
    def api_version(self) -> str:
        """ "apps/v1", or "v1" for the core group."""
        return f"{self.group}/{self.version}" if self.group else self.version

    def collection_path(self, namespace: str | None = None, prefix: str = "") -> str:
        """Path of the collection, across namespaces when `namespace` is None."""
        root = f"/apis/{self.group}/{self.version}" if self.group else f"/api/{self.version}"
        if self.namespaced and namespace:
            root += f"/namespaces/{_segment(namespace)}"
        return f"{prefix}{root}/{self.plural}"

    def object_path(
        self, namespace: str | None, name: str, subresource: str = "", prefix: str = ""
    ) -> str:
        """Path of one object (optionally a subresource such as "status")."""
        path = f"{self.collection_path(namespace, prefix)}/{_segment(name)}"
        return f"{path}/{subresource}" if subresource else path


def _segment(value: str) -> str:
    """One URL path segment, escaped."""
    return quote(value, safe="")


def split_api_version(api_version: str) -> tuple[str, str]:
    """("apps", "v1") from "apps/v1"; ("", "v1") from "v1"."""
    group, _, version = api_version.rpartition("/")
    return group, version


CLUSTER = Kind("cluster.karmada.io", "v1alpha1", "Cluster", "clusters", False)
PROPAGATION_POLICY = Kind(
    "policy.karmada.io", "v1alpha1", "PropagationPolicy", "propagationpolicies", True
)
CLUSTER_PROPAGATION_POLICY = Kind(
    "policy.karmada.io",
    "v1alpha1",
    "ClusterPropagationPolicy",
    "clusterpropagationpolicies",
    False,
)
OVERRIDE_POLICY = Kind("policy.karmada.io", "v1alpha1", "OverridePolicy", "overridepolicies", True)
CLUSTER_OVERRIDE_POLICY = Kind(
    "policy.karmada.io", "v1alpha1", "ClusterOverridePolicy", "clusteroverridepolicies", False
)
FEDERATED_RESOURCE_QUOTA = Kind(
    "policy.karmada.io", "v1alpha1", "FederatedResourceQuota", "federatedresourcequotas", True
)
RESOURCE_BINDING = Kind("work.karmada.io", "v1alpha2", "ResourceBinding", "resourcebindings", True)
CLUSTER_RESOURCE_BINDING = Kind(
    "work.karmada.io", "v1alpha2", "ClusterResourceBinding", "clusterresourcebindings", False
)
WORK = Kind("work.karmada.io", "v1alpha1", "Work", "works", True)
KARMADA = Kind("operator.karmada.io", "v1alpha1", "Karmada", "karmadas", True)

KARMADA_KINDS: dict[str, Kind] = {
    k.kind: k
    for k in (
        CLUSTER,
        PROPAGATION_POLICY,
        CLUSTER_PROPAGATION_POLICY,
        OVERRIDE_POLICY,
        CLUSTER_OVERRIDE_POLICY,
        FEDERATED_RESOURCE_QUOTA,
        RESOURCE_BINDING,
        CLUSTER_RESOURCE_BINDING,
        WORK,
        KARMADA,
    )
}

REQUIRED_GROUPS = ("cluster.karmada.io", "policy.karmada.io", "work.karmada.io")


def karmada_kind(name: str) -> Kind:
    """The descriptor of a Karmada kind by name ("Cluster", "PropagationPolicy"...).

    Raises KarmadaNotFound for a kind the gateway has no typed helpers for.
    """
    try:
        return KARMADA_KINDS[name]
    except KeyError:
        raise KarmadaNotFound(f"Unknown Karmada kind {name!r}.") from None
