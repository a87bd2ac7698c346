"""Links from an events table to the console page of each event's involved object.

A Cluster links to its cluster page, a policy to its policy page, and a resource template, its
(Cluster)ResourceBinding or one of its Works to the template's workload page. A whole table
costs one query (a UNION of one lookup per kind of target), whichever kinds it shows. Every
lookup starts from the target's `for_user`, so a link appears only where its page opens for
the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import CharField, QuerySet, Value
from django.urls import reverse

from workloads.models import Policy, PolicyKind, Workload

from .models import CLUSTER_API_GROUP, KarmadaEvent, MemberCluster

WORK_API_GROUP = "work.karmada.io"
POLICY_API_GROUP = "policy.karmada.io"
KARMADA_GROUP_SUFFIX = "karmada.io"
BINDING_KINDS = frozenset({"ResourceBinding", "ClusterResourceBinding"})

# How an event names its involved object: (instance id, API group, kind, namespace, name).
Ref = tuple[int, str, str, str, str]
# Each lookup selects (instance id, apiVersion, kind, namespace, name, URL name, pk).
Lookup = Callable[[list[Ref], object], QuerySet]


def api_group(api_version: str) -> str:
    """The group of an apiVersion: "apps/v1" -> "apps", the core "v1" -> ""."""
    return api_version.rpartition("/")[0]


def ref_of(event: KarmadaEvent) -> Ref:
    return (
        event.instance_id,
        api_group(event.involved_api_version),
        event.involved_kind,
        event.involved_namespace,
        event.involved_name,
    )


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _group(group: str) -> Value:
    """An apiVersion column for rows of one group; only the group is compared."""
    return _text(f"{group}/")


def _scope(model, refs: list[Ref], user, name_field: str = "name") -> QuerySet:
    # order_by(): parts of a UNION take none, and the default ones sort by instance name.
    return (
        model.objects.for_user(user)
        .filter(instance_id__in={r[0] for r in refs}, **{f"{name_field}__in": {r[4] for r in refs}})
        .order_by()
    )


def _clusters(refs: list[Ref], user) -> QuerySet:
    return _scope(MemberCluster, refs, user).values_list(
        "instance_id",
        _group(CLUSTER_API_GROUP),
        _text("Cluster"),
        _text(""),
        "name",
        _text("clusters:cluster_detail"),
        "pk",
    )


def _policies(refs: list[Ref], user) -> QuerySet:
    return _scope(Policy, refs, user).values_list(
        "instance_id",
        _group(POLICY_API_GROUP),
        "kind",
        "namespace",
        "name",
        _text("workloads:policy_detail"),
        "pk",
    )


def _templates(refs: list[Ref], user) -> QuerySet:
    return _scope(Workload, refs, user).values_list(
        "instance_id",
        "api_version",
        "kind",
        "namespace",
        "name",
        _text("workloads:workload_detail"),
        "pk",
    )


def _bindings(refs: list[Ref], user) -> QuerySet:
    """The workloads of the (Cluster)ResourceBindings named in `refs`."""
    return _scope(Workload, refs, user, "binding__name").values_list(
        "instance_id",
        _group(WORK_API_GROUP),
        "binding__kind",
        "binding__namespace",
        "binding__name",
        _text("workloads:workload_detail"),
        "pk",
    )


def _works(refs: list[Ref], user) -> QuerySet:
    """The workloads of the Works named in `refs`, through each Work's binding."""
    return _scope(Workload, refs, user, "binding__works__name").values_list(
        "instance_id",
        _group(WORK_API_GROUP),
        _text("Work"),
        "binding__works__namespace",
        "binding__works__name",
        _text("workloads:workload_detail"),
        "pk",
    )


def lookup_for(ref: Ref) -> Lookup | None:
    """Which lookup finds the page of `ref`, if the console has pages for its kind."""
    _, group, kind, _, name = ref
    if not name:
        return None
    if group == CLUSTER_API_GROUP:
        return _clusters if kind == "Cluster" else None
    if group == POLICY_API_GROUP:
        return _policies if kind in PolicyKind.values else None
    if group == WORK_API_GROUP:
        if kind in BINDING_KINDS:
            return _bindings
        return _works if kind == "Work" else None
    return None if group.endswith(KARMADA_GROUP_SUFFIX) else _templates


def involved_urls(events: Iterable[KarmadaEvent], user) -> dict[Ref, str]:
    """The page of each involved object of `events` that the console mirrors and `user` may
    view, keyed by `ref_of(event)`; one query."""
    wanted: dict[Lookup, list[Ref]] = {}
    for ref in {ref_of(event) for event in events}:
        if lookup := lookup_for(ref):
            wanted.setdefault(lookup, []).append(ref)
    if not wanted:
        return {}
    first, *others = [lookup(refs, user) for lookup, refs in wanted.items()]
    rows = first.union(*others, all=True) if others else first
    return {
        (instance_id, api_group(version), kind, namespace, name): reverse(url_name, args=[pk])
        for instance_id, version, kind, namespace, name, url_name, pk in rows
    }


def with_links(events: Iterable[KarmadaEvent], user) -> list[KarmadaEvent]:
    """`events` as a list, each with `involved_url`: its involved object's page, or None."""
    rows = list(events)
    urls = involved_urls(rows, user)
    for event in rows:
        event.involved_url = urls.get(ref_of(event))
    return rows
