"""Instance and member-cluster pages; every change goes through clusters.services."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from kairship_ui import live
from kairship_ui.errors import KairshipError
from kairship_ui.forms import add_error
from kairship_ui.htmx import render_page
from kairship_ui.models import Operation
from kairship_ui.paging import paginate
from kairship_ui.permissions import scoped, scoped_get
from karmada_gateway import KarmadaBadKubeconfig, kubeconfig_contexts
from tenants.roles import is_platform_operator
from workloads.queries import workloads_on_cluster

from . import events, services
from .event_links import with_links
from .filters import MemberClusterFilterSet
from .forms import CapacityFaultForm, InstanceRegisterForm, LabelsForm, LocationForm, TaintForm
from .models import ClusterState, KarmadaEvent, KarmadaInstance, MemberCluster
from .resource_models import resource_models

RECENT_EVENTS = 20


def instance_context(instance: KarmadaInstance, user) -> dict:
    """What the instance page and its live fragment show."""
    clusters = MemberCluster.objects.filter(instance=instance)
    totals = clusters.filter(state=ClusterState.READY).aggregate(
        cpu=Sum("cpu_allocatable_milli"),
        cpu_used=Sum("cpu_allocated_milli"),
        memory=Sum("memory_allocatable_bytes"),
        memory_used=Sum("memory_allocated_bytes"),
        pods=Sum("pods_allocatable"),
        pods_used=Sum("pods_allocated"),
    )
    by_state = dict(clusters.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    return {
        "instance": instance,
        "totals": totals,
        "by_state": by_state,
        "cluster_count": sum(by_state.values()),
        "operations": Operation.objects.filter(instance=instance).select_related("actor")[:8],
        "can_admin": is_platform_operator(user),
        "live_topic": live.object_group("instance", instance.pk),
    }


def instance_events_context(instance: KarmadaInstance, user) -> dict:
    """What the instance page's events fragment shows: the newest events `user` may read,
    linked to the pages of their objects that `user` may view."""
    visible = KarmadaEvent.objects.for_user(user).filter(instance=instance)
    return {"instance": instance, "events": with_links(visible[:RECENT_EVENTS], user)}


def _instance_page_context(instance: KarmadaInstance, user) -> dict:
    return {
        **instance_context(instance, user),
        **instance_events_context(instance, user),
        "events_topic": live.object_group(events.INSTANCE_TOPIC, instance.pk),
    }


@scoped("view")
def instance_list(request: HttpRequest) -> HttpResponse:
    instances = (
        KarmadaInstance.objects.for_user(request.user)
        .order_by("name")
        .annotate(
            clusters_total=Count("clusters", distinct=True),
            clusters_ready=Count(
                "clusters", filter=Q(clusters__state=ClusterState.READY), distinct=True
            ),
        )
    )
    context = {"can_admin": is_platform_operator(request.user), **paginate(request, instances)}
    return render_page(request, "clusters/instance_list.html", context, partial="instance-table")


@scoped("admin")
def instance_register(request: HttpRequest) -> HttpResponse:
    if not is_platform_operator(request.user):
        raise Http404
    form = InstanceRegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            instance = services.register_instance(
                actor=request.user,
                name=data["name"],
                description=data["description"],
                kubeconfig_text=data["kubeconfig"],
                context=data["context"],
                labels=data["labels"],
            )
        except KairshipError as exc:
            add_error(form, exc.field, exc.message)
        else:
            messages.info(request, f"Verifying the connection to {instance}…")
            return redirect("clusters:instance_detail", pk=instance.pk)
    return render_page(
        request,
        "clusters/instance_register.html",
        {"form": form},
        partial="instance-form",
        status=422 if form.errors else 200,
    )


@scoped("admin")
@require_POST
def instance_contexts(request: HttpRequest) -> HttpResponse:
    """The context picker for a pasted kubeconfig (htmx)."""
    if not is_platform_operator(request.user):
        raise Http404
    try:
        contexts, error = kubeconfig_contexts(request.POST.get("kubeconfig", "")), ""
    except KarmadaBadKubeconfig as exc:
        contexts, error = [], str(exc)
    return render_page(
        request,
        "clusters/instance_register.html",
        {
            "contexts": contexts,
            "context_error": error,
            "selected": request.POST.get("context", ""),
            "form": InstanceRegisterForm(),
        },
        partial="context-picker",
    )


@scoped("view")
def instance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instance = scoped_get(KarmadaInstance, request.user, "view", pk=pk)
    return render_page(
        request,
        "clusters/instance_detail.html",
        _instance_page_context(instance, request.user),
        partial="instance-summary",
    )


@scoped("view")
def instance_events(request: HttpRequest, pk: int) -> HttpResponse:
    """The instance page, or its events fragment for htmx (refetched after a reconnect)."""
    instance = scoped_get(KarmadaInstance, request.user, "view", pk=pk)
    return render_page(
        request,
        "clusters/instance_detail.html",
        _instance_page_context(instance, request.user),
        partial="instance-events",
    )


@scoped("admin")
@require_POST
def instance_delete(request: HttpRequest, pk: int) -> HttpResponse:
    instance = scoped_get(KarmadaInstance, request.user, "admin", pk=pk)
    services.delete_instance(actor=request.user, instance=instance)
    messages.success(request, f"{instance} is no longer managed here; Karmada was not touched.")
    return redirect("clusters:instance_list")


SORT_LABELS = [
    ("name", "Name"),
    ("state", "State"),
    ("cpu", "Most CPU"),
    ("memory", "Most memory"),
    ("version", "Kubernetes version"),
]


def cluster_topics(user) -> list[str]:
    if is_platform_operator(user):
        return [live.all_list_group("clusters")]
    ids = KarmadaInstance.objects.for_user(user).values_list("pk", flat=True)
    return [live.instance_list_group("clusters", pk) for pk in ids[:10]]


@scoped("view")
def cluster_list(request: HttpRequest) -> HttpResponse:
    clusters = MemberCluster.objects.for_user(request.user).select_related("instance")
    filterset = MemberClusterFilterSet(request.GET, queryset=clusters, user=request.user)
    context = {
        "filter": filterset,
        "live_topics": cluster_topics(request.user),
        "sorts": SORT_LABELS,
        "has_instances": KarmadaInstance.objects.for_user(request.user).exists(),
        **paginate(request, filterset.qs),
    }
    return render_page(request, "clusters/cluster_list.html", context, partial="cluster-table")


def cluster_context(cluster: MemberCluster, user) -> dict:
    """What the cluster page and its live fragment show."""
    status = cluster.raw.get("status") or {}
    return {
        "cluster": cluster,
        "status": status,
        "conditions": status.get("conditions") or [],
        "api_enablements": status.get("apiEnablements") or [],
        "resource_summary": status.get("resourceSummary") or {},
        "resource_models": resource_models(cluster.raw),
        "can_admin": is_platform_operator(user),
        "operations": Operation.objects.filter(
            instance=cluster.instance, kind="Cluster", name=cluster.name
        )[:5],
        "live_topic": live.object_group("cluster", cluster.pk),
        "placements": workloads_on_cluster(cluster, user),
    }


def cluster_events_context(cluster: MemberCluster, user) -> dict:
    """What the cluster page's events fragment shows: the newest events about the Cluster and
    the Works in its execution namespace that `user` may read, linked like the instance page's."""
    visible = KarmadaEvent.objects.for_user(user).filter(
        instance_id=cluster.instance_id, cluster_name=cluster.name
    )
    return {"cluster": cluster, "events": with_links(visible[:RECENT_EVENTS], user)}


