"""Namespace sync: control-plane namespaces appear in every reachable member.

Karmada copies namespaces to members without a policy, unless the namespace is reserved
(`karmada-*`, `kube-*`, `default`) or labelled `namespace.karmada.io/skip-auto-propagation`.
"""

from __future__ import annotations

import re

from karmada_sandbox.controllers.base import Context, Key, get
from karmada_sandbox.controllers.execution import ensure_member_namespace
from karmada_sandbox.store import WatchEvent

NAME = "namespace-sync"
SKIP_LABEL = "namespace.karmada.io/skip-auto-propagation"
_RESERVED = re.compile(r"^(karmada-.*|kube-.*|default)$")


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """A new namespace goes to every member; a newly joined cluster gets every namespace."""
    if source or event.type == "DELETED":
        return
    if event.resource == ctx.types.namespace:
        ctx.enqueue(NAME, ("namespace", event.object["metadata"]["name"]), 0)
    elif event.resource == ctx.types.cluster and event.type == "ADDED":
        ctx.enqueue(NAME, ("cluster", event.object["metadata"]["name"]), 0)


def propagated(namespace: dict) -> bool:
    """Whether Karmada copies this namespace to members."""
    name = namespace["metadata"]["name"]
    skip = (namespace["metadata"].get("labels") or {}).get(SKIP_LABEL) == "true"
    return (
        not skip
        and not _RESERVED.match(name)
        and not namespace["metadata"].get("deletionTimestamp")
    )


def reconcile(ctx: Context, key: Key) -> None:
    """Create missing namespaces in reachable members."""
    kind, name = key
    if kind == "namespace":
        found = get(ctx.control_plane, ctx.types.namespace, None, name)
        namespaces = [found] if found else []
        members = list(ctx.members.values())
    else:
        namespaces = ctx.control_plane.list(ctx.types.namespace)[0]
        members = [ctx.members[name]] if name in ctx.members else []
    for member in members:
        if not member.reachable:
            continue
        for namespace in namespaces:
            if propagated(namespace):
                ensure_member_namespace(member, namespace["metadata"]["name"])
