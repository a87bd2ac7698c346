"""`preview_policy`: what applying a draft PropagationPolicy would do to one resource template."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from karmada_semantics.detector import AdmissionDenied
from karmada_semantics.detector.admission import admit_create, admit_update
from karmada_semantics.interpreter import prune, workload_summary
from karmada_semantics.scheduling import ScheduleResult, SchedulingError, schedule

from .changes import Changes, compare
from .claims import Claim, decide_claim, policy_ref
from .manifests import DiffCache
from .serialize import to_data
from .works import ClusterPreview, OverrideSet, is_divided, render_clusters

Object = Mapping[str, Any]
_PREVIOUS_KEYS = (
    "replicas",
    "placement",
    "observedGeneration",
    "generation",
    "observedAffinityName",
    "rescheduleTriggered",
)


@dataclass(frozen=True)
class Preview:
    """The outcome of applying a draft policy, for one template.

    `admission_denied` set means Karmada's webhook refuses the draft and nothing else is filled.
    `filter_results` is {affinity term: {cluster: ["Plugin: reason", ...]}} ([] = passes).
    """

    claim: Claim | None
    workload: dict[str, Any]
    template_yaml: str
    admission_denied: str | None = None
    scheduled: bool = False
    error: SchedulingError | None = None
    placement: dict[str, Any] = field(default_factory=dict)
    filter_results: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    available_replicas: dict[str, int] = field(default_factory=dict)
    observed_affinity_name: str | None = None
    clusters: list[ClusterPreview] = field(default_factory=list)
    changes: Changes | None = None

    @property
    def filtered_out(self) -> dict[str, list[str]]:
        """{cluster: reasons} for the affinity term the scheduler ended on."""
        if not self.filter_results:
            return {}
        term = self.observed_affinity_name or next(iter(self.filter_results))
        verdicts = self.filter_results.get(term) or {}
        return {name: reasons for name, reasons in verdicts.items() if reasons}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, with `filtered_out` included."""
        return {**to_data(self), "filtered_out": self.filtered_out}


def admit_draft(draft: Object, stored: Sequence[Object]) -> dict[str, Any]:
    """The draft as Karmada's webhooks would store it (an update when `stored` holds a policy of
    the same name, defaulted as the API server holds it); raises AdmissionDenied."""
    kind = draft.get("kind") or "PropagationPolicy"
    ref = policy_ref(draft)
    old = next((p for p in stored if policy_ref(p, kind) == ref), None)
    if old is None:
        return admit_create(draft, kind, "preview")
    try:
        stored_form = admit_create(old, kind, "preview")
    except AdmissionDenied:
        stored_form = {**old, "kind": kind}
    return admit_update(draft, stored_form)


def _previous(current: Object | None) -> dict[str, Any] | None:
    """The binding state a rescheduling starts from; needs the binding's clusters and placement."""
    if not current or current.get("clusters") is None or current.get("placement") is None:
        return None
    previous = {"clusters": list(current["clusters"])}
    previous.update({key: current[key] for key in _PREVIOUS_KEYS if key in current})
    return previous


def preview_policy(
    template: Object,
    draft_policy: Object,
    *,
    propagation_policies: Sequence[Object],
    cluster_propagation_policies: Sequence[Object],
    override_policies: Sequence[Object],
    cluster_override_policies: Sequence[Object],
    clusters: Sequence[Object],
    current: Object | None = None,
) -> Preview:
    """Claim, scheduling, per-cluster manifests and changes if `draft_policy` were applied.

    `current` is what runs now: `{"clusters": binding spec.clusters, "works": {cluster:
    manifest}}`, plus the binding's `placement` (and optionally `replicas`,
    `observedAffinityName`, ...) to preview a rescheduling of the existing binding.
    """
    base = prune(template)
    diffs = DiffCache(base, "template")
    workload = workload_summary(template)
    same_kind = (
        cluster_propagation_policies
        if draft_policy.get("kind") == "ClusterPropagationPolicy"
        else propagation_policies
    )
    try:
        draft = admit_draft(draft_policy, same_kind)
    except AdmissionDenied as denied:
        return Preview(None, workload, diffs.base_yaml, admission_denied=str(denied))
    claim = decide_claim(template, draft, propagation_policies, cluster_propagation_policies)
    if claim.policy is None:
        changes = compare(current, []) if current is not None else None
        return Preview(claim, workload, diffs.base_yaml, changes=changes)
    result = schedule(
        clusters,
        workload,
        (claim.policy.get("spec") or {}).get("placement") or {},
        previous=_previous(current),
        policy=claim.policy,
    )
    overrides = OverrideSet(base, override_policies, cluster_override_policies)
    previews = render_clusters(
        base,
        result.clusters,
        binding_replicas=int(workload.get("replicas") or 0),
        divided=is_divided(result.effective_placement),
        clusters={(c.get("metadata") or {}).get("name", ""): c for c in clusters},
        overrides=overrides,
        diffs=diffs,
        suspension=(claim.policy.get("spec") or {}).get("suspension"),
    )
    return _preview(claim, workload, diffs.base_yaml, result, previews, current)


def _preview(
    claim: Claim,
    workload: dict[str, Any],
    template_yaml: str,
    result: ScheduleResult,
    previews: list[ClusterPreview],
    current: Object | None,
) -> Preview:
    return Preview(
        claim=claim,
        workload=workload,
        template_yaml=template_yaml,
        admission_denied=result.admission_denied,
        scheduled=result.scheduled,
        error=result.error,
        placement=result.effective_placement,
        filter_results=result.filter_results,
        available_replicas=result.available_replicas,
        observed_affinity_name=result.observed_affinity_name,
        clusters=previews,
        changes=compare(current, previews) if current is not None else None,
    )
