"""Cluster status controller: probe each member and write Cluster.status, like Karmada's.

Push members are probed from the control plane: unreachable gives Ready=False
(ClusterNotReachable) and nothing else changes. Pull members post their own status through an
agent, which also renews a Lease; when the member is cut off, nothing is posted and the cluster
controller's health monitor (`clusters.py`) turns Ready to Unknown after the grace period.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from karmada_sandbox.controllers import rollout
from karmada_sandbox.controllers.base import Context, Key, get, set_condition, write_status
from karmada_sandbox.members import MemberCluster, MemberSpec
from karmada_sandbox.store import WatchEvent

NAME = "cluster-status"
LEASE_NAMESPACE = "karmada-cluster"
READY = "Ready"
COMPLETE_API = "CompleteAPIEnablements"
HEALTHY_MESSAGE = "cluster is healthy and ready to accept workloads"
UNHEALTHY_MESSAGE = "cluster is reachable but health endpoint responded without ok"
UNREACHABLE_MESSAGE = "cluster is not reachable"


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Probe a cluster when it is added or its spec changes, and a member when its nodes change."""
    if source == "" and event.resource == ctx.types.cluster and event.type != "DELETED":
        ctx.enqueue(NAME, (event.object["metadata"]["name"],), 0)
    elif source and event.resource.kind == "Node":
        member = ctx.members.get(source)
        if member is not None:
            member.nodes_changed()
            rollout.wake_pending(ctx, source)
        ctx.enqueue(NAME, (source,), 0)


def reconcile(ctx: Context, key: Key) -> None:
    """Write the member's observed status onto its Cluster, then probe again later."""
    (name,) = key
    cluster = get(ctx.control_plane, ctx.types.cluster, None, name)
    if cluster is None or cluster["metadata"].get("deletionTimestamp"):
        return
    member = ctx.members.get(name) or _attach(ctx, cluster)
    ctx.enqueue(NAME, key, ctx.settings.cluster_status_interval)
    if cluster["spec"].get("syncMode") == "Pull" and not member.reachable:
        return
    status = observed_status(ctx, cluster, member)
    write_status(ctx.control_plane, ctx.types.cluster, cluster, status)
    if cluster["spec"].get("syncMode") == "Pull":
        renew_lease(ctx, name)


def observed_status(ctx: Context, cluster: dict, member: MemberCluster) -> dict:
    """The Cluster status after one probe of `member` (only Ready changes when it is down)."""
    status = copy.deepcopy(cluster.get("status") or {})
    conditions = status.setdefault("conditions", [])
    stamp = ctx.stamp()
    if not member.reachable:
        set_condition(conditions, READY, "False", "ClusterNotReachable", UNREACHABLE_MESSAGE, stamp)
        return status
    if not member.healthy:
        set_condition(conditions, READY, "False", "ClusterNotReady", UNHEALTHY_MESSAGE, stamp)
        return status
    status["kubernetesVersion"] = member.kubernetes_version
    enablements = member.api_enablements()
    status["apiEnablements"] = enablements
    if enablements:
        set_condition(
            conditions,
            COMPLETE_API,
            "True",
            "Complete",
            "collected complete APIEnablements from the cluster",
            stamp,
        )
    else:
        set_condition(
            conditions,
            COMPLETE_API,
            "False",
            "Empty",
            "collected empty APIEnablements from the cluster",
            stamp,
        )
    status["nodeSummary"] = member.node_summary()
    status["resourceSummary"] = member.resource_summary()
    models = (cluster.get("spec") or {}).get("resourceModels")
    if models:
        status["resourceSummary"]["allocatableModelings"] = member.allocatable_modelings(models)
    set_condition(conditions, READY, "True", "ClusterReady", HEALTHY_MESSAGE, stamp)
    return status


def renew_lease(ctx: Context, name: str) -> None:
    """The pull-mode agent's heartbeat: the Lease named after the cluster in karmada-cluster."""
    ltype = ctx.types.lease
    ctx.memory[("lease", name)] = ctx.now()
    renew = _micro_time(ctx)
    lease = get(ctx.control_plane, ltype, LEASE_NAMESPACE, name)
    if lease is None:
        _ensure_namespace(ctx, LEASE_NAMESPACE)
        ctx.control_plane.create(
            ltype,
            {
                "apiVersion": "coordination.k8s.io/v1",
                "kind": "Lease",
                "metadata": {"name": name, "namespace": LEASE_NAMESPACE},
                "spec": {
                    "holderIdentity": name,
                    "renewTime": renew,
                    "leaseDurationSeconds": int(ctx.settings.lease_duration),
                },
            },
        )
        return
    lease["spec"]["renewTime"] = renew
    ctx.control_plane.update(ltype, lease)


def lease_age(ctx: Context, name: str) -> float | None:
    """Seconds of world time since the member's Lease was renewed, None without a Lease."""
    renewed = ctx.memory.get(("lease", name))
    return None if renewed is None else ctx.now() - renewed


def _micro_time(ctx: Context) -> str:
    stamp = ctx.stamp()
    return (
        datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
        .replace(tzinfo=UTC)
        .strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    )


def _ensure_namespace(ctx: Context, namespace: str) -> None:
    if get(ctx.control_plane, ctx.types.namespace, None, namespace) is None:
        ctx.control_plane.create(
            ctx.types.namespace,
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}},
        )


def _attach(ctx: Context, cluster: dict) -> MemberCluster:
    """A Cluster joined through the API gets a fresh simulated member behind it."""
    spec = cluster.get("spec") or {}
    member_spec = MemberSpec(
        name=cluster["metadata"]["name"],
        provider=spec.get("provider", ""),
        region=spec.get("region", ""),
        zones=tuple(spec.get("zones") or ([spec["zone"]] if spec.get("zone") else [])),
        labels=dict(cluster["metadata"].get("labels") or {}),
        sync_mode=spec.get("syncMode", "Push"),
    )
    return ctx.attach(member_spec)
