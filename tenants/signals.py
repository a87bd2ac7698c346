"""Hooks other apps use to follow tenancy changes."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models.signals import post_delete, post_save


def on_namespace_owner_changed(callback: Callable[[int], None], name: str) -> None:
    """Call `callback(instance_id)` whenever a namespace of that Karmada instance is assigned to
    a tenant or released (rows that carry a tenant must follow). `name` keeps the hook unique."""
    from .models import TenantNamespace

    def changed(sender, instance, **kwargs) -> None:
        callback(instance.instance_id)

    for action, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            changed, sender=TenantNamespace, weak=False, dispatch_uid=f"{name}-on-{action}"
        )
