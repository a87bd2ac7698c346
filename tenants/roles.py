"""Roles and what each may do; the platform-operator rule."""

from __future__ import annotations

from django.db import models

PLATFORM_OPERATORS_GROUP = "platform-operators"
ACTIONS = ("view", "change", "admin")


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    EDITOR = "editor", "Editor"
    VIEWER = "viewer", "Viewer"


# Which roles allow each action.
ROLES_FOR_ACTION: dict[str, tuple[str, ...]] = {
    "view": (Role.ADMIN, Role.EDITOR, Role.VIEWER),
    "change": (Role.ADMIN, Role.EDITOR),
    "admin": (Role.ADMIN,),
}


def is_platform_operator(user) -> bool:
    """Superusers and members of the platform-operators group; cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_kairship_is_operator", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=PLATFORM_OPERATORS_GROUP).exists()
        user._kairship_is_operator = cached
    return cached
