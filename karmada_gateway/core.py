"""The state every KarmadaClient method group shares: transport, discovery and kind accessors."""

from __future__ import annotations

import threading

from karmada_gateway import kinds
from karmada_gateway.discovery import Discovery
from karmada_gateway.kinds import Kind, karmada_kind
from karmada_gateway.models import (
    Cluster,
    FederatedResourceQuota,
    KarmadaInstance,
    KarmadaObject,
    OverridePolicy,
    PropagationPolicy,
    ResourceBinding,
    ResourceObject,
    Work,
)
from karmada_gateway.models.base import Raw
from karmada_gateway.resources import Resources, TypedKind
from karmada_gateway.transport import Transport

MODELS: dict[Kind, type[KarmadaObject]] = {
    kinds.CLUSTER: Cluster,
    kinds.PROPAGATION_POLICY: PropagationPolicy,
    kinds.CLUSTER_PROPAGATION_POLICY: PropagationPolicy,
    kinds.OVERRIDE_POLICY: OverridePolicy,
    kinds.CLUSTER_OVERRIDE_POLICY: OverridePolicy,
    kinds.RESOURCE_BINDING: ResourceBinding,
    kinds.CLUSTER_RESOURCE_BINDING: ResourceBinding,
    kinds.WORK: Work,
    kinds.FEDERATED_RESOURCE_QUOTA: FederatedResourceQuota,
    kinds.KARMADA: KarmadaInstance,
}


def model_for(kind: Kind, raw: Raw) -> KarmadaObject:
    """The typed model of `raw`: the Karmada kind's dataclass, else ResourceObject."""
    return MODELS.get(kind, ResourceObject).from_raw(raw)


class ClientCore:
    """Connection state plus one `TypedKind` accessor per Karmada kind."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._discovery = Discovery(transport)
        self._resources = Resources(transport)
        self._member_discovery: dict[str, Discovery] = {}
        self._member_lock = threading.Lock()
        res = self._resources
        self.clusters = TypedKind(res, kinds.CLUSTER, Cluster.from_raw)
        self.propagation_policies = TypedKind(
            res, kinds.PROPAGATION_POLICY, PropagationPolicy.from_raw
        )
        self.cluster_propagation_policies = TypedKind(
            res, kinds.CLUSTER_PROPAGATION_POLICY, PropagationPolicy.from_raw
        )
        self.override_policies = TypedKind(res, kinds.OVERRIDE_POLICY, OverridePolicy.from_raw)
        self.cluster_override_policies = TypedKind(
            res, kinds.CLUSTER_OVERRIDE_POLICY, OverridePolicy.from_raw
        )
        self.resource_bindings = TypedKind(res, kinds.RESOURCE_BINDING, ResourceBinding.from_raw)
        self.cluster_resource_bindings = TypedKind(
            res, kinds.CLUSTER_RESOURCE_BINDING, ResourceBinding.from_raw
        )
        self.works = TypedKind(res, kinds.WORK, Work.from_raw)
        self.federated_resource_quotas = TypedKind(
            res, kinds.FEDERATED_RESOURCE_QUOTA, FederatedResourceQuota.from_raw
        )
        self.karmadas = TypedKind(res, kinds.KARMADA, KarmadaInstance.from_raw)

    @property
    def host(self) -> str:
        """The API server URL this client talks to."""
        return self._transport.host

    def resolve_kind(self, api_version: str, kind: str) -> Kind:
        """The Kind for apiVersion + kind, through discovery (cached per apiVersion).

        Raises KarmadaNotFound when Karmada does not serve it.
        """
        return self._discovery.resolve(api_version, kind)

    def _kind(self, kind: Kind | str) -> Kind:
        """A Kind from a descriptor or a Karmada kind name. Raises KarmadaNotFound."""
        return kind if isinstance(kind, Kind) else karmada_kind(kind)
