"""Previews of drafts with their inputs read from the inventory, in a fixed number of queries.

- `preview_draft_policy(instance, draft, *, user, workload=None, limit=20) -> list[Preview]`:
  the templates in `user`'s scope the draft's selectors match (or just `workload`), each with
  what runs now (its binding's clusters and Work manifests) so the preview shows the changes.
- `preview_draft_template(instance, draft, *, user) -> list[TemplatePreview]`: a draft
  template with the stored policies (which one claims it, where it goes, what changes).
- `preview_draft_override(instance, draft, *, user, limit=200) -> OverridePreview`.
Each `TemplatePreview` is a `Preview` that also says which template it is about.
- `selector_filter(draft)`: the SQL side of a policy's resource selectors, shared with validation.

Selectors narrow the rows in SQL by apiVersion, kind, namespace and name; label selectors are
matched in Python over at most `SCAN` rows, so an inventory of any size costs the same.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from clusters.models import KarmadaInstance, MemberCluster
from karmada_semantics.detector import PolicyRef, select_policy
from karmada_semantics.detector.claims import honoured_claim
from karmada_semantics.interpreter import prune, workload_summary
from karmada_semantics.selectors import resource_matches
from workloads.kinds import TEMPLATE_KINDS
from workloads.models import Policy, PolicyKind, ResourceBinding, Work, Workload

from .changes import compare
from .claims import Claim
from .manifests import to_yaml
from .override import OverridePreview, preview_override_policy
from .policy import Preview, preview_policy

Object = Mapping[str, Any]
SCAN = 2000  # rows matched against label selectors in Python, at most
APPLIED_PLACEMENT = "policy.karmada.io/applied-placement"
_MIRRORED = frozenset(TEMPLATE_KINDS)
_CLUSTER_KINDS = (PolicyKind.CLUSTER_PROPAGATION, PolicyKind.CLUSTER_OVERRIDE)
_OVERRIDE_KINDS = (PolicyKind.OVERRIDE, PolicyKind.CLUSTER_OVERRIDE)


def _namespace(draft: Object) -> str:
    if draft.get("kind") in _CLUSTER_KINDS:
        return ""
    return str((draft.get("metadata") or {}).get("namespace") or "")


def selectors(draft: Object) -> list[dict[str, Any]]:
    """The draft's resource selectors, a namespaced policy's defaulting to its namespace."""
    found = [s for s in (draft.get("spec") or {}).get("resourceSelectors") or [] if s]
    namespace = _namespace(draft)
    return [{**s, "namespace": s.get("namespace") or namespace} for s in found]


def selector_filter(draft: Object) -> Q | None:
    """A filter of Workload rows down to those the draft's selectors may match (labels aside).

    An override policy without selectors selects everything in its scope. None when a
    selector names a kind the inventory does not mirror, so the inventory cannot tell.
    """
    found, namespace = selectors(draft), _namespace(draft)
    # A namespaced policy only ever selects templates in its own namespace.
    scope = Q(namespace=namespace) if namespace else Q()
    if not found:
        return scope if draft.get("kind") in _OVERRIDE_KINDS else Q(pk__in=[])
    parts = []
    for selector in found:
        key = (selector.get("apiVersion", ""), selector.get("kind", ""))
        if key not in _MIRRORED:
            return None
        part = Q(api_version=key[0], kind=key[1])
        if selector.get("namespace"):
            part &= Q(namespace=selector["namespace"])
        if selector.get("name"):
            part &= Q(name=selector["name"])
        parts.append(part)
    return scope & functools.reduce(operator.or_, parts)


def _matching(rows: QuerySet[Workload], draft: Object, limit: int) -> list[Workload]:
    """Up to `limit` rows the draft's selectors match, in namespace / kind / name order."""
    narrowed = selector_filter(draft)
    if narrowed is None:
        return []
    found = selectors(draft)
    # Only label selectors need Python; without them every row SQL finds matches.
    scan = SCAN if any(s.get("labelSelector") for s in found) else limit
    candidates = rows.filter(narrowed).order_by("namespace", "kind", "name")[:scan]
    matched = (
        row for row in candidates if not found or any(resource_matches(row.raw, s) for s in found)
    )
    return [row for _, row in zip(range(limit), matched, strict=False)]


