"""Operations on tenants, members and namespaces: permission-checked, audited, published live."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from kairship_ui import audit, live
from kairship_ui.errors import AlreadyExists, InvalidInput, NotAllowed
from kairship_ui.permissions import scoped_get

from .models import Membership, Tenant, TenantNamespace
from .roles import Role, is_platform_operator


def _require_operator(actor) -> None:
    if not is_platform_operator(actor):
        raise NotAllowed("Only platform operators can do this.")


def _snapshot(tenant: Tenant) -> dict:
    return {"name": tenant.name, "slug": tenant.slug, "description": tenant.description}


def create_tenant(*, actor, name: str, slug: str, description: str = "") -> Tenant:
    """Create a tenant (platform operators only). Raises NotAllowed, AlreadyExists."""
    with audit.failures_recorded(actor, "tenant.create", {"kind": "Tenant", "name": slug}):
        _require_operator(actor)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    tenant = Tenant.objects.create(name=name, slug=slug, description=description)
            except IntegrityError as exc:
                raise AlreadyExists(
                    "A tenant with this name or slug already exists.", field="slug"
                ) from exc
            audit.record(actor, "tenant.create", tenant, after=_snapshot(tenant))
            live.publish_list(live.all_list_group("tenants"))
    return tenant


def update_tenant(*, actor, tenant: Tenant, name: str, description: str) -> Tenant:
    """Rename or describe a tenant (its admins or operators). Raises Http404 when not allowed."""
    with transaction.atomic():
        tenant = scoped_get(Tenant, actor, "admin", pk=tenant.pk)
        before = _snapshot(tenant)
        tenant.name, tenant.description = name, description
        try:
            with transaction.atomic():
                tenant.save(update_fields=["name", "description"])
        except IntegrityError as exc:
            raise AlreadyExists("A tenant with this name already exists.", field="name") from exc
        audit.record(actor, "tenant.update", tenant, before=before, after=_snapshot(tenant))
        live.publish("tenant", tenant.pk)
    return tenant


def add_member(*, actor, tenant: Tenant, username: str, role: str) -> Membership:
    """Give `username` a role in `tenant`. Raises InvalidInput, AlreadyExists, Http404."""
    tenant = scoped_get(Tenant, actor, "admin", pk=tenant.pk)
    target = {"kind": "Membership", "tenant": tenant, "name": username}
    with audit.failures_recorded(actor, "membership.add", target), transaction.atomic():
        if role not in Role.values:
            raise InvalidInput(f"Unknown role {role!r}.", field="role")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise InvalidInput(f"No user is called {username!r}.", field="username")
        membership, created = Membership.objects.get_or_create(
            tenant=tenant, user=user, defaults={"role": role}
        )
        if not created:
            raise AlreadyExists(
                f"{username} is already {membership.role} of {tenant}.", field="username"
            )
        audit.record(actor, "membership.add", target, after={"role": role})
        live.publish("tenant", tenant.pk)
    return membership


def change_role(*, actor, membership: Membership, role: str) -> Membership:
    """Change a member's role. Raises InvalidInput, Http404."""
    if role not in Role.values:
        raise InvalidInput(f"Unknown role {role!r}.", field="role")
    with transaction.atomic():
        tenant = scoped_get(Tenant, actor, "admin", pk=membership.tenant_id)
        membership = Membership.objects.select_for_update().get(pk=membership.pk, tenant=tenant)
        before = {"role": membership.role}
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(
            actor,
            "membership.change",
            {"kind": "Membership", "tenant": tenant, "name": membership.user.username},
            before=before,
            after={"role": role},
        )
        live.publish("tenant", tenant.pk)
    return membership


def remove_member(*, actor, membership: Membership) -> None:
    """Take a user out of a tenant. Raises Http404."""
    with transaction.atomic():
        tenant = scoped_get(Tenant, actor, "admin", pk=membership.tenant_id)
        membership = Membership.objects.get(pk=membership.pk, tenant=tenant)
        username = membership.user.username
        audit.record(
            actor,
            "membership.remove",
            {"kind": "Membership", "tenant": tenant, "name": username},
            before={"role": membership.role},
        )
        membership.delete()
        live.publish("tenant", tenant.pk)


def assign_namespace(*, actor, tenant: Tenant, instance, namespace: str) -> TenantNamespace:
    """Give a tenant a namespace on an instance (operators only). Raises AlreadyExists."""
    target = {"kind": "Namespace", "tenant": tenant, "instance": instance, "name": namespace}
    with audit.failures_recorded(actor, "namespace.assign", target):
        _require_operator(actor)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    owned = TenantNamespace.objects.create(
                        tenant=tenant, instance=instance, namespace=namespace
                    )
            except IntegrityError as exc:
                raise AlreadyExists(
                    f"Namespace {namespace} on {instance} already belongs to a tenant.",
                    field="namespace",
                ) from exc
            audit.record(actor, "namespace.assign", target, after={"tenant": tenant.slug})
            live.publish("tenant", tenant.pk)
    return owned
