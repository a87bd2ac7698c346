"""ResourceBinding / ClusterResourceBinding (work.karmada.io/v1alpha2) and Work (v1alpha1)."""

from __future__ import annotations

from dataclasses import dataclass

from karmada_gateway.models.base import (
    KarmadaObject,
    Raw,
    condition_status,
    items,
    mapping,
    meta_fields,
)

EXECUTION_SPACE_PREFIX = "karmada-es-"


@dataclass(frozen=True)
class ObjectReference:
    """The resource template a binding stands for."""

    api_version: str
    kind: str
    namespace: str | None
    name: str
    uid: str


@dataclass(frozen=True)
class TargetCluster:
    """One scheduling decision: a cluster and the replicas it was given."""

    name: str
    replicas: int


@dataclass(frozen=True)
class ClusterHealth:
    """One `status.aggregatedStatus[]` entry: whether the Work applied and how healthy it is."""

    cluster: str
    applied: bool
    health: str
    message: str


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


@dataclass(frozen=True)
class ResourceBinding(KarmadaObject):
    """A ResourceBinding, or a ClusterResourceBinding (then `namespace` is None)."""

    resource: ObjectReference
    replicas: int
    clusters: tuple[TargetCluster, ...]
    scheduled: bool | None
    fully_applied: bool | None
    scheduler_observed_generation: int
    aggregated_status: tuple[ClusterHealth, ...]

    @classmethod
    def from_raw(cls, raw: Raw) -> ResourceBinding:
        """Build from a (Cluster)ResourceBinding object dict."""
        spec, status = mapping(raw.get("spec")), mapping(raw.get("status"))
        res = mapping(spec.get("resource"))
        return cls(
            **meta_fields(raw),
            resource=ObjectReference(
                str(res.get("apiVersion", "")),
                str(res.get("kind", "")),
                res.get("namespace") or None,
                str(res.get("name", "")),
                str(res.get("uid", "")),
            ),
            replicas=_int(spec.get("replicas")),
            clusters=tuple(
                TargetCluster(str(mapping(c).get("name", "")), _int(mapping(c).get("replicas")))
                for c in items(spec.get("clusters"))
            ),
            scheduled=condition_status(raw, "Scheduled"),
            fully_applied=condition_status(raw, "FullyApplied"),
            scheduler_observed_generation=_int(status.get("schedulerObservedGeneration")),
            aggregated_status=tuple(
                ClusterHealth(
                    str(mapping(s).get("clusterName", "")),
                    bool(mapping(s).get("applied")),
                    str(mapping(s).get("health", "Unknown")),
                    str(mapping(s).get("appliedMessage", "")),
                )
                for s in items(status.get("aggregatedStatus"))
            ),
        )


@dataclass(frozen=True)
class Work(KarmadaObject):
    """A Work: the manifests for one member cluster (its namespace is `karmada-es-<cluster>`)."""

    cluster: str
    applied: bool | None
    manifest_count: int

    @classmethod
    def from_raw(cls, raw: Raw) -> Work:
        """Build from a Work object dict."""
        fields = meta_fields(raw)
        namespace = fields["namespace"] or ""
        manifests = items(mapping(mapping(raw.get("spec")).get("workload")).get("manifests"))
        return cls(
            **fields,
            cluster=namespace.removeprefix(EXECUTION_SPACE_PREFIX),
            applied=condition_status(raw, "Applied"),
            manifest_count=len(manifests),
        )
