"""What a Work manifest holds of a template: Karmada's `RemoveIrrelevantFields`.

Server-set metadata and status go, and per kind the fields a member sets for itself (a
Service's cluster IPs, a Job's generated selector, a Deployment's revision annotations ...).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

_SERVER_METADATA = (
    "creationTimestamp",
    "deletionGracePeriodSeconds",
    "deletionTimestamp",
    "finalizers",
    "generation",
    "managedFields",
    "ownerReferences",
    "resourceVersion",
    "selfLink",
    "uid",
)
_SELECTED_NODE = "volume.kubernetes.io/selected-node"
_SERVICE_ACCOUNT_UID = "kubernetes.io/service-account.uid"
_DEPLOYMENT_ANNOTATIONS = (
    "deployment.kubernetes.io/revision",
    "deployment.kubernetes.io/revision-history",
)
_JOB_SELECTOR_LABELS = ("controller-uid", "batch.kubernetes.io/controller-uid")
_JOB_TEMPLATE_LABELS = (*_JOB_SELECTOR_LABELS, "job-name", "batch.kubernetes.io/job-name")


def _without(mapping: Any, keys: tuple[str, ...]) -> Any:
    if not isinstance(mapping, Mapping):
        return mapping
    return {k: v for k, v in mapping.items() if k not in keys}


def _at(obj: Mapping[str, Any], *path: str) -> Any:
    """The value at `path`, None when any step is missing."""
    value: Any = obj
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def _set(obj: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """A copy of `obj` with `value` at `path`, copying only the dicts on the way."""
    head, *rest = path
    if not rest:
        return {**obj, head: value}
    child = obj.get(head)
    return {
        **obj,
        head: _set(dict(child) if isinstance(child, Mapping) else {}, tuple(rest), value),
    }


def _drop_annotations(manifest: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    annotations = _at(manifest, "metadata", "annotations")
    if not isinstance(annotations, Mapping):
        return manifest
    return _set(manifest, ("metadata", "annotations"), _without(annotations, keys))


def _prune_deployment(manifest: dict[str, Any]) -> dict[str, Any]:
    return _drop_annotations(manifest, _DEPLOYMENT_ANNOTATIONS)


def _prune_job(manifest: dict[str, Any]) -> dict[str, Any]:
    """TTL always; the generated selector labels unless the selector is manual."""
    spec = _without(manifest.get("spec") or {}, ("ttlSecondsAfterFinished",))
    manifest = {**manifest, "spec": spec}
    if spec.get("manualSelector"):
        return manifest
    for path, keys in (
        (("spec", "selector", "matchLabels"), _JOB_SELECTOR_LABELS),
        (("spec", "template", "metadata", "labels"), _JOB_TEMPLATE_LABELS),
    ):
        if isinstance(_at(manifest, *path), Mapping):
            manifest = _set(manifest, path, _without(_at(manifest, *path), keys))
    return manifest


def _prune_service(manifest: dict[str, Any]) -> dict[str, Any]:
    """A member assigns its own cluster IPs; a headless Service keeps `None`."""
    if _at(manifest, "spec", "clusterIP") in (None, "None"):
        return manifest
    return {**manifest, "spec": _without(manifest["spec"], ("clusterIP", "clusterIPs"))}


def _prune_service_account(manifest: dict[str, Any]) -> dict[str, Any]:
    prefix = f"{_at(manifest, 'metadata', 'name')}-token-"
    secrets = manifest.get("secrets") or []
    kept = [s for s in secrets if not str((s or {}).get("name", "")).startswith(prefix)]
    return {**manifest, "secrets": kept} if secrets else manifest


def _prune_claim(manifest: dict[str, Any]) -> dict[str, Any]:
    return _drop_annotations(manifest, (_SELECTED_NODE,))


def _prune_secret(manifest: dict[str, Any]) -> dict[str, Any]:
    if manifest.get("type") != "kubernetes.io/service-account-token":
        return manifest
    return _drop_annotations({**manifest, "data": None}, (_SERVICE_ACCOUNT_UID,))


_PRUNERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "Deployment": _prune_deployment,
    "Job": _prune_job,
    "PersistentVolumeClaim": _prune_claim,
    "Secret": _prune_secret,
    "Service": _prune_service,
    "ServiceAccount": _prune_service_account,
}


def prune(template: Mapping[str, Any]) -> dict[str, Any]:
    """The object as a Work manifest holds it: Karmada's `RemoveIrrelevantFields` (server-set
    metadata, status, and per-kind fields such as a Service's clusterIP). Never mutates."""
    manifest = {key: value for key, value in template.items() if key != "status"}
    meta = manifest.get("metadata")
    if isinstance(meta, Mapping):
        manifest["metadata"] = _without(meta, _SERVER_METADATA)
    pruner = _PRUNERS.get(str(manifest.get("kind", "")))
    return pruner(manifest) if pruner else manifest
