"""Frozen dataclasses returned by the gateway; each keeps the full object in `.raw`."""

from karmada_gateway.models.base import KarmadaObject, Page, ResourceObject, WatchEvent
from karmada_gateway.models.clusters import Cluster, Taint
from karmada_gateway.models.others import FederatedResourceQuota, KarmadaInstance
from karmada_gateway.models.policies import OverridePolicy, PropagationPolicy
from karmada_gateway.models.work import (
    ClusterHealth,
    ObjectReference,
    ResourceBinding,
    TargetCluster,
    Work,
)

__all__ = [
    "Cluster",
    "ClusterHealth",
    "FederatedResourceQuota",
    "KarmadaInstance",
    "KarmadaObject",
    "ObjectReference",
    "OverridePolicy",
    "Page",
    "PropagationPolicy",
    "ResourceBinding",
    "ResourceObject",
    "Taint",
    "TargetCluster",
    "Work",
    "WatchEvent",
]
