"""Console-wide pages: overview, audit log, login and the health check."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.db import connection
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse

from clusters.models import ClusterState, KarmadaInstance, MemberCluster
from tenants.models import Tenant

from . import live, operations
from .filters import AuditEntryFilterSet
from .forms import LoginForm
from .htmx import render_page
from .models import AuditEntry, Operation
from .paging import paginate
from .permissions import public, scoped, scoped_get


@scoped("view")
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "instance_count": KarmadaInstance.objects.for_user(user).count(),
        "clusters": MemberCluster.objects.for_user(user).aggregate(
            total=Count("pk"), ready=Count("pk", filter=Q(state=ClusterState.READY))
        ),
        "tenant_count": Tenant.objects.for_user(user).count(),
        "recent_audit": AuditEntry.objects.for_user(user).select_related("tenant")[:8],
        "pending_operations": Operation.objects.for_user(user).filter(
            state__in=["pending", "running"]
        )[:8],
    }
    return render_page(request, "kairship_ui/overview.html", context)


@scoped("view")
def audit_list(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.for_user(request.user).select_related("tenant")
    filterset = AuditEntryFilterSet(request.GET, queryset=entries)
    context = {"filter": filterset, **paginate(request, filterset.qs)}
    return render_page(request, "kairship_ui/audit_list.html", context, partial="audit-table")


@scoped("view")
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = scoped_get(AuditEntry, request.user, "view", pk=pk)
    return render_page(request, "kairship_ui/audit_detail.html", {"entry": entry})


def operation_context(operation: Operation, user) -> dict:
    """What the operation page and its live fragment show."""
    return {
        "operation": operation,
        "target_url": operations.target_url(operation),
        "live_topic": live.object_group("operation", operation.pk),
    }


@scoped("view")
def operation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    operation = scoped_get(Operation, request.user, "view", pk=pk)
    return render_page(
        request,
        "kairship_ui/operation_detail.html",
        operation_context(operation, request.user),
        partial="operation-status",
    )


@public
def health(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: the process answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


login = public(
    auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True)
)
logout = public(auth_views.LogoutView.as_view())
