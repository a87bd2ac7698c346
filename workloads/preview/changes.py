"""The difference between a preview and what runs now (the binding's clusters and its Works)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .manifests import to_yaml, unified_diff
from .works import ClusterPreview

# Labels and annotations Karmada itself writes on Work manifests; the preview cannot know their
# values (permanent ids, generations), so both sides are compared without them.
_KARMADA_PREFIXES = (
    "clusterpropagationpolicy.karmada.io/",
    "clusterresourcebinding.karmada.io/",
    "policy.karmada.io/",
    "propagationpolicy.karmada.io/",
    "resourcebinding.karmada.io/",
    "resourcetemplate.karmada.io/",
    "work.karmada.io/",
)


@dataclass(frozen=True)
class Changes:
    """Clusters added and removed, replica changes (`{cluster: (now, after)}`), manifest diffs."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    replicas: dict[str, tuple[int, int]] = field(default_factory=dict)
    manifest_diffs: dict[str, str] = field(default_factory=dict)

    @property
    def unchanged(self) -> bool:
        """Nothing would change in any cluster."""
        return not (self.added or self.removed or self.replicas or self.manifest_diffs)


def without_karmada_marks(manifest: Mapping[str, Any]) -> dict[str, Any]:
    """The manifest without the labels and annotations Karmada adds to Work manifests."""
    meta = dict(manifest.get("metadata") or {})
    for key in ("labels", "annotations"):
        marks = meta.get(key)
        if isinstance(marks, Mapping):
            kept = {k: v for k, v in marks.items() if not k.startswith(_KARMADA_PREFIXES)}
            if kept:
                meta[key] = kept
            else:
                meta.pop(key)
    return {**manifest, "metadata": meta}


def compare(current: Mapping[str, Any], previews: Sequence[ClusterPreview]) -> Changes:
    """What changes from `current`, the binding's clusters and each cluster's Work manifest:
    `{"clusters": [{"name", "replicas"}], "works": {cluster: manifest}}`."""
    now = {c["name"]: int(c.get("replicas") or 0) for c in current.get("clusters") or []}
    after = {p.name: p.replicas for p in previews}
    works: Mapping[str, Any] = current.get("works") or {}
    replicas = {
        name: (now.get(name, 0), after.get(name, 0))
        for name in sorted(now.keys() | after.keys())
        if now.get(name, 0) != after.get(name, 0)
    }
    diffs = {}
    for preview in previews:
        running = works.get(preview.name)
        if running is None or preview.manifest is None:
            continue
        diff = unified_diff(
            to_yaml(without_karmada_marks(running)),
            to_yaml(without_karmada_marks(preview.manifest)),
            f"{preview.name} (now)",
            f"{preview.name} (preview)",
        )
        if diff:
            diffs[preview.name] = diff
    return Changes(
        added=sorted(after.keys() - now.keys()),
        removed=sorted(now.keys() - after.keys()),
        replicas=replicas,
        manifest_diffs=diffs,
    )
