"""Columns extracted from mirrored objects at upsert time (pages read columns, not JSON)."""

from __future__ import annotations

import json
from typing import Any

from django.utils.dateparse import parse_datetime

from .models import WorkloadState

PP_ID = "propagationpolicy.karmada.io/permanent-id"
PP_NAMESPACE = "propagationpolicy.karmada.io/namespace"
PP_NAME = "propagationpolicy.karmada.io/name"
CPP_ID = "clusterpropagationpolicy.karmada.io/permanent-id"
CPP_NAME = "clusterpropagationpolicy.karmada.io/name"
RB_NAMESPACE = "resourcebinding.karmada.io/namespace"
RB_NAME = "resourcebinding.karmada.io/name"
CRB_NAME = "clusterresourcebinding.karmada.io/name"
DEPENDENCIES = "resourcebinding.karmada.io/dependencies"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
EXECUTION_SPACE = "karmada-es-"
REPLICA_KINDS = frozenset({"Deployment", "StatefulSet", "ReplicaSet"})


def without_secret_data(raw: dict[str, Any]) -> dict[str, Any]:
    """A Secret reduced to what the console may mirror: its metadata and type, never data."""
    meta = dict(raw.get("metadata") or {})
    annotations = {k: v for k, v in (meta.get("annotations") or {}).items() if k != LAST_APPLIED}
    meta["annotations"] = annotations
    kept = {"apiVersion": raw.get("apiVersion"), "kind": "Secret", "metadata": meta}
    return {**kept, "type": raw["type"]} if "type" in raw else kept


def mirrored(raw: dict[str, Any]) -> dict[str, Any]:
    """The object as stored: Secrets (also inside Work manifests) lose their data."""
    if raw.get("kind") == "Secret":
        return without_secret_data(raw)
    workload = (raw.get("spec") or {}).get("workload")
    if raw.get("kind") == "Work" and workload:
        manifests = [mirrored(m) for m in workload.get("manifests") or []]
        spec = {**raw["spec"], "workload": {**workload, "manifests": manifests}}
        return {**raw, "spec": spec}
    return raw


def base_columns(raw: dict[str, Any]) -> dict[str, Any]:
    """The fields every mirrored row has."""
    meta = raw.get("metadata") or {}
    created = meta.get("creationTimestamp")
    return {
        "uid": meta.get("uid", ""),
        "resource_version": meta.get("resourceVersion", ""),
        "namespace": meta.get("namespace", "") or "",
        "name": meta.get("name", ""),
        "raw": mirrored(raw),
        "created": parse_datetime(created) if created else None,
    }


def condition(status: dict[str, Any], kind: str) -> dict[str, Any]:
    for item in status.get("conditions") or []:
        if item.get("type") == kind:
            return item
    return {}


def claim(meta: dict[str, Any]) -> dict[str, str]:
    """The claiming policy's kind, namespace and name from the claim metadata."""
    labels, annotations = meta.get("labels") or {}, meta.get("annotations") or {}
    if PP_ID in labels or PP_NAME in annotations:
        return {
            "policy_kind": "PropagationPolicy",
            "policy_namespace": annotations.get(PP_NAMESPACE, meta.get("namespace", "")),
            "policy_name": annotations.get(PP_NAME, ""),
        }
    if CPP_ID in labels or CPP_NAME in annotations:
        return {
            "policy_kind": "ClusterPropagationPolicy",
            "policy_namespace": "",
            "policy_name": annotations.get(CPP_NAME, ""),
        }
    return {"policy_kind": "", "policy_namespace": "", "policy_name": ""}


def _ready_in(status: dict[str, Any]) -> int:
    """Ready replicas in a reflected workload status (Deployment-like or DaemonSet)."""
    value = status.get("readyReplicas", status.get("numberReady", 0))
    return value if isinstance(value, int) else 0


def workload_columns(raw: dict[str, Any]) -> dict[str, Any]:
    """The Workload fields for a resource template."""
    meta, spec, status = raw.get("metadata") or {}, raw.get("spec") or {}, raw.get("status") or {}
    kind = raw.get("kind", "")
    replicas = spec.get("replicas", 1) if kind in REPLICA_KINDS else None
    ready = _ready_in(status) if kind in REPLICA_KINDS | {"DaemonSet"} else None
    if kind == "DaemonSet":
        replicas = status.get("desiredNumberScheduled")
    return {
        **base_columns(raw),
        **claim(meta),
        "api_version": raw.get("apiVersion", ""),
        "kind": kind,
        "generation": int(meta.get("generation") or 0),
        "desired_replicas": replicas if isinstance(replicas, int) else None,
        "ready_replicas": ready,
    }


