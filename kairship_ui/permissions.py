"""View marks and object look-ups that go through the one scoping method.

Every view is marked `@scoped(action)` or `@public`; a test walks the URL resolver and fails
on any unmarked view. `scoped_get` answers 404 for anything the user may not see.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.shortcuts import get_object_or_404

from tenants.querysets import ACTIONS

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])
M = TypeVar("M", bound=Model)


def scoped(action: str) -> Callable[[ViewFunc], ViewFunc]:
    """Mark a view as needing a logged-in user; its look-ups must use `action`'s scope."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")

    def decorate(view: ViewFunc) -> ViewFunc:
        wrapped = login_required(view)
        wraps(view)(wrapped)
        wrapped.kairship_scope = action  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate


def public(view: ViewFunc) -> ViewFunc:
    """Mark a view as deliberately open to anonymous users (login page, health check)."""
    view.kairship_scope = "public"  # type: ignore[attr-defined]
    return view


def scoped_get(model: type[M], user, action: str, **lookup: Any) -> M:
    """The object matching `lookup` among those `user` may `action`, else Http404."""
    return get_object_or_404(model.objects.for_user(user, action), **lookup)  # type: ignore[attr-defined]
