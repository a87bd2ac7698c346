"""New workload templates: a small valid manifest per kind, and selectors that follow the pods."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from workloads.editors import paths
from workloads.kinds import CLUSTER_TEMPLATE_KIND_NAMES

from .forms import SELECTOR_KINDS, WORKLOAD_KINDS, known_kind


def sync_selector(manifest: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `manifest` whose spec.selector.matchLabels are its pod template's labels
    (Deployment, StatefulSet, DaemonSet with pod labels; anything else comes back unchanged).

    Call it only when creating: Kubernetes forbids changing a selector afterwards, so an edit
    keeps the existing selector (and needs pod labels that still match it)."""
    result = copy.deepcopy(dict(manifest))
    labels = paths.get(result, "spec.template.metadata.labels")
    if result.get("kind") in SELECTOR_KINDS and isinstance(labels, dict) and labels:
        paths.put(result, "spec.selector.matchLabels", dict(labels))
    return result


def _pod_template(name: str, container: dict[str, Any], **spec: Any) -> dict[str, Any]:
    return {"metadata": {"labels": {"app": name}}, "spec": {**spec, "containers": [container]}}


def _web_pods(name: str) -> dict[str, Any]:
    nginx = {
        "name": "nginx",
        "image": "nginx:1.27",
        "ports": [{"name": "http", "containerPort": 80}],
        "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}},
    }
    return _pod_template(name, nginx)


def _job_pods(name: str, restart_policy: str) -> dict[str, Any]:
    main = {"name": "main", "image": "busybox:1.36", "command": ["sh", "-c", f"echo {name} ran"]}
    return _pod_template(name, main, restartPolicy=restart_policy)


def _selected(name: str, **spec: Any) -> dict[str, Any]:
    selector = {"matchLabels": {"app": name}}
    return {"spec": {**spec, "selector": selector, "template": _web_pods(name)}}


def _ingress(name: str) -> dict[str, Any]:
    backend = {"service": {"name": name, "port": {"number": 80}}}
    path = {"path": "/", "pathType": "Prefix", "backend": backend}
    return {"spec": {"rules": [{"http": {"paths": [path]}}]}}


def _autoscaler(name: str) -> dict[str, Any]:
    cpu = {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}
    target = {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}
    metrics = [{"type": "Resource", "resource": cpu}]
    return {
        "spec": {"scaleTargetRef": target, "minReplicas": 2, "maxReplicas": 5, "metrics": metrics}
    }


_BODIES: dict[str, Callable[[str], dict[str, Any]]] = {
    "Deployment": lambda name: _selected(name, replicas=2),
    "StatefulSet": lambda name: _selected(name, replicas=2, serviceName=name),
    "DaemonSet": lambda name: _selected(name),
    "Job": lambda name: {"spec": {"backoffLimit": 3, "template": _job_pods(name, "Never")}},
    "CronJob": lambda name: {
        "spec": {
            "schedule": "*/15 * * * *",
            "concurrencyPolicy": "Forbid",
            "jobTemplate": {"spec": {"template": _job_pods(name, "OnFailure")}},
        }
    },
    "Service": lambda name: {
        "spec": {
            "type": "ClusterIP",
            "selector": {"app": name},
            # The port named in the starter Deployment, StatefulSet and DaemonSet.
            "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}],
        }
    },
    "Ingress": _ingress,
    "ConfigMap": lambda name: {"data": {"LOG_LEVEL": "info"}},
    "Secret": lambda name: {"type": "Opaque"},
    "PersistentVolumeClaim": lambda name: {
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}
    },
    "HorizontalPodAutoscaler": _autoscaler,
    "StorageClass": lambda name: {
        "provisioner": "kubernetes.io/no-provisioner",
        "reclaimPolicy": "Delete",
        "volumeBindingMode": "WaitForFirstConsumer",
    },
    "ClusterRole": lambda name: {
        "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "watch"]}]
    },
    "ClusterRoleBinding": lambda name: {
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": name},
        "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": name}],
    },
}


def starter_manifest(kind: str, *, name: str, namespace: str) -> dict[str, Any]:
    """A small valid `kind` named `name` in `namespace` (cluster-scoped kinds: in none) to
    start a new template from; it and its pods, selector, Service or autoscaler target all use
    the label app=<name>. Raises ValueError for a kind outside WORKLOAD_KINDS."""
    metadata = {"name": name, "namespace": namespace, "labels": {"app": name}}
    if kind in CLUSTER_TEMPLATE_KIND_NAMES:
        del metadata["namespace"]
    head = {"apiVersion": WORKLOAD_KINDS[known_kind(kind)], "kind": kind, "metadata": metadata}
    return {**head, **_BODIES[kind](name)}