def policy_columns(raw: dict[str, Any]) -> dict[str, Any]:
    """The Policy fields for one of the four policy kinds."""
    meta, spec = raw.get("metadata") or {}, raw.get("spec") or {}
    labels, kind = meta.get("labels") or {}, raw.get("kind", "")
    kinds = sorted({s.get("kind", "") for s in spec.get("resourceSelectors") or []} - {""})
    return {
        **base_columns(raw),
        "kind": kind,
        "priority": int(spec.get("priority") or 0),
        "preemption": spec.get("preemption", "") or "",
        "permanent_id": labels.get(PP_ID) or labels.get(CPP_ID) or "",
        "selected_kinds": kinds,
    }


def placements(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per-cluster rows of a binding: scheduled replicas joined with aggregatedStatus."""
    spec, status = raw.get("spec") or {}, raw.get("status") or {}
    rows = {
        target["name"]: {"replicas": int(target.get("replicas") or 0)}
        for target in spec.get("clusters") or []
        if target.get("name")
    }
    for item in status.get("aggregatedStatus") or []:
        name = item.get("clusterName")
        if not name:
            continue
        row = rows.setdefault(name, {"replicas": 0})
        row.update(
            ready_replicas=_ready_in(item.get("status") or {}),
            health=item.get("health", "") or "",
            applied=bool(item.get("applied")),
            applied_message=item.get("appliedMessage", "") or "",
            reported=True,
        )
    return rows


def binding_state(
    scheduled: dict[str, Any], rows: dict[str, dict[str, Any]], replicas: int
) -> WorkloadState:
    """One word for a binding's progress: scheduling, failing, applying or rolling out."""
    if scheduled.get("status") == "False":
        return WorkloadState.UNSCHEDULABLE
    if scheduled.get("status") != "True" or not rows:
        return WorkloadState.SCHEDULING
    unapplied = [r for r in rows.values() if r.get("reported") and not r.get("applied")]
    if any(r.get("applied_message") for r in unapplied):
        return WorkloadState.APPLY_FAILED
    if not all(r.get("applied") for r in rows.values()):
        return WorkloadState.APPLYING
    ready = sum(r.get("ready_replicas", 0) for r in rows.values())
    healthy = all(r.get("health") != "Unhealthy" for r in rows.values())
    return WorkloadState.READY if healthy and ready >= replicas else WorkloadState.PROGRESSING


def _dependencies(annotations: dict[str, str]) -> list[dict[str, str]]:
    try:
        found = json.loads(annotations.get(DEPENDENCIES) or "[]")
    except ValueError:
        return []
    return [
        {"kind": d.get("kind", ""), "namespace": d.get("namespace", ""), "name": d.get("name", "")}
        for d in found
        if isinstance(d, dict)
    ]


def binding_columns(raw: dict[str, Any]) -> dict[str, Any]:
    """The ResourceBinding fields for a ResourceBinding or ClusterResourceBinding."""
    meta, spec, status = raw.get("metadata") or {}, raw.get("spec") or {}, raw.get("status") or {}
    scheduled, applied = condition(status, "Scheduled"), condition(status, "FullyApplied")
    rows = placements(raw)
    # Summed over clusters: a Duplicated workload runs its replicas on every cluster.
    replicas = sum(r["replicas"] for r in rows.values()) or int(spec.get("replicas") or 0)
    return {
        **base_columns(raw),
        "kind": raw.get("kind", "ResourceBinding"),
        "template_uid": (spec.get("resource") or {}).get("uid", ""),
        "replicas": replicas,
        "ready_replicas": sum(r.get("ready_replicas", 0) for r in rows.values()),
        "scheduled": scheduled.get("status", ""),
        "scheduled_reason": scheduled.get("reason", "")[:100],
        "scheduled_message": scheduled.get("message", ""),
        "fully_applied": applied.get("status", ""),
        "applied_reason": applied.get("reason", "")[:100],
        "applied_message": applied.get("message", ""),
        "state": binding_state(scheduled, rows, replicas),
        "dependencies": _dependencies(meta.get("annotations") or {}),
    }


def work_columns(raw: dict[str, Any]) -> dict[str, Any]:
    """The Work fields: its cluster, its binding (by annotation) and the Applied condition."""
    meta, status = raw.get("metadata") or {}, raw.get("status") or {}
    annotations = meta.get("annotations") or {}
    applied = condition(status, "Applied")
    if CRB_NAME in annotations:
        binding = ("ClusterResourceBinding", "", annotations[CRB_NAME])
    elif RB_NAME in annotations:
        binding = ("ResourceBinding", annotations.get(RB_NAMESPACE, ""), annotations[RB_NAME])
    else:
        binding = ("", "", "")
    namespace = meta.get("namespace", "") or ""
    return {
        **base_columns(raw),
        "cluster_name": namespace.removeprefix(EXECUTION_SPACE),
        "binding_kind": binding[0],
        "binding_namespace": binding[1],
        "binding_name": binding[2],
        "applied": applied.get("status", ""),
        "applied_reason": applied.get("reason", "")[:100],
        "applied_message": applied.get("message", ""),
    }
