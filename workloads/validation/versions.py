"""A template against the Kubernetes versions it meets: the control plane's decides whether
Karmada accepts it; each member's decides whether that member's copy applies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .manifests import validate_manifest
from .problems import Problem
from .schemas import schema_version


def _usable(version: str) -> tuple[int, int] | None:
    """The shipped schema version for `version`; None when it is unknown or too old."""
    try:
        return schema_version(version) if version else None
    except ValueError:
        return None


def control_plane_problems(manifest: Mapping[str, Any], version: str) -> list[Problem]:
    """Problems under the schema of the instance's API server `version` (the newest schemas
    when it is unknown or older than any shipped)."""
    usable = _usable(version)
    return validate_manifest(manifest, f"{usable[0]}.{usable[1]}" if usable else None)


def member_warnings(
    manifest: Mapping[str, Any],
    members: Iterable[tuple[str, str]],
    known: Iterable[Problem],
) -> list[Problem]:
    """What members (name, Kubernetes version) of other versions would refuse beyond the
    `known` problems: one warning per field and message, naming the clusters. Karmada accepts
    the template; only those members' copies would fail to apply."""
    clusters: dict[tuple[int, int], list[str]] = {}
    for name, version in members:
        if (usable := _usable(version)) is not None:
            clusters.setdefault(usable, []).append(name)
    seen = {(p.field_path, p.message) for p in known}
    refusing: dict[tuple[str, str], list[str]] = {}
    for (major, minor), names in sorted(clusters.items()):
        for problem in validate_manifest(manifest, f"{major}.{minor}"):
            key = (problem.field_path, problem.message)
            if key not in seen:
                refusing.setdefault(key, []).extend(f"{n} ({major}.{minor})" for n in names)
    return [
        Problem(
            field,
            f"{message} On {', '.join(sorted(names))}: a copy there would fail to apply.",
            warning=True,
        )
        for (field, message), names in refusing.items()
    ]