def _cluster_page_context(cluster: MemberCluster, user) -> dict:
    return {
        **cluster_context(cluster, user),
        **cluster_events_context(cluster, user),
        "events_topic": live.object_group(events.CLUSTER_TOPIC, cluster.pk),
        "labels_form": LabelsForm(initial={"labels": cluster.labels}),
        "location_form": LocationForm(
            initial={
                "provider": cluster.provider,
                "region": cluster.region,
                "zones": ", ".join(cluster.zones),
            }
        ),
        "taint_form": TaintForm(),
        "capacity_form": CapacityFaultForm(),
    }


@scoped("view")
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = scoped_get(MemberCluster, request.user, "view", pk=pk)
    context = _cluster_page_context(cluster, request.user)
    return render_page(request, "clusters/cluster_detail.html", context, partial="cluster-summary")


@scoped("view")
def cluster_events(request: HttpRequest, pk: int) -> HttpResponse:
    """The cluster page, or its events fragment for htmx (refetched after a reconnect)."""
    cluster = scoped_get(MemberCluster, request.user, "view", pk=pk)
    context = _cluster_page_context(cluster, request.user)
    return render_page(request, "clusters/cluster_detail.html", context, partial="cluster-events")


def _steer(request: HttpRequest, pk: int, form_class, change) -> HttpResponse:
    """Validate `form_class`, call `change(cluster, data)`, report the outcome, go back."""
    cluster = scoped_get(MemberCluster, request.user, "admin", pk=pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        errors = "; ".join(f"{field}: {' '.join(e)}" for field, e in form.errors.items())
        messages.error(request, f"Nothing was changed: {errors}")
        return redirect("clusters:cluster_detail", pk=pk)
    try:
        change(cluster, form.cleaned_data if form else {})
    except KairshipError as exc:
        messages.error(request, exc.message)
    else:
        messages.info(request, f"Change to {cluster.name} queued; it appears here when applied.")
    return redirect("clusters:cluster_detail", pk=pk)


@scoped("admin")
@require_POST
def cluster_labels(request: HttpRequest, pk: int) -> HttpResponse:
    return _steer(
        request,
        pk,
        LabelsForm,
        lambda c, d: services.set_cluster_labels(actor=request.user, cluster=c, labels=d["labels"]),
    )


@scoped("admin")
@require_POST
def cluster_location(request: HttpRequest, pk: int) -> HttpResponse:
    return _steer(
        request,
        pk,
        LocationForm,
        lambda c, d: services.set_cluster_location(actor=request.user, cluster=c, **d),
    )


@scoped("admin")
@require_POST
def cluster_taint_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _steer(
        request,
        pk,
        TaintForm,
        lambda c, d: services.add_taint(actor=request.user, cluster=c, taint=d),
    )


@scoped("admin")
@require_POST
def cluster_taint_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _steer(
        request,
        pk,
        None,
        lambda c, d: services.remove_taint(
            actor=request.user,
            cluster=c,
            key=request.POST.get("key", ""),
            effect=request.POST.get("effect", ""),
        ),
    )


CORDON_ACTIONS = {
    "cordon": services.cordon_cluster,
    "uncordon": services.uncordon_cluster,
    "drain": services.drain_cluster,
}


@scoped("admin")
@require_POST
def cluster_cordon(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in CORDON_ACTIONS:
        raise Http404
    return _steer(
        request, pk, None, lambda c, d: CORDON_ACTIONS[action](actor=request.user, cluster=c)
    )


@scoped("admin")
def cluster_drain_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """What draining moves: every workload placed here, before the NoExecute taint goes on."""
    cluster = scoped_get(MemberCluster, request.user, "admin", pk=pk)
    context = {"cluster": cluster, "placements": workloads_on_cluster(cluster)}
    return render_page(request, "clusters/cluster_drain.html", context)


DEMO_FAULTS = {"unreachable": {"reachable": False}, "ready": {"ready": True}}


@scoped("admin")
@require_POST
def cluster_demo(request: HttpRequest, pk: int, fault: str) -> HttpResponse:
    """Sandbox demo controls: unreachable / ready / capacity."""
    if fault == "capacity":
        form = CapacityFaultForm(request.POST)
        if not form.is_valid():
            raise Http404
        body = {
            "capacity": {k: str(v) for k, v in form.cleaned_data.items() if v not in ("", None)}
        }
    elif fault in DEMO_FAULTS:
        body = DEMO_FAULTS[fault]
    else:
        raise Http404
    cluster = scoped_get(MemberCluster, request.user, "admin", pk=pk)
    try:
        services.apply_demo_fault(actor=request.user, cluster=cluster, fault=body)
    except KairshipError as exc:
        messages.error(request, exc.message)
    return redirect("clusters:cluster_detail", pk=pk)
