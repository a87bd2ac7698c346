"""Template helpers of the editor forms."""

from __future__ import annotations

from django import template

from workloads.editors.form import BoundField, BoundGroup, has_content
from workloads.services.manifests import fingerprint

register = template.Library()


@register.filter
def advanced_fields(fields: list[BoundField | BoundGroup]) -> dict:
    """The inputs folded under "More options", and whether to show them unfolded."""
    advanced = [f for f in fields if f.spec.advanced]
    return {"fields": advanced, "open": any(has_content(f) for f in advanced)}


@register.filter
def content_fingerprint(raw: dict) -> str:
    """What an editor compares to tell whether the object's editable content changed."""
    return fingerprint(raw)
