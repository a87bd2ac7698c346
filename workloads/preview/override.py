"""`preview_override_policy`: every template and cluster a draft override policy changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from karmada_semantics.detector import TemplateKey, interpret_replicas, matching_override_policies
from karmada_semantics.overrides import apply_overrides, matching_rules, validate_override_policy
from karmada_semantics.overrides.policies import with_default_selector_namespace
from karmada_semantics.scheduling import TargetCluster

from .interpreter import revise_replicas
from .manifests import prune, to_yaml, unified_diff
from .serialize import to_data

Object = Mapping[str, Any]
COP_KIND = "ClusterOverridePolicy"


@dataclass(frozen=True)
class OverrideChange:
    """One template in one cluster whose manifest (or failure) the draft changes."""

    template: TemplateKey
    cluster: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    diff: str
    error: str | None = None


@dataclass(frozen=True)
class OverridePreview:
    """The draft's webhook verdict and, when admitted, every change it makes."""

    admission_denied: str | None = None
    changes: list[OverrideChange] = field(default_factory=list)

    @property
    def templates(self) -> list[TemplateKey]:
        """The templates changed somewhere, in first-seen order."""
        return list(dict.fromkeys(c.template for c in self.changes))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        data: dict[str, Any] = to_data(self)
        return data


def _ref(policy: Object, kind: str) -> tuple[str, str, str]:
    meta = policy.get("metadata") or {}
    namespace = "" if kind == COP_KIND else meta.get("namespace") or ""
    return kind, namespace, meta.get("name") or ""


def _with_draft(stored: Sequence[Object], draft: Object | None, kind: str) -> list[dict[str, Any]]:
    kept = [dict(p) for p in stored if draft is None or _ref(p, kind) != _ref(draft, kind)]
    return kept if draft is None else [*kept, dict(draft)]


def _targets(
    template: Object, bindings: Mapping[TemplateKey, Object], names: list[str]
) -> tuple[list[TargetCluster], int]:
    """(target clusters, binding replicas) from the template's binding; all clusters without."""
    binding = bindings.get(TemplateKey.of(template))
    if binding is None:
        return [TargetCluster(n) for n in names], 0
    spec = binding.get("spec") or {}
    entries = spec.get("clusters") or []
    targets = [TargetCluster(c["name"], int(c.get("replicas") or 0)) for c in entries]
    return targets, int(spec.get("replicas") or interpret_replicas(template))


def _binding_index(bindings: Sequence[Object]) -> dict[TemplateKey, Object]:
    index = {}
    for binding in bindings:
        resource = (binding.get("spec") or {}).get("resource") or {}
        key = TemplateKey(
            resource.get("apiVersion", ""),
            resource.get("kind", ""),
            resource.get("namespace") or "",
            resource.get("name", ""),
        )
        index[key] = binding
    return index


def preview_override_policy(
    draft_override_policy: Object,
    *,
    templates: Sequence[Object],
    clusters: Sequence[Object],
    override_policies: Sequence[Object],
    cluster_override_policies: Sequence[Object],
    bindings: Sequence[Object] = (),
) -> OverridePreview:
    """Each (template, cluster) whose Work manifest changes when the draft is stored.

    With `bindings` (ResourceBindings / ClusterResourceBindings) a template is previewed on its
    target clusters with its replica share; otherwise on every cluster, replicas untouched.
    """
    kind = draft_override_policy.get("kind") or "OverridePolicy"
    draft = {**draft_override_policy, "kind": kind}
    denied = validate_override_policy(draft)
    if denied is not None:
        return OverridePreview(admission_denied=denied)
    if kind != COP_KIND:
        draft = with_default_selector_namespace(draft)
    before = (list(map(dict, override_policies)), list(map(dict, cluster_override_policies)))
    is_cop = kind == COP_KIND
    after = (
        before[0] if is_cop else _with_draft(override_policies, draft, kind),
        _with_draft(cluster_override_policies, draft, kind) if is_cop else before[1],
    )
    old = [p for p in (before[1] if is_cop else before[0]) if _ref(p, kind) == _ref(draft, kind)]
    by_name = {(c.get("metadata") or {}).get("name", ""): dict(c) for c in clusters}
    index = _binding_index(bindings)
    changes: list[OverrideChange] = []
    for template in templates:
        own = [draft, *old]
        ops, cops = ([], own) if is_cop else (own, [])
        if not any(matching_override_policies(template, ops, cops)):
            continue
        targets, replicas = _targets(template, index, list(by_name))
        for target in targets:
            cluster = by_name.get(target.name)
            if cluster is None:
                continue
            base = prune(template)
            if replicas > 0:
                base = revise_replicas(base, target.replicas)
            if not matching_rules(base, cluster, ops, cops):
                continue
            change = _change(template, base, cluster, target.name, before, after)
            if change is not None:
                changes.append(change)
    return OverridePreview(changes=changes)


def _change(
    template: Object,
    base: dict[str, Any],
    cluster: dict[str, Any],
    name: str,
    before: tuple[list[dict[str, Any]], list[dict[str, Any]]],
    after: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> OverrideChange | None:
    old = apply_overrides(base, cluster, before[0], before[1])
    new = apply_overrides(base, cluster, after[0], after[1])
    old_error, new_error = old.admission_denied or old.error, new.admission_denied or new.error
    if old.manifest == new.manifest and old_error == new_error:
        return None
    diff = ""
    if old.manifest is not None and new.manifest is not None:
        meta = template.get("metadata") or {}
        title = f"{name}/{template.get('kind', '')}/{meta.get('name', '')}"
        diff = unified_diff(
            to_yaml(old.manifest), to_yaml(new.manifest), f"{title} (now)", f"{title} (draft)"
        )
    return OverrideChange(
        TemplateKey.of(template), name, old.manifest, new.manifest, diff, error=new_error
    )
