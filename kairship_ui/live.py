"""Live updates: group names, authorisation of topics, publishing and fragment rendering.

Group names come only from the functions here (ASCII letters, digits, '.', '-'):
`<kind>.<pk>` for one object, `<kinds>.tenant-<id>` / `<kinds>.instance-<id>` for a list,
`<kinds>.all` for operator-only lists. Messages carry ids only, never HTML or secrets; each
subscriber re-renders through its own scope, so revoked access stops updates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import models, transaction
from django.template.loader import render_to_string

from tenants.querysets import forget_cached_access, tenant_ids_for
from tenants.roles import is_platform_operator

_TOPIC = re.compile(r"^(?P<kind>[a-z][a-z0-9-]*)\.(?P<rest>[a-z0-9-]+)$")


@dataclass(frozen=True)
class LiveKind:
    """How to re-render one kind of object when it changes."""

    model: type[models.Model]
    template: str  # "app/page.html#partial"; the partial's root has id "<kind>-<pk>-<part>"
    context: Callable[[Any, Any], dict[str, Any]]  # (object, user) -> template context


_KINDS: dict[str, LiveKind] = {}


def register(kind: str, spec: LiveKind) -> None:
    """Make `kind` available as a live topic (called from each app's ready())."""
    _KINDS[kind] = spec


def object_group(kind: str, pk: int) -> str:
    return f"{kind}.{int(pk)}"


def tenant_list_group(kinds: str, tenant_id: int) -> str:
    return f"{kinds}.tenant-{int(tenant_id)}"


def instance_list_group(kinds: str, instance_id: int) -> str:
    return f"{kinds}.instance-{int(instance_id)}"


def all_list_group(kinds: str) -> str:
    return f"{kinds}.all"


def authorize(user, topic: str) -> bool:
    """May `user` subscribe to `topic`? Decided by the same scoping as pages."""
    match = _TOPIC.match(topic)
    if not match or not getattr(user, "is_authenticated", False):
        return False
    kind, rest = match["kind"], match["rest"]
    if rest.isdigit():
        spec = _KINDS.get(kind)
        return bool(spec) and spec.model.objects.for_user(user).filter(pk=int(rest)).exists()
    if rest == "all":
        return is_platform_operator(user)
    if rest.startswith("tenant-") and rest[7:].isdigit():
        return is_platform_operator(user) or int(rest[7:]) in tenant_ids_for(user, "view")
    if rest.startswith("instance-") and rest[9:].isdigit():
        from clusters.models import KarmadaInstance

        return KarmadaInstance.objects.for_user(user).filter(pk=int(rest[9:])).exists()
    return False


def _send(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, message)


def publish(kind: str, pk: int) -> None:
    """Tell every page showing object `kind`/`pk` to re-render it, once the transaction commits."""
    message = {"type": "live.changed", "kind": kind, "pk": int(pk)}
    transaction.on_commit(lambda: _send(object_group(kind, pk), message))


def publish_list(group: str) -> None:
    """Tell every page showing the list behind `group` to refetch it, on commit."""
    transaction.on_commit(lambda: _send(group, {"type": "live.list_changed", "group": group}))


def render_fragment(user, kind: str, pk: int, csrf_token: str = "") -> str | None:
    """The object's partial as an out-of-band swap, or None if `user` may no longer see it.

    `csrf_token` is the page's CSRF cookie, so forms inside the fragment still post.
    """
    spec = _KINDS.get(kind)
    if spec is None:
        return None
    forget_cached_access(user)
    obj = spec.model.objects.for_user(user).filter(pk=pk).first()
    if obj is None:
        return None
    context = {**spec.context(obj, user), "oob": True, "user": user, "csrf_token": csrf_token}
    return render_to_string(spec.template, context)


def list_dom_id(group: str) -> str:
    """The id of the marker a list page holds for `group` (see components/live_list.html)."""
    return "live-list-" + group.replace(".", "-")


def list_refresh_fragment(group: str) -> str:
    """An element that, swapped in out of band, makes the page refetch the list for `group`."""
    return (
        f'<span id="{list_dom_id(group)}" hx-swap-oob="true" data-live-list="{group}" '
        "hidden></span>"
    )
