"""ObjectMeta rules every kind shares: names, labels, annotations, finalizers, owners."""

from __future__ import annotations

import re
from typing import Any

from karmada_sandbox.registry import ResourceType

Errors = list[tuple[str, str]]

_SUBDOMAIN_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_LABEL_NAME_RE = re.compile(r"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
_NAME_MESSAGE = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character"
)
_LABEL_MESSAGE = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character"
)
_OWNER_FIELDS = ("apiVersion", "kind", "name", "uid")


def _valid_name(rtype: ResourceType, name: str) -> bool:
    # RBAC objects allow ':' (system:controller:...) like real Kubernetes' path-segment rule.
    if rtype.group == "rbac.authorization.k8s.io":
        return name not in (".", "..") and "/" not in name and "%" not in name
    return len(name) <= 253 and bool(_SUBDOMAIN_RE.match(name))


def _valid_label_key(key: str) -> bool:
    prefix, _, name = key.rpartition("/")
    if prefix and (len(prefix) > 253 or not _SUBDOMAIN_RE.match(prefix)):
        return False
    return 0 < len(name) <= 63 and bool(_LABEL_NAME_RE.match(name))


def _string_map_errors(field: str, value: Any, labels: bool) -> Errors:
    if value is None:
        return []
    if not isinstance(value, dict):
        return [(field, f"Invalid value: {_kind(value)}: must be a map of strings")]
    errors: Errors = []
    for key, item in value.items():
        if not isinstance(item, str):
            errors.append((f"{field}.{key}", f"Invalid value: {_kind(item)}: must be a string"))
        elif labels and not _valid_label_key(key):
            errors.append(
                (
                    field,
                    f'Invalid value: "{key}": name part must consist of '
                    "alphanumeric characters, '-', '_' or '.'",
                )
            )
        elif labels and item and (len(item) > 63 or not _LABEL_NAME_RE.match(item)):
            errors.append((f"{field}", f'Invalid value: "{item}": {_LABEL_MESSAGE}'))
    return errors


def _kind(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else f'"{type(value).__name__}"'


def _list_errors(meta: dict[str, Any]) -> Errors:
    errors: Errors = []
    finalizers = meta.get("finalizers")
    if finalizers is not None and (
        not isinstance(finalizers, list) or not all(isinstance(f, str) for f in finalizers)
    ):
        errors.append(("metadata.finalizers", "Invalid value: must be a list of strings"))
    owners = meta.get("ownerReferences")
    if owners is not None and not isinstance(owners, list):
        errors.append(("metadata.ownerReferences", "Invalid value: must be a list"))
    for index, owner in enumerate(owners if isinstance(owners, list) else ()):
        missing = [f for f in _OWNER_FIELDS if not isinstance(owner, dict) or not owner.get(f)]
        if missing:
            errors.append((f"metadata.ownerReferences[{index}].{missing[0]}", "Required value"))
    return errors


def metadata_errors(obj: dict[str, Any], rtype: ResourceType) -> Errors:
    """Violations of the ObjectMeta rules in `obj` (empty when it is fine)."""
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        return [("metadata", "Required value")]
    errors: Errors = []
    for field in ("name", "generateName", "namespace"):
        if meta.get(field) is not None and not isinstance(meta[field], str):
            errors.append(
                (f"metadata.{field}", f"Invalid value: {_kind(meta[field])}: must be a string")
            )
    name = meta.get("name")
    if isinstance(name, str) and name and not _valid_name(rtype, name):
        errors.append(("metadata.name", f'Invalid value: "{name}": {_NAME_MESSAGE}'))
    errors += _string_map_errors("metadata.labels", meta.get("labels"), labels=True)
    errors += _string_map_errors("metadata.annotations", meta.get("annotations"), labels=False)
    return errors + _list_errors(meta)
