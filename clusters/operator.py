"""The karmada-operator's `Karmada` object (operator.karmada.io/v1alpha1) as plain manifests.

Pure functions: the object the console creates, the patch for an update, and reading the admin
kubeconfig Secret the operator writes when the instance is ready (API-NOTES section 11).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

# Components whose image tag is Karmada's version (kube-apiserver / kube-controller-manager /
# etcd follow Kubernetes' and etcd's own versions; the operator's defaults pick those).
KARMADA_COMPONENTS = (
    "karmadaAggregatedAPIServer",
    "karmadaControllerManager",
    "karmadaScheduler",
    "karmadaWebhook",
    "karmadaMetricsAdapter",
)
SCALABLE_COMPONENTS = ("karmadaAPIServer", *KARMADA_COMPONENTS)
ADMIN_KUBECONFIG_KEY = "karmada.config"
CRD_URL = "https://github.com/karmada-io/karmada/releases/download/{version}/crds.tar.gz"


def _components(version: str, replicas: dict[str, int]) -> dict[str, Any]:
    components: dict[str, Any] = {}
    for name in SCALABLE_COMPONENTS:
        entry: dict[str, Any] = {}
        if name in KARMADA_COMPONENTS and version:
            entry["imageTag"] = version
        if replicas.get(name):
            entry["replicas"] = replicas[name]
        if entry:
            components[name] = entry
    return components


def karmada_manifest(
    *, name: str, namespace: str, version: str, replicas: dict[str, int]
) -> dict[str, Any]:
    """A `Karmada` with local etcd, the chosen version's images and CRDs, and replica counts."""
    spec: dict[str, Any] = {
        "components": {
            "etcd": {"local": {"replicas": 1, "volumeData": {"emptyDir": {}}}},
            **_components(version, replicas),
        }
    }
    if version:
        spec["crdTarball"] = {
            "httpSource": {"url": CRD_URL.format(version=version)},
            "crdDownloadPolicy": "IfNotPresent",
        }
    return {
        "apiVersion": "operator.karmada.io/v1alpha1",
        "kind": "Karmada",
        "metadata": {"name": name, "namespace": namespace},
        "spec": spec,
    }


def update_patch(*, version: str, replicas: dict[str, int]) -> dict[str, Any]:
    """The merge patch that moves a `Karmada` to `version` and the given replica counts."""
    patch: dict[str, Any] = {"spec": {"components": _components(version, replicas)}}
    if version:
        patch["spec"]["crdTarball"] = {"httpSource": {"url": CRD_URL.format(version=version)}}
    return patch


def replicas_of(raw: dict[str, Any]) -> dict[str, int]:
    """The replica count set on each scalable component of a `Karmada` object."""
    components = (raw.get("spec") or {}).get("components") or {}
    return {
        name: int((components.get(name) or {}).get("replicas") or 1) for name in SCALABLE_COMPONENTS
    }


def admin_secret_name(name: str) -> str:
    """Where the operator writes the admin kubeconfig when status.secretRef is not set yet."""
    return f"{name}-admin-config" if "karmada" in name else f"{name}-karmada-admin-config"


def admin_kubeconfig(secret: dict[str, Any]) -> str:
    """The kubeconfig text in the admin Secret's `karmada.config`. Raises ValueError."""
    encoded = (secret.get("data") or {}).get(ADMIN_KUBECONFIG_KEY)
    if not encoded:
        raise ValueError(f"The Secret has no {ADMIN_KUBECONFIG_KEY} key yet.")
    try:
        return base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise ValueError(f"{ADMIN_KUBECONFIG_KEY} is not base64-encoded text.") from exc