def _clusters(instance: KarmadaInstance) -> list[dict[str, Any]]:
    return list(MemberCluster.objects.filter(instance=instance).values_list("raw", flat=True))


def _policies(instance: KarmadaInstance, namespaces: Iterable[str]) -> dict[str, list[Any]]:
    """Every policy of the instance that can act on templates in `namespaces`, by kind."""
    rows = Policy.objects.filter(instance=instance).filter(
        Q(namespace__in=set(namespaces)) | Q(kind__in=_CLUSTER_KINDS)
    )
    by_kind: dict[str, list[Any]] = {kind: [] for kind in PolicyKind.values}
    for kind, raw in rows.values_list("kind", "raw"):
        by_kind[kind].append({**raw, "kind": kind})
    return by_kind


def _binding(workload: Workload) -> ResourceBinding | None:
    return getattr(workload, "binding", None)


def _work_manifests(bindings: Sequence[ResourceBinding]) -> dict[int, dict[str, Any]]:
    """{binding id: {cluster: the Work's manifests}} for `bindings`, in one query."""
    works = Work.objects.filter(binding__in=bindings)
    found: dict[int, dict[str, Any]] = {}
    for binding_id, cluster, raw in works.values_list("binding_id", "cluster_name", "raw"):
        manifests = ((raw.get("spec") or {}).get("workload") or {}).get("manifests") or []
        found.setdefault(binding_id, {})[cluster] = manifests
    return found


def _running(manifests: Sequence[Object], template: Workload) -> Object | None:
    """The manifest among a Work's that is the template's own."""
    for manifest in manifests:
        meta = manifest.get("metadata") or {}
        if manifest.get("kind") == template.kind and meta.get("name") == template.name:
            return manifest
    return None


def current_state(
    workload: Workload, works: Mapping[int, Mapping[str, Sequence[Object]]]
) -> dict[str, Any]:
    """What runs now, as `preview_policy` takes it: the binding's clusters, last scheduled
    placement, replicas and scheduler observations, and each cluster's Work manifest
    (`works` as `_work_manifests` gives them)."""
    binding = _binding(workload)
    if binding is None:
        return {"clusters": [], "works": {}}
    meta, spec = binding.raw.get("metadata") or {}, binding.raw.get("spec") or {}
    status = binding.raw.get("status") or {}
    applied = (meta.get("annotations") or {}).get(APPLIED_PLACEMENT)
    running = {c: _running(items, workload) for c, items in works.get(binding.pk, {}).items()}
    current: dict[str, Any] = {
        "clusters": spec.get("clusters") or [],
        "works": {cluster: m for cluster, m in running.items() if m is not None},
        "placement": json.loads(applied) if applied else spec.get("placement"),
        "replicas": spec.get("replicas"),
        "observedGeneration": status.get("schedulerObservedGeneration", 0),
    }
    if status.get("schedulerObservingAffinityName"):
        current["observedAffinityName"] = status["schedulerObservingAffinityName"]
    return {k: v for k, v in current.items() if v is not None}


@dataclass(frozen=True)
class TemplatePreview(Preview):
    """A Preview with the template it is about: its inventory id (None for a new one), kind,
    name, and a key (`kind/namespace/name`) unique on the instance."""

    workload_id: int | None = None
    template_kind: str = ""
    template_namespace: str = ""
    template_name: str = ""

    @property
    def workload_key(self) -> str:
        return f"{self.template_kind}/{self.template_namespace}/{self.template_name}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, with `workload_key` and `filtered_out` included."""
        return {**super().to_dict(), "workload_key": self.workload_key}


def _about(preview: Preview, template: Object, workload_id: int | None) -> TemplatePreview:
    meta = template.get("metadata") or {}
    return TemplatePreview(
        **{f.name: getattr(preview, f.name) for f in dataclasses.fields(preview)},
        workload_id=workload_id,
        template_kind=str(template.get("kind") or ""),
        template_namespace=str(meta.get("namespace") or ""),
        template_name=str(meta.get("name") or ""),
    )


def _templates(instance: KarmadaInstance, user) -> QuerySet[Workload]:
    return Workload.objects.for_user(user, "view").filter(instance=instance)


