"""What the console writes: the kinds, a submitted manifest's identity and clean form, YAML input.

Secrets' `data` / `stringData` never reach the database in clear: an Operation carries them
sealed (`seal`) until the task has sent them to Karmada.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from kairship_ui import crypto
from workloads.inventory import mirrored
from workloads.kinds import CLUSTER_TEMPLATE_KIND_NAMES, POLICY_API, TEMPLATE_KINDS
from workloads.models import PolicyKind
from workloads.validation import Problem, yaml_problems

from .errors import ValidationFailed

Manifest = dict[str, Any]
POLICY_KINDS = tuple(PolicyKind.values)
CLUSTER_SCOPED_KINDS = CLUSTER_TEMPLATE_KIND_NAMES | {
    PolicyKind.CLUSTER_PROPAGATION,
    PolicyKind.CLUSTER_OVERRIDE,
}
API_VERSIONS = {kind: api for api, kind in TEMPLATE_KINDS} | {k: POLICY_API for k in POLICY_KINDS}
SECRET_PAYLOAD = ("data", "stringData")
# Fields the API server sets; a manifest copied from a YAML view carries them.
SERVER_METADATA = (
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "managedFields",
    "selfLink",
)


def is_policy_kind(kind: str) -> bool:
    return kind in POLICY_KINDS


@dataclass(frozen=True)
class Identity:
    """Which object a manifest names; `namespace` is "" for cluster-scoped kinds."""

    api_version: str
    kind: str
    namespace: str
    name: str

    @property
    def cluster_scoped(self) -> bool:
        return self.kind in CLUSTER_SCOPED_KINDS

    @property
    def is_policy(self) -> bool:
        return is_policy_kind(self.kind)

    def __str__(self) -> str:
        name = self.name or "(no name)"
        return f"{self.kind} {self.namespace}/{name}" if self.namespace else f"{self.kind} {name}"


def identity(manifest: Mapping[str, Any]) -> Identity:
    """The kind, namespace and name a manifest writes. Raises ValidationFailed for a kind the
    console does not write, a wrong apiVersion, or a namespaced kind without a namespace."""
    if not isinstance(manifest, Mapping):
        raise ValidationFailed([Problem("", "Expected a Kubernetes object (a mapping of fields).")])
    kind, api_version = str(manifest.get("kind") or ""), str(manifest.get("apiVersion") or "")
    meta = manifest.get("metadata") if isinstance(manifest.get("metadata"), Mapping) else {}
    if kind not in API_VERSIONS:
        known = ", ".join(sorted(API_VERSIONS))
        message = f"The console writes {known}." if kind else "Required."
        raise ValidationFailed([Problem("kind", message)])
    if api_version != API_VERSIONS[kind]:
        raise ValidationFailed([Problem("apiVersion", f"{kind} is {API_VERSIONS[kind]}.")])
    namespace = "" if kind in CLUSTER_SCOPED_KINDS else str(meta.get("namespace") or "")
    if kind not in CLUSTER_SCOPED_KINDS and not namespace:
        raise ValidationFailed([Problem("metadata.namespace", "Required.")])
    return Identity(api_version, kind, namespace, str(meta.get("name") or ""))


def editable(raw: Mapping[str, Any]) -> Manifest:
    """The object as a user edits it: no status and no fields the API server sets; apiVersion,
    kind and metadata first, as people write them (whatever order the API server used)."""
    meta = {k: v for k, v in (raw.get("metadata") or {}).items() if k not in SERVER_METADATA}
    head = {k: raw[k] for k in ("apiVersion", "kind") if k in raw}
    rest = {k: v for k, v in raw.items() if k not in ("apiVersion", "kind", "metadata", "status")}
    return {**head, "metadata": meta, **rest}


def fingerprint(raw: Mapping[str, Any]) -> str:
    """A digest of what a user edits in `raw` (as the inventory stores it): equal digests mean
    only status or server-set fields differ, as when Karmada aggregates member status."""
    content = json.dumps(editable(mirrored(dict(raw))), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(content.encode()).hexdigest()


def without_payload(manifest: Mapping[str, Any]) -> Manifest:
    """A Secret without `data` / `stringData` (other kinds unchanged)."""
    if manifest.get("kind") != "Secret":
        return dict(manifest)
    return {k: v for k, v in manifest.items() if k not in SECRET_PAYLOAD}


def seal(manifest: Mapping[str, Any]) -> str:
    """A Secret's payload encrypted for the Operation ("" for other kinds)."""
    if manifest.get("kind") != "Secret":
        return ""
    payload = {k: manifest[k] for k in SECRET_PAYLOAD if k in manifest}
    return crypto.encrypt(json.dumps(payload)).decode()


