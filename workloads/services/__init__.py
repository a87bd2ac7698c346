"""Writes to templates and policies: one function per operation, each queued as an Operation.

- `submit_object(*, actor, instance, manifest, expected_resource_version=None,
  expected_content=None) -> Operation` creates (no resourceVersion) or replaces a template or
  policy; with `expected_content` (a `fingerprint`) a newer resourceVersion whose editable
  content is unchanged (status written meanwhile) is not stale.
- `delete_object(*, actor, instance, kind, namespace, name) -> Operation`.
- `check_object(*, actor, instance, manifest) -> list[Problem]`: what submit would refuse, for
  an editor checking as the user types (nothing queued).
- `deletion_impact(workload)` / `policy_deletion_impact(policy)`: what a delete removes.
- `run_object_change(operation_id)`: the task body.
- `parse_yaml(text)`, `editable(raw)`: YAML input and the form a user edits;
  `manifest_for(row, manifest)` pins an edit to the row it replaces, `merge_patch` for PATCH.
Errors: ValidationFailed (.problems), StaleEdit (.current, .diff), plus kairship_ui's NotAllowed,
AlreadyExists and clusters' InstanceUnreachable; an invisible instance or object is Http404.
"""

from .apply import run_object_change
from .errors import StaleEdit, ValidationFailed
from .impact import DeletionImpact, deletion_impact, policy_deletion_impact
from .manifests import (
    editable,
    fingerprint,
    is_policy_kind,
    manifest_for,
    merge_patch,
    parse_yaml,
)
from .writes import check_object, delete_object, submit_object

__all__ = [
    "DeletionImpact",
    "StaleEdit",
    "ValidationFailed",
    "check_object",
    "delete_object",
    "deletion_impact",
    "editable",
    "fingerprint",
    "is_policy_kind",
    "manifest_for",
    "merge_patch",
    "parse_yaml",
    "policy_deletion_impact",
    "run_object_change",
    "submit_object",
]
