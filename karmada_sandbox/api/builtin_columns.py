"""Table columns for built-in kinds, as `kubectl get` shows them from a real API server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Cell = Callable[[dict[str, Any]], Any]
# (name, type, priority, cell function); "Name" and "Age" are added around these.
Column = tuple[str, str, int, Cell]


def _get(obj: dict[str, Any], *path: str, default: Any = None) -> Any:
    value: Any = obj
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return default if value is None else value


def _ready(obj: dict[str, Any]) -> str:
    ready = _get(obj, "status", "readyReplicas", default=0)
    return f"{ready}/{_get(obj, 'spec', 'replicas', default=1)}"


def _containers(obj: dict[str, Any], field: str) -> str:
    pod = _get(obj, "spec", "template", "spec", default={})
    if obj.get("kind") == "CronJob":
        pod = _get(obj, "spec", "jobTemplate", "spec", "template", "spec", default={})
    return ",".join(str(c.get(field, "")) for c in pod.get("containers") or ())


def _selector(obj: dict[str, Any]) -> str:
    labels = _get(obj, "spec", "selector", "matchLabels", default={})
    return ",".join(f"{k}={v}" for k, v in labels.items()) or "<none>"


def _ports(obj: dict[str, Any]) -> str:
    ports = _get(obj, "spec", "ports", default=[])
    return (
        ",".join(
            f"{p.get('port')}{':' + str(p['nodePort']) if p.get('nodePort') else ''}"
            f"/{p.get('protocol', 'TCP')}"
            for p in ports
        )
        or "<none>"
    )


def _external_ip(obj: dict[str, Any]) -> str:
    ingress = _get(obj, "status", "loadBalancer", "ingress", default=[])
    ips = [i.get("ip") or i.get("hostname") for i in ingress] + list(
        _get(obj, "spec", "externalIPs", default=[])
    )
    if ips:
        return ",".join(str(i) for i in ips)
    return "<pending>" if _get(obj, "spec", "type") == "LoadBalancer" else "<none>"


def _pod_ready(obj: dict[str, Any]) -> str:
    statuses = _get(obj, "status", "containerStatuses", default=[])
    total = len(_get(obj, "spec", "containers", default=[]))
    return f"{sum(1 for s in statuses if s.get('ready'))}/{total}"


def _node_status(obj: dict[str, Any]) -> str:
    conditions = _get(obj, "status", "conditions", default=[])
    ready = next((c for c in conditions if c.get("type") == "Ready"), None)
    status = "Ready" if ready and ready.get("status") == "True" else "NotReady"
    return status + (",SchedulingDisabled" if _get(obj, "spec", "unschedulable") else "")


def _node_roles(obj: dict[str, Any]) -> str:
    prefix = "node-role.kubernetes.io/"
    labels = _get(obj, "metadata", "labels", default={})
    return ",".join(k[len(prefix) :] for k in labels if k.startswith(prefix)) or "<none>"


def _job_completions(obj: dict[str, Any]) -> str:
    done = _get(obj, "status", "succeeded", default=0)
    return f"{done}/{_get(obj, 'spec', 'completions', default=1)}"


def _job_status(obj: dict[str, Any]) -> str:
    for condition in _get(obj, "status", "conditions", default=[]):
        if condition.get("status") == "True" and condition.get("type") in ("Complete", "Failed"):
            return str(condition["type"])
    return "Running"


def _count(*path: str) -> Cell:
    return lambda obj: len(_get(obj, *path, default={}))


def _field(*path: str, default: Any = "<none>") -> Cell:
    return lambda obj: _get(obj, *path, default=default)


BUILTIN_COLUMNS: dict[str, list[Column]] = {
    "Deployment": [
        ("Ready", "string", 0, _ready),
        ("Up-to-date", "integer", 0, _field("status", "updatedReplicas", default=0)),
        ("Available", "integer", 0, _field("status", "availableReplicas", default=0)),
        ("Containers", "string", 1, lambda o: _containers(o, "name")),
        ("Images", "string", 1, lambda o: _containers(o, "image")),
        ("Selector", "string", 1, _selector),
    ],
    "StatefulSet": [
        ("Ready", "string", 0, _ready),
        ("Containers", "string", 1, lambda o: _containers(o, "name")),
        ("Images", "string", 1, lambda o: _containers(o, "image")),
    ],
    "ReplicaSet": [
        ("Desired", "integer", 0, _field("spec", "replicas", default=1)),
        ("Current", "integer", 0, _field("status", "replicas", default=0)),
        ("Ready", "integer", 0, _field("status", "readyReplicas", default=0)),
    ],
    "DaemonSet": [
        ("Desired", "integer", 0, _field("status", "desiredNumberScheduled", default=0)),
        ("Current", "integer", 0, _field("status", "currentNumberScheduled", default=0)),
        ("Ready", "integer", 0, _field("status", "numberReady", default=0)),
        ("Up-to-date", "integer", 0, _field("status", "updatedNumberScheduled", default=0)),
        ("Available", "integer", 0, _field("status", "numberAvailable", default=0)),
    ],
    "Job": [
        ("Status", "string", 0, _job_status),
        ("Completions", "string", 0, _job_completions),
    ],
    "CronJob": [
        ("Schedule", "string", 0, _field("spec", "schedule")),
        ("Suspend", "boolean", 0, _field("spec", "suspend", default=False)),
        ("Active", "integer", 0, lambda o: len(_get(o, "status", "active", default=[]))),
        ("Last Schedule", "string", 0, _field("status", "lastScheduleTime")),
    ],
    "Service": [
        ("Type", "string", 0, _field("spec", "type", default="ClusterIP")),
        ("Cluster-IP", "string", 0, _field("spec", "clusterIP")),
        ("External-IP", "string", 0, _external_ip),
        ("Port(s)", "string", 0, _ports),
    ],
    "ConfigMap": [
        ("Data", "integer", 0, lambda o: len(o.get("data") or {}) + len(o.get("binaryData") or {}))
    ],
    "Secret": [
        ("Type", "string", 0, _field("type", default="Opaque")),
        ("Data", "integer", 0, _count("data")),
    ],
    "Namespace": [("Status", "string", 0, _field("status", "phase", default="Active"))],
    "Pod": [
        ("Ready", "string", 0, _pod_ready),
        ("Status", "string", 0, _field("status", "phase", default="Pending")),
        (
            "Restarts",
            "integer",
            0,
            lambda o: sum(
                s.get("restartCount", 0) for s in _get(o, "status", "containerStatuses", default=[])
            ),
        ),
        ("Node", "string", 1, _field("spec", "nodeName")),
    ],
    "Node": [
        ("Status", "string", 0, _node_status),
        ("Roles", "string", 0, _node_roles),
        ("Version", "string", 0, _field("status", "nodeInfo", "kubeletVersion", default="")),
    ],
    "PersistentVolumeClaim": [
        ("Status", "string", 0, _field("status", "phase", default="Pending")),
        ("Volume", "string", 0, _field("spec", "volumeName", default="")),
        ("StorageClass", "string", 0, _field("spec", "storageClassName", default="<unset>")),
    ],
    "StorageClass": [
        ("Provisioner", "string", 0, _field("provisioner", default="")),
        ("ReclaimPolicy", "string", 0, _field("reclaimPolicy", default="Delete")),
        ("VolumeBindingMode", "string", 0, _field("volumeBindingMode", default="Immediate")),
    ],
    "HorizontalPodAutoscaler": [
        (
            "Reference",
            "string",
            0,
            lambda o: (
                f"{_get(o, 'spec', 'scaleTargetRef', 'kind', default='')}/"
                f"{_get(o, 'spec', 'scaleTargetRef', 'name', default='')}"
            ),
        ),
        ("MinPods", "integer", 0, _field("spec", "minReplicas", default=1)),
        ("MaxPods", "integer", 0, _field("spec", "maxReplicas", default=0)),
        ("Replicas", "integer", 0, _field("status", "currentReplicas", default=0)),
    ],
    "Ingress": [
        ("Class", "string", 0, _field("spec", "ingressClassName")),
        (
            "Hosts",
            "string",
            0,
            lambda o: (
                ",".join(str(r.get("host", "*")) for r in _get(o, "spec", "rules", default=[]))
                or "*"
            ),
        ),
    ],
    "RoleBinding": [
        (
            "Role",
            "string",
            0,
            lambda o: (
                f"{_get(o, 'roleRef', 'kind', default='')}/{_get(o, 'roleRef', 'name', default='')}"
            ),
        )
    ],
    "ClusterRoleBinding": [
        (
            "Role",
            "string",
            0,
            lambda o: (
                f"{_get(o, 'roleRef', 'kind', default='')}/{_get(o, 'roleRef', 'name', default='')}"
            ),
        )
    ],
    "Event": [
        ("Type", "string", 0, _field("type", default="")),
        ("Reason", "string", 0, _field("reason", default="")),
        (
            "Object",
            "string",
            0,
            lambda o: (
                f"{str(_get(o, 'involvedObject', 'kind', default='')).lower()}/"
                f"{_get(o, 'involvedObject', 'name', default='')}"
            ),
        ),
        ("Message", "string", 0, _field("message", default="")),
    ],
    "Lease": [("Holder", "string", 0, _field("spec", "holderIdentity", default=""))],
}