def unseal(manifest: Mapping[str, Any], sealed: str) -> Manifest:
    """`manifest` with the payload `seal` took from it put back."""
    if not sealed:
        return dict(manifest)
    return {**manifest, **json.loads(crypto.decrypt(sealed.encode()))}


def parse_yaml(text: str) -> Manifest:
    """One object from YAML text. Raises ValidationFailed with line numbers."""
    problems = yaml_problems(text)
    if problems:
        raise ValidationFailed(problems)
    return dict(yaml.safe_load(text))


def contains(whole: Any, part: Any) -> bool:
    """Whether `whole` has every field of `part` with the same value (server defaults aside)."""
    if isinstance(part, Mapping) and isinstance(whole, Mapping):
        return all(k in whole and contains(whole[k], v) for k, v in part.items())
    if isinstance(part, list) and isinstance(whole, list):
        return len(part) == len(whole) and all(map(contains, whole, part))
    return bool(whole == part)


def _karmada_marks(marks: Mapping[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (marks or {}).items() if "karmada.io/" in k}


def with_karmada_marks(manifest: Mapping[str, Any], current: Mapping[str, Any]) -> Manifest:
    """`manifest` keeping the labels and annotations Karmada put on `current` (its claims and
    permanent ids), which a replace would otherwise drop; the user's own values win."""
    meta, now = dict(manifest.get("metadata") or {}), current.get("metadata") or {}
    for key in ("labels", "annotations"):
        kept = {**_karmada_marks(now.get(key)), **(meta.get(key) or {})}
        if kept:
            meta[key] = kept
    return {**manifest, "metadata": meta}


def manifest_for(row: Any, manifest: Mapping[str, Any]) -> Manifest:
    """`manifest` as a replacement of the mirrored `row` (a Workload or Policy): apiVersion, kind,
    namespace and name default to the row's and must not differ. Raises ValidationFailed."""
    meta = dict(manifest.get("metadata") or {})
    given = {
        "apiVersion": manifest.get("apiVersion"),
        "kind": manifest.get("kind"),
        "metadata.namespace": meta.get("namespace"),
        "metadata.name": meta.get("name"),
    }
    api_version = row.raw.get("apiVersion") or API_VERSIONS.get(row.kind, "")
    wanted = {
        "apiVersion": api_version,
        "kind": row.kind,
        "metadata.namespace": row.namespace,
        "metadata.name": row.name,
    }
    problems = [
        Problem(path, f"Must be {wanted[path]!r}: create a new object to change it.")
        for path, value in given.items()
        if value not in (None, "", wanted[path]) and wanted[path]
    ]
    if problems:
        raise ValidationFailed(problems)
    rest = {k: v for k, v in meta.items() if k not in ("name", "namespace")}
    place = {"namespace": row.namespace} if row.namespace else {}  # cluster-scoped: none
    meta = {"name": row.name, **place, **rest}
    return {**manifest, "apiVersion": api_version, "kind": row.kind, "metadata": meta}


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch: `patch`'s fields replace `target`'s; null removes one."""
    if not isinstance(patch, Mapping):
        return patch
    merged = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged
