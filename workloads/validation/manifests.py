"""`validate_manifest`: a built-in kind against the Kubernetes schema of a member's version."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .problems import Problem
from .schemas import crd_problems, kubernetes_validator, schema_problems, schema_version


def validate_manifest(
    manifest: Mapping[str, Any], kubernetes_version: str | None = None
) -> list[Problem]:
    """Problems of `manifest` under the strict schema of `kubernetes_version` (default: newest);
    Karmada kinds are checked against their CRD instead."""
    if not isinstance(manifest, Mapping):
        return [Problem("", "Expected a Kubernetes object (a mapping of fields).")]
    missing = [Problem(key, "Required.") for key in ("apiVersion", "kind") if not manifest.get(key)]
    if missing:
        return missing
    if str(manifest["apiVersion"]).split("/")[0].endswith("karmada.io"):
        return crd_problems(manifest)
    try:
        version = schema_version(kubernetes_version)
    except ValueError as exc:
        return [Problem("", f"{exc}.")]
    validator = kubernetes_validator(version, str(manifest["apiVersion"]), str(manifest["kind"]))
    if validator is None:
        return [
            Problem(
                "kind",
                f"Kubernetes {version[0]}.{version[1]} has no {manifest['kind']} "
                f"in {manifest['apiVersion']}.",
            )
        ]
    problems = schema_problems(validator, manifest)
    if not (manifest.get("metadata") or {}).get("name"):
        problems.insert(0, Problem("metadata.name", "Required."))
    return problems
