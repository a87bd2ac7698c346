"""Guided forms for workload templates (the kinds `workloads.sync` mirrors) and starters for
new ones.

- `workload_form(kind)`: the form's sections, for `read_form` / `bind_form`.
- `starter_manifest(kind, name=..., namespace=...)`: a small valid manifest to start from.
- `sync_selector(manifest)`: on create only, the selector follows the pod labels.
"""

from .forms import WORKLOAD_KINDS, containers, metadata_section, workload_form
from .starters import starter_manifest, sync_selector

__all__ = [
    "WORKLOAD_KINDS",
    "containers",
    "metadata_section",
    "starter_manifest",
    "sync_selector",
    "workload_form",
]
