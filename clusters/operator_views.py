"""Pages for Karmada instances created through the karmada-operator: create, follow, update,
uninstall."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from kairship_ui import live
from kairship_ui.errors import KairshipError
from kairship_ui.forms import add_error
from kairship_ui.htmx import render_page
from kairship_ui.models import Operation
from kairship_ui.paging import paginate
from kairship_ui.permissions import scoped, scoped_get
from tenants.roles import is_platform_operator

from . import services
from .forms import KarmadaCreateForm, KarmadaUpdateForm
from .models import KarmadaInstance, OperatorKarmada
from .operator import SCALABLE_COMPONENTS, replicas_of


def _require_operator(request: HttpRequest) -> None:
    if not is_platform_operator(request.user):
        raise Http404


@scoped("admin")
def karmada_list(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    karmadas = OperatorKarmada.objects.for_user(request.user).select_related("host", "registered")
    context = {"live_topics": [live.all_list_group("karmadas")], **paginate(request, karmadas)}
    return render_page(request, "clusters/karmada_list.html", context, partial="karmada-table")


@scoped("admin")
def karmada_create(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    hosts = KarmadaInstance.objects.for_user(request.user, "admin")
    form = KarmadaCreateForm(request.POST or None, hosts=hosts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            karmada = services.create_karmada(
                actor=request.user,
                host=data["host"],
                name=data["name"],
                namespace=data["namespace"],
                version=data["version"],
                replicas=form.replicas(),
            )
        except KairshipError as exc:
            add_error(form, exc.field, exc.message)
        else:
            messages.info(request, f"Creating {karmada.name} on {karmada.host}…")
            return redirect("clusters:karmada_detail", pk=karmada.pk)
    return render_page(
        request,
        "clusters/karmada_create.html",
        {"form": form},
        partial="karmada-form",
        status=422 if form.errors else 200,
    )


def karmada_context(karmada: OperatorKarmada, user) -> dict:
    """What the operator instance page and its live fragment show."""
    return {
        "karmada": karmada,
        "components": [(name, karmada.replicas.get(name, 1)) for name in SCALABLE_COMPONENTS],
        "operations": Operation.objects.filter(
            instance_id=karmada.host_id,
            kind="Karmada",
            namespace=karmada.namespace,
            name=karmada.name,
        )[:5],
        "live_topic": live.object_group("karmada", karmada.pk),
    }


@scoped("admin")
def karmada_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Live status; POST updates version and replicas."""
    karmada = scoped_get(OperatorKarmada, request.user, "admin", pk=pk)
    initial = {"version": karmada.version, **(replicas_of(karmada.raw) | karmada.replicas)}
    form = KarmadaUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_karmada(
                actor=request.user,
                karmada=karmada,
                version=form.cleaned_data["version"],
                replicas=form.replicas(),
            )
        except KairshipError as exc:
            add_error(form, exc.field, exc.message)
        else:
            messages.info(request, f"Update of {karmada.name} queued.")
            return redirect("clusters:karmada_detail", pk=pk)
    return render_page(
        request,
        "clusters/karmada_detail.html",
        {**karmada_context(karmada, request.user), "form": form},
        partial="karmada-summary",
        status=422 if form.errors else 200,
    )


@scoped("admin")
def karmada_uninstall(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what uninstalling removes; POST: delete the `Karmada` object."""
    karmada = scoped_get(OperatorKarmada, request.user, "admin", pk=pk)
    if request.method == "POST":
        try:
            services.uninstall_karmada(actor=request.user, karmada=karmada)
        except KairshipError as exc:
            messages.error(request, exc.message)
            return redirect("clusters:karmada_detail", pk=pk)
        messages.info(request, f"Uninstalling {karmada.name}; the operator removes it now.")
        return redirect("clusters:karmada_list")
    return render_page(request, "clusters/karmada_uninstall.html", {"karmada": karmada})
