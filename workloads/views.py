"""Workload and policy pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from kairship_ui.htmx import render_page
from kairship_ui.permissions import scoped
from tenants.models import TenantNamespace


@scoped("view")
def workload_list(request: HttpRequest) -> HttpResponse:
    namespaces = TenantNamespace.objects.for_user(request.user).select_related("instance", "tenant")
    return render_page(request, "workloads/workload_list.html", {"namespaces": namespaces})


@scoped("view")
def policy_list(request: HttpRequest) -> HttpResponse:
    namespaces = TenantNamespace.objects.for_user(request.user).select_related("instance", "tenant")
    return render_page(request, "workloads/policy_list.html", {"namespaces": namespaces})
