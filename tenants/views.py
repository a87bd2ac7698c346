"""Tenant pages: list, detail with members and namespaces, and member management."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from kairship_ui import live
from kairship_ui.errors import KairshipError
from kairship_ui.forms import add_error
from kairship_ui.htmx import render_page
from kairship_ui.paging import paginate
from kairship_ui.permissions import scoped, scoped_get

from . import services
from .forms import MemberForm, RoleForm, TenantForm
from .models import Membership, Tenant
from .roles import Role, is_platform_operator


def detail_context(tenant: Tenant, user) -> dict:
    """What the tenant page and its live fragment show."""
    return {
        "tenant": tenant,
        "members": tenant.memberships.select_related("user").order_by("user__username"),
        "namespaces": tenant.namespaces.select_related("instance"),
        "can_admin": Tenant.objects.for_user(user, "admin").filter(pk=tenant.pk).exists(),
        "roles": Role.choices,
        "live_topic": live.object_group("tenant", tenant.pk),
    }


@scoped("view")
def tenant_list(request: HttpRequest) -> HttpResponse:
    tenants = Tenant.objects.for_user(request.user)
    query = request.GET.get("q", "").strip()
    if query:
        tenants = tenants.filter(name__icontains=query)
    context = {
        "query": query,
        "can_create": is_platform_operator(request.user),
        **paginate(request, tenants),
    }
    return render_page(request, "tenants/tenant_list.html", context, partial="tenant-table")


@scoped("admin")
def tenant_create(request: HttpRequest) -> HttpResponse:
    if not is_platform_operator(request.user):
        raise Http404
    form = TenantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tenant = services.create_tenant(actor=request.user, **form.cleaned_data)
        except KairshipError as exc:
            add_error(form, exc.field, exc.message)
        else:
            messages.success(request, f"Tenant {tenant} created.")
            return redirect("tenants:tenant_detail", pk=tenant.pk)
    status = 422 if form.errors else 200
    return render_page(
        request, "tenants/tenant_form.html", {"form": form}, partial="tenant-form", status=status
    )


@scoped("view")
def tenant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = scoped_get(Tenant, request.user, "view", pk=pk)
    context = {**detail_context(tenant, request.user), "member_form": MemberForm()}
    return render_page(request, "tenants/tenant_detail.html", context, partial="tenant-members")


@scoped("admin")
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = scoped_get(Tenant, request.user, "admin", pk=pk)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            services.add_member(actor=request.user, tenant=tenant, **form.cleaned_data)
        except KairshipError as exc:
            add_error(form, exc.field, exc.message)
        else:
            messages.success(request, f"{form.cleaned_data['username']} added.")
            return redirect("tenants:tenant_detail", pk=tenant.pk)
    context = {**detail_context(tenant, request.user), "member_form": form}
    return render_page(
        request, "tenants/tenant_detail.html", context, partial="member-form", status=422
    )


@scoped("admin")
@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = scoped_get(Membership, request.user, "admin", pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        services.change_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
        messages.success(request, f"{membership.user} is now {form.cleaned_data['role']}.")
    else:
        messages.error(request, "Choose one of the listed roles.")
    return redirect("tenants:tenant_detail", pk=membership.tenant_id)


@scoped("admin")
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = scoped_get(Membership, request.user, "admin", pk=pk)
    services.remove_member(actor=request.user, membership=membership)
    messages.success(request, f"{membership.user} removed from {membership.tenant}.")
    return redirect("tenants:tenant_detail", pk=membership.tenant_id)
