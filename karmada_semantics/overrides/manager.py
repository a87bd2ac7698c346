"""`ApplyOverridePolicies`: the manifest one cluster receives, and what was applied.

ClusterOverridePolicies are applied first, then (for namespaced resources) the OverridePolicies
of the resource's namespace. Any failure aborts the whole application: Karmada then creates no
Work for that cluster, so the result carries only the error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .admission import admission_denial
from .applied import (
    APPLIED_CLUSTER_OVERRIDES,
    APPLIED_OVERRIDES,
    annotation_value,
    encode_shadow,
)
from .field import FieldError
from .gojson import deep_copy
from .goyaml import YAMLConversionError
from .image import ImageError
from .jsonpatch import GoPanic, PatchError
from .overriders import OverriderError
from .policies import MatchingRule, matching_rules
from .rules import apply_overriders

_APPLY_ERRORS = (PatchError, ImageError, OverriderError, FieldError, YAMLConversionError)


@dataclass(frozen=True)
class OverrideResult:
    """The outcome of applying override policies to one resource for one cluster.

    `applied_*` list {"policyName", "overriders"} per applied rule in application order;
    `annotations` are the Work annotations (sorted by policy name, Go-encoded JSON strings).
    """

    manifest: dict[str, Any] | None
    applied_cluster_overrides: list[dict[str, Any]] = field(default_factory=list)
    applied_overrides: list[dict[str, Any]] = field(default_factory=list)
    annotations: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    admission_denied: str | None = None

    def to_expected(self) -> dict[str, Any]:
        """The vectors' `expected` shape (absent keys left out as the vectors do)."""
        out: dict[str, Any] = {
            "appliedClusterOverrides": self.applied_cluster_overrides,
            "appliedOverrides": self.applied_overrides,
        }
        if self.admission_denied is not None:
            out["admissionDenied"] = self.admission_denied
            return out
        if self.error is not None:
            out["error"] = self.error
            return out
        out["manifest"] = self.manifest
        if self.annotations:
            out["annotations"] = dict(self.annotations)
        return out


def _apply_rules(
    manifest: dict[str, Any], rules: list[MatchingRule]
) -> tuple[dict[str, Any], list[tuple[str, str]], list[tuple[str, str]]]:
    applied: dict[str, list[tuple[str, str]]] = {"ClusterOverridePolicy": [], "OverridePolicy": []}
    for rule in rules:
        manifest = apply_overriders(manifest, rule.overriders)
        shadow = encode_shadow(rule.policy_name, rule.overriders)
        applied[rule.kind].append((rule.policy_name, shadow))
    return manifest, applied["ClusterOverridePolicy"], applied["OverridePolicy"]


def apply_overrides(
    resource: dict[str, Any],
    cluster: dict[str, Any],
    override_policies: list[dict[str, Any]],
    cluster_override_policies: list[dict[str, Any]],
) -> OverrideResult:
    """Apply every matching ClusterOverridePolicy, then OverridePolicy, as Karmada does for the
    Work of `cluster`. Never mutates its inputs; failures are reported in the result."""
    denial = admission_denial(override_policies, cluster_override_policies)
    if denial is not None:
        return OverrideResult(manifest=None, admission_denied=denial)
    rules = matching_rules(resource, cluster, override_policies, cluster_override_policies)
    try:
        manifest, cluster_applied, applied = _apply_rules(deep_copy(resource), rules)
    except _APPLY_ERRORS as exc:
        return OverrideResult(manifest=None, error=str(exc))
    except GoPanic as exc:
        return OverrideResult(manifest=None, error=f"panic: {exc}")
    annotations = {
        key: value
        for key, value in (
            (APPLIED_CLUSTER_OVERRIDES, annotation_value(cluster_applied)),
            (APPLIED_OVERRIDES, annotation_value(applied)),
        )
        if value is not None
    }
    return OverrideResult(
        manifest=manifest,
        applied_cluster_overrides=[json.loads(shadow) for _, shadow in cluster_applied],
        applied_overrides=[json.loads(shadow) for _, shadow in applied],
        annotations=annotations,
    )
