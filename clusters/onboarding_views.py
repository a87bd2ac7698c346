"""Onboarding pages: join a member in Push mode, register one in Pull mode, unjoin."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kairship_ui import live
from kairship_ui.errors import KairshipError
from kairship_ui.forms import add_error
from kairship_ui.htmx import render_page
from kairship_ui.models import Operation
from kairship_ui.permissions import scoped, scoped_get

from . import services
from .forms import ClusterJoinForm, ClusterRegisterForm
from .models import KarmadaInstance, MemberCluster
from .services.instances import require_operator
from .services.onboarding import push_secret_refs

UNJOIN_LISTED = 50


def _operator_instance(request: HttpRequest, pk: int) -> KarmadaInstance:
    try:
        require_operator(request.user)
    except KairshipError:
        raise Http404 from None
    return scoped_get(KarmadaInstance, request.user, "admin", pk=pk)


@scoped("admin")
def cluster_join(request: HttpRequest, pk: int) -> HttpResponse:
    """Push mode: the member's kubeconfig in, the Secrets and the Cluster object out."""
    instance = _operator_instance(request, pk)
    form = ClusterJoinForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.join_cluster(
                actor=request.user,
                instance=instance,
                name=data["name"],
                kubeconfig_text=data["kubeconfig"],
                context=data["context"],
                provider=data["provider"],
                region=data["region"],
                zones=data["zones"],
                labels=data["labels"],
            )
        except KairshipError as exc:
            add_error(form, exc.field, exc.message)
        else:
            messages.info(request, f"Joining {data['name']}; it appears below once Karmada has it.")
            return redirect(_cluster_list_url(instance))
    return render_page(
        request,
        "clusters/cluster_join.html",
        {"instance": instance, "form": form},
        partial="join-form",
        status=422 if form.errors else 200,
    )


def _cluster_list_url(instance: KarmadaInstance) -> str:
    return f"{reverse('clusters:cluster_list')}?instance={instance.pk}"


@scoped("admin")
def cluster_register(request: HttpRequest, pk: int) -> HttpResponse:
    """Pull mode: create a bootstrap token, then show the register command."""
    instance = _operator_instance(request, pk)
    form = ClusterRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.create_bootstrap_token(
                actor=request.user,
                instance=instance,
                cluster_name=form.cleaned_data["cluster_name"],
            )
        except KairshipError as exc:
            add_error(form, "cluster_name" if exc.field == "name" else exc.field, exc.message)
        else:
            return redirect(
                "clusters:cluster_register_status", pk=instance.pk, op=registration.operation.pk
            )
    return render_page(
        request,
        "clusters/cluster_register.html",
        {"instance": instance, "form": form},
        partial="register-form",
        status=422 if form.errors else 200,
    )


@scoped("admin")
def cluster_register_status(request: HttpRequest, pk: int, op: int) -> HttpResponse:
    """The token's state, the command to run on the member, and the cluster once it appears."""
    instance = _operator_instance(request, pk)
    operation = scoped_get(
        Operation, request.user, "admin", pk=op, instance=instance, verb="cluster.bootstrap-token"
    )
    cluster_name = operation.payload["cluster_name"]
    context = {
        "instance": instance,
        "operation": operation,
        "cluster_name": cluster_name,
        "command": services.registration_command(operation),
        "cluster": MemberCluster.objects.filter(instance=instance, name=cluster_name).first(),
        "live_topics": [live.instance_list_group("clusters", instance.pk)],
    }
    return render_page(
        request, "clusters/cluster_register_status.html", context, partial="pull-status"
    )


@scoped("admin")
def cluster_unjoin(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what unjoining does to the workloads there; POST: queue it."""
    cluster = scoped_get(MemberCluster, request.user, "admin", pk=pk)
    if request.method == "POST":
        try:
            services.unjoin_cluster(actor=request.user, cluster=cluster)
        except KairshipError as exc:
            messages.error(request, exc.message)
            return redirect("clusters:cluster_detail", pk=pk)
        messages.info(request, f"Unjoining {cluster.name} from {cluster.instance}.")
        return redirect(_cluster_list_url(cluster.instance))
    context = {
        "cluster": cluster,
        "execution_namespace": f"karmada-es-{cluster.name}",
        "secrets": push_secret_refs(cluster),
        "placements": cluster.placements.select_related("binding")[:UNJOIN_LISTED],
        "placement_count": cluster.placements.count(),
    }
    return render_page(request, "clusters/cluster_unjoin.html", context)
