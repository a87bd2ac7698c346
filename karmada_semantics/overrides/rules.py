"""Applying one rule's overriders to an object, in Karmada's fixed order.

Order inside a rule (`applyPolicyOverriders`): image, command, args, labels, annotations,
field, then plaintext. Every patch goes through `apply_to_object`, which, like Karmada's
`applyJSONPatch`, re-reads the result as an unstructured object (so a missing kind fails).
"""

from __future__ import annotations

from typing import Any

from .field import apply_field_overriders
from .gojson import encode
from .image import image_patches
from .jsonpatch import NULL_DOCUMENT, PatchError, apply_patch
from .overriders import command_args_patches, label_annotation_patches


def _as_object(document: Any) -> dict[str, Any]:
    """`Unstructured.UnmarshalJSON` of the patched document. Raises PatchError."""
    if isinstance(document, list):
        raise PatchError(
            "json: cannot unmarshal array into Go value of type map[string]interface {}"
        )
    if document is None or document is NULL_DOCUMENT:
        raise PatchError("Object 'Kind' is missing in 'null'")
    kind = document.get("kind")
    if not isinstance(kind, str) or not kind:
        raise PatchError(f"Object 'Kind' is missing in '{encode(document, sort_keys=True)}'")
    return document  # type: ignore[no-any-return]


def apply_to_object(obj: dict[str, Any], operations: list[dict[str, Any]] | None) -> dict[str, Any]:
    """Karmada's `applyJSONPatch`: patch `obj` (in place where possible) and return it."""
    if not operations:
        return _as_object(obj)
    return _as_object(apply_patch(obj, operations))


def _plaintext_operations(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"op": e.get("operator", ""), "path": e.get("path", ""), "value": e.get("value")}
        for e in entries
    ]


def apply_overriders(obj: dict[str, Any], overriders: dict[str, Any]) -> dict[str, Any]:
    """Apply one rule's overriders to `obj` and return the result (`obj` may be modified).

    Raises PatchError, ImageError, OverriderError, FieldError, YAMLConversionError or GoPanic.
    """
    for overrider in overriders.get("imageOverrider") or []:
        obj = apply_to_object(obj, image_patches(obj, overrider))
    for target, key in (("command", "commandOverrider"), ("args", "argsOverrider")):
        for overrider in overriders.get(key) or []:
            obj = apply_to_object(obj, command_args_patches(obj, target, overrider))
    for field, key in (("labels", "labelsOverrider"), ("annotations", "annotationsOverrider")):
        for overrider in overriders.get(key) or []:
            patches = label_annotation_patches(obj, field, overrider)
            if patches:
                obj = apply_to_object(obj, patches)
    apply_field_overriders(obj, overriders.get("fieldOverrider") or [])
    return apply_to_object(obj, _plaintext_operations(overriders.get("plaintext") or []))
