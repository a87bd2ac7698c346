"""The one place that decides what a user may see and do.

Every page, htmx fragment, API endpoint, websocket subscription and admin view starts from
`Model.objects.for_user(user, action)`. Platform operators see everything; tenant users see
rows of tenants where their role allows the action. Models with another visibility rule
override `tenant_filter()`.
"""

from __future__ import annotations

from typing import Self

from django.db import models

from .roles import ACTIONS, ROLES_FOR_ACTION, is_platform_operator


def tenant_ids_for(user, action: str) -> frozenset[int]:
    """Ids of the tenants where `user`'s role allows `action`; cached on the user object."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    cache = user.__dict__.setdefault("_kairship_tenant_ids", {})
    if action not in cache:
        from .models import Membership

        cache[action] = frozenset(
            Membership.objects.filter(user=user, role__in=ROLES_FOR_ACTION[action]).values_list(
                "tenant_id", flat=True
            )
        )
    return cache[action]


def forget_cached_access(user) -> None:
    """Drop the per-user caches after roles change (the user object may live on, e.g. a socket)."""
    user.__dict__.pop("_kairship_tenant_ids", None)
    user.__dict__.pop("_kairship_is_operator", None)


class ScopedQuerySet(models.QuerySet):
    """A queryset that can narrow itself to what a user may see or do."""

    def for_user(self, user, action: str = "view") -> Self:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if is_platform_operator(user):
            return self
        return self.tenant_filter(tenant_ids_for(user, action), action)

    def tenant_filter(self, tenant_ids: frozenset[int], action: str) -> Self:
        """Rows tenant users may see; override where visibility is not a `tenant` foreign key."""
        return self.filter(tenant_id__in=tenant_ids)


class OperatorOnlyQuerySet(ScopedQuerySet):
    """Objects only platform operators may see or change."""

    def tenant_filter(self, tenant_ids: frozenset[int], action: str) -> Self:
        return self.none()
