"""Token controller: fills service-account token Secrets, as kube-controller-manager does.

A Secret of type kubernetes.io/service-account-token that names an existing ServiceAccount
(annotation kubernetes.io/service-account.name) gets `data.token` (an opaque random string the
API server then accepts while both exist), `data["ca.crt"]` (the server's CA) and
`data.namespace`. Deleting a ServiceAccount deletes its token Secrets.
"""

from __future__ import annotations

import base64
import contextlib
import secrets

from karmada_sandbox.controllers.base import CONTROL_PLANE, Context, Key, get
from karmada_sandbox.store import NotFound, WatchEvent

NAME = "token-controller"
TOKEN_TYPE = "kubernetes.io/service-account-token"
SA_ANNOTATION = "kubernetes.io/service-account.name"


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """A token Secret without a token is queued for filling, a deleted account for cleanup."""
    if source != CONTROL_PLANE or event.resource.api_version != "v1":
        return
    meta = event.object["metadata"]
    if event.resource.kind == "ServiceAccount" and event.type == "DELETED":
        ctx.enqueue(NAME, ("account", meta["namespace"], meta["name"]), 0)
    elif event.resource.kind == "Secret" and event.type != "DELETED":
        secret = event.object
        if secret.get("type") == TOKEN_TYPE and not (secret.get("data") or {}).get("token"):
            ctx.enqueue(NAME, ("secret", meta["namespace"], meta["name"]), 0)


def reconcile(ctx: Context, key: Key) -> None:
    """Fill a token Secret, or delete the token Secrets of a deleted ServiceAccount."""
    kind, namespace, name = key
    secret_type = ctx.control_plane.registry.by_kind("v1", "Secret")
    if kind == "account":
        _delete_tokens_of(ctx, namespace, name)
        return
    secret = get(ctx.control_plane, secret_type, namespace, name)
    if secret is None or (secret.get("data") or {}).get("token"):
        return
    account = account_of(secret)
    account_type = ctx.control_plane.registry.by_kind("v1", "ServiceAccount")
    if not account or get(ctx.control_plane, account_type, namespace, account) is None:
        return  # the real controller leaves it unfilled (and eventually deletes it)
    filled = {
        "token": secrets.token_urlsafe(32).encode(),
        "ca.crt": ctx.ca_pem,
        "namespace": namespace.encode(),
    }
    data = dict(secret.get("data") or {})
    data.update({k: base64.b64encode(v).decode() for k, v in filled.items()})
    ctx.control_plane.update(secret_type, {**secret, "data": data})


def _delete_tokens_of(ctx: Context, namespace: str, account: str) -> None:
    account_type = ctx.control_plane.registry.by_kind("v1", "ServiceAccount")
    if get(ctx.control_plane, account_type, namespace, account) is not None:
        return  # created again since
    secret_type = ctx.control_plane.registry.by_kind("v1", "Secret")
    for secret in ctx.control_plane.list(secret_type, namespace)[0]:
        if secret.get("type") == TOKEN_TYPE and account_of(secret) == account:
            with contextlib.suppress(NotFound):
                ctx.control_plane.delete(secret_type, namespace, secret["metadata"]["name"])


def account_of(secret: dict) -> str:
    """The ServiceAccount a token Secret belongs to ("" when it names none)."""
    return (secret["metadata"].get("annotations") or {}).get(SA_ANNOTATION, "")


def is_token_secret(secret: dict) -> bool:
    """Whether a Secret holds a filled service-account token."""
    return secret.get("type") == TOKEN_TYPE and bool((secret.get("data") or {}).get("token"))
