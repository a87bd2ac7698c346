"""Instance and member-cluster pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from kairship_ui.htmx import render_page
from kairship_ui.paging import paginate
from kairship_ui.permissions import scoped

from .models import KarmadaInstance


@scoped("view")
def instance_list(request: HttpRequest) -> HttpResponse:
    instances = KarmadaInstance.objects.for_user(request.user)
    return render_page(
        request,
        "clusters/instance_list.html",
        paginate(request, instances),
        partial="instance-table",
    )


@scoped("view")
def cluster_list(request: HttpRequest) -> HttpResponse:
    instances = KarmadaInstance.objects.for_user(request.user)
    return render_page(request, "clusters/cluster_list.html", {"instances": instances})