def preview_draft_policy(
    instance: KarmadaInstance,
    draft: Object,
    *,
    user,
    workload: Workload | None = None,
    limit: int = 20,
) -> list[TemplatePreview]:
    """Previews of a draft (Cluster)PropagationPolicy for the templates it selects that `user`
    may see (at most `limit`), or for `workload` alone; [] when it selects none of them."""
    draft = {**draft, "kind": draft.get("kind") or PolicyKind.PROPAGATION}
    rows = _templates(instance, user).select_related("binding")
    if workload is not None:
        templates = list(rows.filter(pk=workload.pk))
    else:
        templates = _matching(rows, draft, limit)
    if not templates:
        return []
    policies = _policies(instance, {t.namespace for t in templates} | {_namespace(draft)})
    clusters = _clusters(instance)
    works = _work_manifests([b for t in templates if (b := _binding(t)) is not None])
    return [
        _about(
            _preview(template.raw, draft, policies, clusters, current_state(template, works)),
            template.raw,
            template.pk,
        )
        for template in templates
    ]


def _preview(
    template: Object,
    policy: Object,
    policies: Mapping[str, Sequence[Object]],
    clusters: Sequence[Object],
    current: Object | None,
) -> Preview:
    return preview_policy(
        template,
        policy,
        propagation_policies=policies[PolicyKind.PROPAGATION],
        cluster_propagation_policies=policies[PolicyKind.CLUSTER_PROPAGATION],
        override_policies=policies[PolicyKind.OVERRIDE],
        cluster_override_policies=policies[PolicyKind.CLUSTER_OVERRIDE],
        clusters=clusters,
        current=current,
    )


def _claiming(template: Object, policies: Mapping[str, Sequence[Object]]) -> Object | None:
    """The stored policy that claims the template: the one it already names, else the winner."""
    claimed = honoured_claim(template)
    if claimed is not None:
        stored = policies[PolicyKind.PROPAGATION] + policies[PolicyKind.CLUSTER_PROPAGATION]
        return next((p for p in stored if PolicyRef.of(p) == claimed), None)
    match = select_policy(
        template,
        policies[PolicyKind.PROPAGATION],
        policies[PolicyKind.CLUSTER_PROPAGATION],
    )
    return match.policy if match else None


def preview_draft_template(
    instance: KarmadaInstance, draft: Object, *, user
) -> list[TemplatePreview]:
    """The preview of a draft template under the stored policies: which one claims it, where
    it is scheduled, each cluster's manifest and, for a stored template, what changes.
    One item (a list, like `preview_draft_policy`); its claim is empty when no policy selects it."""
    meta = draft.get("metadata") or {}
    namespace, name = str(meta.get("namespace") or ""), str(meta.get("name") or "")
    stored = (
        _templates(instance, user)
        .select_related("binding")
        .filter(kind=draft.get("kind", ""), namespace=namespace, name=name)
        .first()
    )
    policies = _policies(instance, {namespace})
    policy = _claiming(draft, policies)
    works = _work_manifests([b for b in [_binding(stored)] if b]) if stored else {}
    current = current_state(stored, works) if stored else None
    if policy is None:
        explanation = "No PropagationPolicy or ClusterPropagationPolicy selects it."
        preview = Preview(
            Claim(None, None, False, explanation),
            workload_summary(draft),
            to_yaml(prune(draft)),
            changes=compare(current, []) if current is not None else None,
        )
    else:
        preview = _preview(draft, policy, policies, _clusters(instance), current)
    return [_about(preview, draft, stored.pk if stored else None)]


def preview_draft_override(
    instance: KarmadaInstance, draft: Object, *, user, limit: int = 200
) -> OverridePreview:
    """Every template (of at most `limit` that `user` may see and the draft selects) and
    cluster whose Work manifest a draft (Cluster)OverridePolicy changes."""
    draft = {**draft, "kind": draft.get("kind") or PolicyKind.OVERRIDE}
    rows = _templates(instance, user).select_related("binding")
    templates = _matching(rows, draft, limit)
    policies = _policies(instance, {t.namespace for t in templates} | {_namespace(draft)})
    return preview_override_policy(
        draft,
        templates=[t.raw for t in templates],
        clusters=_clusters(instance),
        override_policies=policies[PolicyKind.OVERRIDE],
        cluster_override_policies=policies[PolicyKind.CLUSTER_OVERRIDE],
        bindings=[b.raw for t in templates if (b := _binding(t)) is not None],
    )
