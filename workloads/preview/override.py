"""`preview_override_policy`: every template and cluster a draft override policy changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from karmada_semantics.detector import TemplateKey, interpret_replicas, matching_override_policies
from karmada_semantics.interpreter import prune, revise_replicas
from karmada_semantics.overrides import OverrideResult, validate_override_policy
from karmada_semantics.overrides.policies import with_default_selector_namespace
from karmada_semantics.scheduling import TargetCluster

from .manifests import to_yaml, unified_diff
from .serialize import to_data
from .works import OverrideSet

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


@dataclass(frozen=True)
class _PolicySets:
    """The stored override policies (`before`), with the draft stored (`after`), and the draft
    with its stored version (`own`, to find the templates it concerns); each (ops, cops)."""

    before: tuple[list[dict[str, Any]], list[dict[str, Any]]]
    after: tuple[list[dict[str, Any]], list[dict[str, Any]]]
    own: tuple[list[dict[str, Any]], list[dict[str, Any]]]

    @classmethod
    def build(
        cls, draft: dict[str, Any], ops: Sequence[Object], cops: Sequence[Object]
    ) -> _PolicySets:
        """The three sets for an admitted `draft` and the stored `ops` / `cops`."""
        kind = draft["kind"]
        before = ([dict(p) for p in ops], [dict(p) for p in cops])
        if kind == COP_KIND:
            after = (before[0], _with_draft(cops, draft, kind))
        else:
            after = (_with_draft(ops, draft, kind), before[1])
        mine = before[1] if kind == COP_KIND else before[0]
        own = [draft, *(p for p in mine if _ref(p, kind) == _ref(draft, kind))]
        return cls(before, after, ([], own) if kind == COP_KIND else (own, []))


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
    draft = {**draft_override_policy, "kind": draft_override_policy.get("kind") or "OverridePolicy"}
    denied = validate_override_policy(draft)
    if denied is not None:
        return OverridePreview(admission_denied=denied)
    if draft["kind"] != COP_KIND:
        draft = with_default_selector_namespace(draft)
    sets = _PolicySets.build(draft, override_policies, cluster_override_policies)
    by_name = {(c.get("metadata") or {}).get("name", ""): c for c in clusters}
    index = _binding_index(bindings)
    changes: list[OverrideChange] = []
    for template in templates:
        if any(matching_override_policies(template, *sets.own)):
            changes += _template_changes(template, sets, by_name, index)
    return OverridePreview(changes=changes)


def _template_changes(
    template: Object,
    sets: _PolicySets,
    clusters: Mapping[str, Object],
    bindings: Mapping[TemplateKey, Object],
) -> list[OverrideChange]:
    """The clusters where one template's manifest differs with the draft stored."""
    base = prune(template)
    targets, replicas = _targets(template, bindings, list(clusters))
    before, after = OverrideSet(base, *sets.before), OverrideSet(base, *sets.after)
    variants: dict[int, dict[str, Any]] = {}
    changes = []
    for target in targets:
        cluster = clusters.get(target.name)
        if cluster is None:
            continue
        share = target.replicas if replicas > 0 else 0
        if share not in variants:
            variants[share] = revise_replicas(base, share) if replicas > 0 else base
        old = before.apply(variants[share], cluster, share)
        new = after.apply(variants[share], cluster, share)
        change = _change(template, target.name, old, new)
        if change is not None:
            changes.append(change)
    return changes


def _change(
    template: Object, cluster: str, old: OverrideResult, new: OverrideResult
) -> OverrideChange | None:
    old_error, new_error = old.admission_denied or old.error, new.admission_denied or new.error
    if old.manifest == new.manifest and old_error == new_error:
        return None
    diff = ""
    if old.manifest is not None and new.manifest is not None:
        meta = template.get("metadata") or {}
        title = f"{cluster}/{template.get('kind', '')}/{meta.get('name', '')}"
        diff = unified_diff(
            to_yaml(old.manifest), to_yaml(new.manifest), f"{title} (now)", f"{title} (draft)"
        )
    return OverrideChange(
        TemplateKey.of(template), cluster, old.manifest, new.manifest, diff, error=new_error
    )
