"""Editor pages for policies and workloads: one object as a form and as YAML, checked and
previewed live.

Each view builds an `editors.page.Editor` (what is edited, how it is checked, previewed and
applied) and lets `editors.page.serve` answer; permission checks and writes are the services'.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.models import KarmadaInstance, MemberCluster
from kairship_ui import live
from kairship_ui.errors import InvalidInput, KairshipError
from kairship_ui.permissions import scoped, scoped_get
from tenants.models import TenantNamespace
from tenants.querysets import tenant_ids_for
from tenants.roles import is_platform_operator

from . import services
from .editors import override_form, propagation_form, starter_manifest, workload_form
from .editors.form import bind_form
from .editors.page import Editor, serve
from .editors.recipes import RECIPES
from .editors.workload import WORKLOAD_KINDS, sync_selector
from .kinds import POLICY_API
from .models import Policy, PolicyKind, Workload
from .preview.inventory import (
    preview_draft_override,
    preview_draft_policy,
    preview_draft_template,
)
from .services.manifests import CLUSTER_SCOPED_KINDS, editable

CONFIRM = "workloads/confirm_delete.html"


def _sections(kind: str):
    build = (
        override_form
        if kind in (PolicyKind.OVERRIDE, PolicyKind.CLUSTER_OVERRIDE)
        else (propagation_form)
    )
    return build(cluster_scoped=kind in CLUSTER_SCOPED_KINDS)


def cluster_options(instance: KarmadaInstance, user) -> list[dict[str, Any]]:
    """The clusters a picker offers: name, and location, labels, state and free CPU to choose by."""
    rows = MemberCluster.objects.for_user(user).filter(instance=instance).order_by("name")
    options = []
    for c in rows[:500]:
        free_cpu = max(c.cpu_allocatable_milli - c.cpu_allocated_milli, 0) / 1000
        where = " / ".join(part for part in (c.provider, c.region, *c.zones[:1]) if part)
        labels = " ".join(f"{k}={v}" for k, v in sorted(c.labels.items())[:4])
        summary = f"{where} · {labels} · {c.get_state_display()} · {free_cpu:g} CPU free"
        options.append({"name": c.name, "summary": summary})
    return options


def _writable_namespaces(instances, user) -> list[str]:
    """The namespaces `user` may write in on `instances` (a queryset of instances)."""
    owned = TenantNamespace.objects.filter(instance__in=instances)
    if not is_platform_operator(user):
        owned = owned.filter(tenant_id__in=tenant_ids_for(user, "change"))
    return sorted(set(owned.values_list("namespace", flat=True)))


def _starter(kind: str, name: str, namespace: str, workload: Workload | None) -> dict[str, Any]:
    # Cluster-scoped policies are for cluster-scoped resources (StorageClasses, ClusterRoles...).
    selector = (
        {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass"}
        if kind in CLUSTER_SCOPED_KINDS
        else {"apiVersion": "apps/v1", "kind": "Deployment"}
    )
    if workload is not None:
        selector = {
            "apiVersion": workload.api_version,
            "kind": workload.kind,
            "name": workload.name,
        }
        name = name or workload.name
    metadata: dict[str, Any] = {"name": name}
    if kind not in CLUSTER_SCOPED_KINDS:
        metadata["namespace"] = namespace
    return {
        "apiVersion": POLICY_API,
        "kind": kind,
        "metadata": metadata,
        "spec": {"resourceSelectors": [selector]},
    }


def _recipe_panel(instance: KarmadaInstance, workload: Workload, user) -> dict[str, Any]:
    """The override recipes for `workload` (their inputs) and the function that runs one."""

    def run(slug: str, data) -> dict[str, Any]:
        recipe = RECIPES.get(slug)
        if recipe is None:
            raise InvalidInput(f"No recipe called {slug!r}.")
        values, problems = recipe.values(data)
        if problems:
            raise InvalidInput(problems[0].message, field=problems[0].field_path)
        clusters = MemberCluster.objects.for_user(user).filter(instance=instance)
        return recipe.draft(workload.raw, list(clusters.values_list("raw", flat=True)), values)

    panel = [
        {"recipe": recipe, "fields": bind_form(recipe.form(), {})[0][0].fields}
        for recipe in RECIPES.values()
    ]
    return {"recipes": panel, "run": run}


def _editor(
    request: HttpRequest,
    instance: KarmadaInstance,
    kind: str,
    *,
    edited: Workload | Policy | None,
    list_name: str,
    section: str,
    prepare: Any = None,
    **parts: Any,
) -> Editor:
    """An Editor writing through the services: `edited` is the mirrored row being edited (None
    for a new object), `prepare(obj)` adjusts what is applied, `parts` the Editor's own fields
    (sections, initial, url, preview, preview_template...)."""
    user = request.user

    def check(obj):
        return services.check_object(actor=user, instance=instance, manifest=obj)

    def apply(obj, resource_version, content):
        operation = services.submit_object(
            actor=user,
            instance=instance,
            manifest=prepare(obj) if prepare else obj,
            expected_resource_version=resource_version or None,
            expected_content=content or None,
        )
        return reverse("operation_detail", args=[operation.pk])

    detail_name = list_name.replace("_list", "_detail")
    context = {**parts.pop("context", {}), "watch": _watch(edited)}
    return Editor(
        heading=_("Edit %(kind)s %(name)s") % {"kind": kind, "name": edited.name}
        if edited
        else _("New %(kind)s") % {"kind": kind},
        crumbs=[(section, reverse(f"workloads:{list_name}")), (instance.name, "")],
        cancel_url=reverse(f"workloads:{detail_name}", args=[edited.pk])
        if edited
        else reverse(f"workloads:{list_name}"),
        apply_label=_("Apply to %(instance)s") % {"instance": instance.name},
        check=check,
        apply=apply,
        resource_version=edited.resource_version if edited else "",
        content=services.fingerprint(edited.raw) if edited else "",
        context=context,
        locked=("metadata.name", "metadata.namespace") if edited else (),
        clusters=cluster_options(instance, user),
        **parts,
    )


def _watch(edited: Workload | Policy | None) -> dict[str, str] | None:
    """The live fragment an edit page follows to notice the object changing under it."""
    if edited is None:
        return None
    kind, part = ("policy", "summary") if isinstance(edited, Policy) else ("workload", "status")
    return {"topic": live.object_group(kind, edited.pk), "dom_id": f"{kind}-{edited.pk}-{part}"}


def _policy_editor(
    request: HttpRequest,
    instance: KarmadaInstance,
    kind: str,
    initial: dict[str, Any],
    *,
    url: str,
    policy: Policy | None = None,
    workload: Workload | None = None,
) -> Editor:
    user = request.user
    is_override = kind in (PolicyKind.OVERRIDE, PolicyKind.CLUSTER_OVERRIDE)

    def preview(obj):
        if is_override:
            return {"override_preview": preview_draft_override(instance, obj, user=user)}
        return {"previews": preview_draft_policy(instance, obj, user=user, workload=workload)}

    recipes = _recipe_panel(instance, workload, user) if is_override and workload else {}
    return _editor(
        request,
        instance,
        kind,
        edited=policy,
        list_name="policy_list",
        section=_("Policies"),
        sections=_sections(kind),
        initial=initial,
        url=url,
        preview=preview,
        preview_template="workloads/editor/override_preview.html"
        if is_override
        else "workloads/editor/policy_preview.html",
        recipe=recipes.get("run"),
        context={"recipes": recipes.get("recipes", [])},
    )


def _writable_kinds(user, kinds) -> list[str]:
    """The `kinds` `user` may write: the cluster-scoped ones are for platform operators."""
    if is_platform_operator(user):
        return list(kinds)
    return [kind for kind in kinds if kind not in CLUSTER_SCOPED_KINDS]


def _choose(request: HttpRequest, heading: str, kinds, section: str, cancel_url: str):
    """The page asking where a new object goes (instance, kind, namespace)."""
    user = request.user
    instances = KarmadaInstance.objects.for_user(user).order_by("name")
    context = {
        "heading": heading,
        "section": section,
        "cancel_url": cancel_url,
        "instances": instances,
        "kinds": kinds,
        "namespaces": _writable_namespaces(instances, user),
    }
    return render(request, "workloads/editor/choose.html", context)


def _target(request: HttpRequest, kinds) -> tuple[KarmadaInstance, str, str]:
    """The instance, kind and namespace a "new" URL names (`name` is read by the callers).

    Raises Http404."""
    params = request.GET
    kind = params.get("kind") or kinds[0]
    if kind not in kinds:
        raise Http404("No such kind.")
    instance = scoped_get(KarmadaInstance, request.user, "view", pk=params.get("instance"))
    namespace = params.get("namespace", "").strip()
    if not namespace:
        namespaces = _writable_namespaces([instance], request.user)
        namespace = namespaces[0] if namespaces else "default"
    return instance, kind, namespace


@scoped("change")
def policy_new(request: HttpRequest) -> HttpResponse:
    """`?instance=<pk>&kind=<policy kind>[&namespace=][&workload=<pk>]`; asks when unsaid."""
    if not request.GET.get("instance", "").isdigit():
        heading = _("New policy")
        cancel = reverse("workloads:policy_list")
        kinds = _writable_kinds(request.user, PolicyKind.values)
        return _choose(request, heading, kinds, _("Policies"), cancel)
    params = request.GET
    workload = None
    if params.get("workload"):
        workload = scoped_get(Workload, request.user, "view", pk=params["workload"])
    instance, kind, namespace = _target(request, PolicyKind.values)
    if workload is not None:
        namespace = params.get("namespace") or workload.namespace
    url = f"{reverse('workloads:policy_new')}?{params.urlencode()}"
    editor = _policy_editor(
        request,
        instance,
        kind,
        _starter(kind, params.get("name", "").strip(), namespace, workload),
        url=url,
        workload=workload,
    )
    return serve(request, editor)


@scoped("change")
def policy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    policy = scoped_get(Policy, request.user, "change", pk=pk)
    url = reverse("workloads:policy_edit", args=[pk])
    editor = _policy_editor(
        request, policy.instance, policy.kind, editable(policy.raw), url=url, policy=policy
    )
    return serve(request, editor)


def _workload_editor(
    request: HttpRequest,
    instance: KarmadaInstance,
    kind: str,
    initial: dict[str, Any],
    *,
    url: str,
    workload: Workload | None = None,
) -> Editor:
    def preview(obj):
        previews = preview_draft_template(instance, obj, user=request.user)
        return {"previews": previews, "editing_template": True}

    return _editor(
        request,
        instance,
        kind,
        edited=workload,
        list_name="workload_list",
        section=_("Workloads"),
        # Selectors are immutable: they follow the pod labels when the workload is created.
        prepare=None if workload else sync_selector,
        sections=workload_form(kind),
        initial=initial,
        url=url,
        preview=preview,
        preview_template="workloads/editor/policy_preview.html",
    )


@scoped("change")
def workload_new(request: HttpRequest) -> HttpResponse:
    """`?instance=<pk>&kind=<kind>[&namespace=]`; asks where when unsaid."""
    kinds = _writable_kinds(request.user, WORKLOAD_KINDS)
    if not request.GET.get("instance", "").isdigit():
        cancel = reverse("workloads:workload_list")
        return _choose(request, _("New workload"), kinds, _("Workloads"), cancel)
    instance, kind, namespace = _target(request, kinds)
    url = f"{reverse('workloads:workload_new')}?{request.GET.urlencode()}"
    name = request.GET.get("name", "").strip()
    initial = starter_manifest(kind, name=name, namespace=namespace)
    return serve(request, _workload_editor(request, instance, kind, initial, url=url))


@scoped("change")
def workload_edit(request: HttpRequest, pk: int) -> HttpResponse:
    workload = scoped_get(Workload, request.user, "change", pk=pk)
    url = reverse("workloads:workload_edit", args=[pk])
    initial = editable(workload.raw)
    editor = _workload_editor(
        request, workload.instance, workload.kind, initial, url=url, workload=workload
    )
    return serve(request, editor)


def _confirm_delete(request: HttpRequest, target, impact, back_url: str) -> HttpResponse:
    """The confirmation page; on POST the delete is queued and the operation page opens."""
    context = {
        "target": target,
        "kind": target.kind,
        "impact": impact,
        "back_url": back_url,
        "is_policy": isinstance(target, Policy),
        "section": (_("Policies"), reverse("workloads:policy_list"))
        if isinstance(target, Policy)
        else (_("Workloads"), reverse("workloads:workload_list")),
    }
    if request.method == "POST":
        try:
            operation = services.delete_object(
                actor=request.user,
                instance=target.instance,
                kind=target.kind,
                namespace=target.namespace,
                name=target.name,
                expected_uid=target.uid,
            )
        except KairshipError as exc:
            return render(request, CONFIRM, {**context, "error": exc.message}, status=exc.status)
        return redirect("operation_detail", operation.pk)
    return render(request, CONFIRM, context)


@scoped("change")
def workload_delete(request: HttpRequest, pk: int) -> HttpResponse:
    workloads = Workload.objects.for_user(request.user, "change").select_related(
        "instance", "binding"
    )
    workload = get_object_or_404(workloads, pk=pk)
    back = reverse("workloads:workload_detail", args=[pk])
    return _confirm_delete(request, workload, services.deletion_impact(workload), back)


@scoped("change")
def policy_delete(request: HttpRequest, pk: int) -> HttpResponse:
    policies = Policy.objects.for_user(request.user, "change").select_related("instance")
    policy = get_object_or_404(policies, pk=pk)
    back = reverse("workloads:policy_detail", args=[pk])
    return _confirm_delete(request, policy, services.policy_deletion_impact(policy), back)
