"""Manifests as the preview shows them: cleaned of server fields, as YAML, and diffed."""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from typing import Any

import yaml


def to_yaml(obj: Any) -> str:
    """Block-style YAML in the object's own key order (non-ASCII text kept as written)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(
        yaml.dump(obj, Dumper=dumper, sort_keys=False, default_flow_style=False, allow_unicode=True)
    )


def unified_diff(before: str, after: str, before_name: str, after_name: str) -> str:
    """A unified diff of two YAML texts ("" when they are equal)."""
    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=before_name,
        tofile=after_name,
    )
    return "".join(lines)


class DiffCache:
    """Diffs against one base manifest, computed once per distinct manifest.

    Many clusters receive the same manifest (or one of a few replica counts), so a 100-cluster
    preview renders only a handful of YAML documents.
    """

    def __init__(self, base: Mapping[str, Any], base_name: str) -> None:
        self.base_yaml = to_yaml(base)
        self._base_name = base_name
        self._hunks: dict[str, str] = {}

    def diff(self, manifest: Mapping[str, Any], name: str) -> str:
        """The diff from the base to `manifest`, labelled with `name`."""
        key = json.dumps(manifest, sort_keys=True, default=str)
        if key not in self._hunks:
            diff = unified_diff(self.base_yaml, to_yaml(manifest), "", "")
            self._hunks[key] = diff.split("\n", 2)[2] if diff else ""
        hunks = self._hunks[key]
        return f"--- {self._base_name}\n+++ {name}\n{hunks}" if hunks else ""
