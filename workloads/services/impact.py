"""What a delete removes, said before the user confirms it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from karmada_semantics.selectors import resource_matches
from workloads.models import Policy, Workload
from workloads.preview.inventory import SCAN, selector_filter, selectors

SHOWN = 5


@dataclass(frozen=True)
class DeletionImpact:
    """The confirmation page's facts: a one-paragraph `summary`, the clusters concerned
    ({name: replicas}), the templates concerned (a policy's), and whether member copies stay."""

    summary: str
    clusters: dict[str, int] = field(default_factory=dict)
    workloads: list[Workload] = field(default_factory=list)
    preserved: bool = False


def _names(names: Iterable[str]) -> str:
    names = list(names)
    shown = ", ".join(names[:SHOWN])
    return shown + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")


def _placed(workloads: Iterable[Workload]) -> dict[str, int]:
    """{cluster: replicas} summed over the workloads' placements (prefetched or not)."""
    replicas: Counter[str] = Counter()
    for workload in workloads:
        binding = getattr(workload, "binding", None)
        for placement in binding.placements.all() if binding else ():
            replicas[placement.cluster_name] += placement.replicas
    return dict(sorted(replicas.items()))


def deletion_impact(workload: Workload) -> DeletionImpact:
    """What deleting a template removes: Karmada deletes its binding and Works, and so the
    copies in every cluster it is placed on, unless preserveResourcesOnDeletion keeps them."""
    clusters = _placed([workload])
    binding = getattr(workload, "binding", None)
    preserved = bool(
        ((binding.raw if binding else {}).get("spec") or {}).get("preserveResourcesOnDeletion")
    )
    what = f"{workload.kind} {workload}"
    if not clusters:
        summary = f"{what} runs in no member cluster; only the template is deleted."
    elif preserved:
        summary = (
            f"Karmada deletes the template; the copies in {_names(clusters)} stay "
            "(preserveResourcesOnDeletion) and nothing manages them any more."
        )
    else:
        shares = (f"{name} ({n} replicas)" if n else name for name, n in clusters.items())
        noun = "cluster" if len(clusters) == 1 else "clusters"
        summary = f"Karmada deletes {what} from {len(clusters)} {noun}: {_names(shares)}."
    return DeletionImpact(summary, clusters, [workload], preserved)


def _overridden(policy: Policy) -> list[Workload]:
    """The templates an override policy selects (at most SCAN candidates are looked at)."""
    narrowed = selector_filter({**policy.raw, "kind": policy.kind})
    if narrowed is None:
        return []
    found = selectors({**policy.raw, "kind": policy.kind})
    rows = Workload.objects.filter(instance_id=policy.instance_id).filter(narrowed)
    rows = rows.select_related("binding").prefetch_related("binding__placements")
    return [w for w in rows[:SCAN] if not found or any(resource_matches(w.raw, s) for s in found)]


def policy_deletion_impact(policy: Policy) -> DeletionImpact:
    """What deleting a policy changes: a propagation policy's templates lose their claim but
    keep running where they are; an override policy's overrides leave their Works."""
    if policy.is_override:
        workloads = _overridden(policy)
        if not workloads:
            return DeletionImpact(f"{policy.name} overrides no template; nothing else changes.")
        names = _names(f"{w.kind} {w.name}" for w in workloads)
        summary = (
            f"Karmada re-renders the Works of {len(workloads)} templates ({names}) without these "
            "overrides, so their copies in the member clusters return to the template's values."
        )
    else:
        rows = policy.claimed.select_related("binding").prefetch_related("binding__placements")
        workloads = list(rows.order_by("namespace", "kind", "name")[:SCAN])
        if not workloads:
            return DeletionImpact(f"{policy.name} claims no template; nothing else changes.")
        names = _names(f"{w.kind} {w.name}" for w in workloads)
        summary = (
            f"{len(workloads)} templates ({names}) lose their policy. Their copies keep running "
            "where they are, but Karmada stops rescheduling them until another policy claims them."
        )
    return DeletionImpact(summary, _placed(workloads), workloads)
