"""Small builders for the Kubernetes and Karmada objects the seeds (and tests) create."""

from __future__ import annotations

from typing import Any

POLICY_API = "policy.karmada.io/v1alpha1"


def namespace(name: str) -> dict[str, Any]:
    """A Namespace."""
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}


def deployment(
    name: str,
    ns: str,
    replicas: int,
    image: str,
    cpu: str,
    memory: str,
    config: str | None = None,
    secret: str | None = None,
) -> dict[str, Any]:
    """A Deployment whose pods request cpu / memory and may mount a ConfigMap and a Secret."""
    container: dict[str, Any] = {
        "name": name,
        "image": image,
        "ports": [{"containerPort": 8080}],
        "resources": {"requests": {"cpu": cpu, "memory": memory}},
    }
    env_from = []
    if config:
        env_from.append({"configMapRef": {"name": config}})
    if secret:
        env_from.append({"secretRef": {"name": secret}})
    if env_from:
        container["envFrom"] = env_from
    labels = {"app": name}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": ns, "labels": dict(labels)},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": labels},
            "template": {"metadata": {"labels": labels}, "spec": {"containers": [container]}},
        },
    }


def config_map(name: str, ns: str, data: dict[str, str]) -> dict[str, Any]:
    """A ConfigMap."""
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": name, "namespace": ns},
        "data": data,
    }


def secret(name: str, ns: str, data: dict[str, str]) -> dict[str, Any]:
    """An Opaque Secret (`data` already base64)."""
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": name, "namespace": ns},
        "type": "Opaque",
        "data": data,
    }


def service(name: str, ns: str, cluster_ip: str | None = None) -> dict[str, Any]:
    """A ClusterIP Service in front of pods labelled `app: name`."""
    spec: dict[str, Any] = {
        "selector": {"app": name},
        "type": "ClusterIP",
        "ports": [{"port": 80, "targetPort": 8080, "protocol": "TCP"}],
    }
    if cluster_ip:
        spec["clusterIP"] = cluster_ip
        spec["clusterIPs"] = [cluster_ip]
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": ns},
        "spec": spec,
    }


def selector(kind: str, name: str, api_version: str = "v1") -> dict[str, str]:
    """A resource selector by name."""
    return {"apiVersion": api_version, "kind": kind, "name": name}


def policy(
    kind: str, name: str, ns: str | None, selectors: list[dict], placement: dict, **extra: Any
) -> dict[str, Any]:
    """A PropagationPolicy (with `ns`) or ClusterPropagationPolicy."""
    meta: dict[str, Any] = {"name": name}
    if ns:
        meta["namespace"] = ns
    return {
        "apiVersion": POLICY_API,
        "kind": kind,
        "metadata": meta,
        "spec": {"resourceSelectors": selectors, "placement": placement, **extra},
    }
