"""Resource detector: which policy claims each resource template, and its binding.

The decision is `karmada_semantics.detector.select_policy`; this controller only does what
Karmada's detector does around it: honour an existing claim, release claims when the claiming
policy goes away or stops matching, write the claim metadata, and create or update the
ResourceBinding / ClusterResourceBinding named `<name>-<kind>`.
"""

from __future__ import annotations

import copy
import re
import uuid
from typing import Any

from karmada_sandbox.controllers import events
from karmada_sandbox.controllers.base import Context, Key, get, meta, spec_changed
from karmada_sandbox.registry import ResourceType
from karmada_sandbox.store import WatchEvent
from karmada_semantics.detector import PolicyRef, interpret_replicas, select_policy
from karmada_semantics.detector.admission import id_label
from karmada_semantics.detector.claims import (
    all_claims,
    claim_for_cpp,
    claim_for_pp,
    honoured_claim,
    remove_claim,
)
from karmada_semantics.detector.keys import CLAIMED_BY_LABEL, CPP_KIND, PP_KIND
from karmada_semantics.interpreter import replica_requirements
from karmada_semantics.selectors import best_selector_priority

NAME = "detector"
BINDING_ID_LABEL = {
    True: "resourcebinding.karmada.io/permanent-id",
    False: "clusterresourcebinding.karmada.io/permanent-id",
}
BINDING_FINALIZER = {
    True: "karmada.io/binding-controller",
    False: "karmada.io/cluster-resource-binding-controller",
}
POLICY_FINALIZER = {
    PP_KIND: "karmada.io/propagation-policy-controller",
    CPP_KIND: "karmada.io/cluster-propagation-policy-controller",
}
_RESERVED = ("karmada-system", "karmada-cluster")
_SKIPPED = re.compile(r"^kube-.*$")
_NOT_TEMPLATES = frozenset({"Event", "Lease", "Node", "Pod"})
_COPIED_FROM_POLICY = (
    "propagateDeps",
    "schedulerName",
    "failover",
    "conflictResolution",
    "preserveResourcesOnDeletion",
    "suspension",
)


def is_template_type(rtype: ResourceType) -> bool:
    """Whether objects of this type are resource templates (not Karmada's own objects)."""
    return not rtype.group.endswith("karmada.io") and rtype.kind not in _NOT_TEMPLATES


def is_propagatable(obj: dict) -> bool:
    """Karmada's event filter: reserved and `kube-*` namespaces are never propagated."""
    namespace = obj["metadata"].get("namespace") or ""
    if obj.get("kind") == "Namespace":
        namespace = obj["metadata"]["name"]
    if namespace in _RESERVED or namespace.startswith("karmada-es-"):
        return False
    return not _SKIPPED.match(namespace)


def binding_name(kind: str, name: str) -> str:
    """`GenerateBindingName`: lower-case `<name>-<kind>`, ':' replaced by '.'."""
    return f"{name.replace(':', '.')}-{kind}".lower()


def template_key(obj: dict) -> Key:
    """The queue key of a template."""
    m = obj["metadata"]
    return ("template", obj["apiVersion"], obj["kind"], m.get("namespace") or "", m["name"])


def on_event(ctx: Context, source: str, event: WatchEvent) -> None:
    """Templates are reconciled on change; a policy change re-examines what it may claim."""
    if source != "":
        return
    rtype, obj = event.resource, event.object
    if rtype in (ctx.types.pp, ctx.types.cpp):
        ctx.enqueue(
            NAME,
            ("policy", rtype.kind, obj["metadata"].get("namespace") or "", obj["metadata"]["name"]),
            0,
        )
    elif (
        is_template_type(rtype)
        and is_propagatable(obj)
        and spec_changed(ctx, NAME, event, with_metadata=True)
        and event.type != "DELETED"
    ):
        ctx.enqueue(NAME, template_key(obj), 0)


def reconcile(ctx: Context, key: Key) -> None:
    """Reconcile a template key or a policy key."""
    if key[0] == "policy":
        _reconcile_policy(ctx, PolicyRef(key[1], key[2], key[3]))
    else:
        _reconcile_template(ctx, key[1], key[2], key[3], key[4])


# -- templates -------------------------------------------------------------------------------


def _policy(ctx: Context, ref: PolicyRef) -> dict | None:
    if ref.kind == PP_KIND:
        return get(ctx.control_plane, ctx.types.pp, ref.namespace, ref.name)
    return get(ctx.control_plane, ctx.types.cpp, None, ref.name)


def _candidates(ctx: Context, template: dict) -> tuple[list[dict], list[dict]]:
    namespace = template["metadata"].get("namespace")
    pps = ctx.cached_list(ctx.types.pp, namespace) if namespace else []
    return pps, ctx.cached_list(ctx.types.cpp)


def _reconcile_template(
    ctx: Context, api_version: str, kind: str, namespace: str, name: str
) -> None:
    rtype = ctx.types.template(api_version, kind)
    template = get(ctx.control_plane, rtype, namespace or None, name)
    if template is None or template["metadata"].get("deletionTimestamp"):
        return
    if CLAIMED_BY_LABEL in (template["metadata"].get("labels") or {}):
        return
    ref = honoured_claim(template)
    policy = _policy(ctx, ref) if ref else None
    if ref is not None and (policy is None or policy["metadata"].get("deletionTimestamp")):
        remove_claim(template, ref.kind)
        ctx.control_plane.update(rtype, template)
        return
    if policy is None:
        match = select_policy(template, *_candidates(ctx, template))
        if match is None:
            return
        policy = copy.deepcopy(dict(match.policy))
    _apply_policy(ctx, rtype, template, policy)


def _apply_policy(ctx: Context, rtype: ResourceType, template: dict, policy: dict) -> None:
    """`ApplyPolicy` / `ApplyClusterPolicy`: claim the template, create or update its binding."""
    ref = PolicyRef.of(policy)
    policy_id = (policy["metadata"].get("labels") or {}).get(id_label(ref.kind))
    if not policy_id:
        _admit(ctx, policy)
        return
    if _missing_overrides(ctx, policy):
        ctx.enqueue(NAME, template_key(template), ctx.settings.retry_delay)
        return
    claim = claim_for_pp if ref.kind == PP_KIND else claim_for_cpp
    if claim(template, policy_id, ref):
        template = ctx.control_plane.update(rtype, template)
    _ensure_binding(ctx, rtype, template, policy, ref, policy_id)


def _missing_overrides(ctx: Context, policy: dict) -> bool:
    """Whether a `dependentOverrides` entry does not exist yet (Karmada then waits)."""
    names = (policy.get("spec") or {}).get("dependentOverrides") or []
    namespace = policy["metadata"].get("namespace")
    otype = ctx.types.op if policy.get("kind") == PP_KIND else ctx.types.cop
    return any(get(ctx.control_plane, otype, namespace, n) is None for n in names)


def _admit(ctx: Context, policy: dict) -> None:
    """Give a policy the permanent id label and finalizer the webhook and controller add.

    The spec is left as stored: the scheduler applies placement defaults itself, and rewriting
    the spec would make every `kubectl apply` of an unchanged policy report "configured".
    """
    kind = policy.get("kind") or PP_KIND
    meta(policy).setdefault("labels", {}).setdefault(id_label(kind), str(uuid.uuid4()))
    finalizers = meta(policy).setdefault("finalizers", [])
    if POLICY_FINALIZER[kind] not in finalizers:
        finalizers.append(POLICY_FINALIZER[kind])
    ctx.control_plane.update(ctx.types.pp if kind == PP_KIND else ctx.types.cpp, policy)


def _ensure_binding(
    ctx: Context, rtype: ResourceType, template: dict, policy: dict, ref: PolicyRef, policy_id: str
) -> None:
    btype = ctx.types.binding(rtype.namespaced)
    namespace = template["metadata"].get("namespace")
    name = binding_name(template["kind"], template["metadata"]["name"])
    existing = get(ctx.control_plane, btype, namespace, name)
    binding = existing or _new_binding(rtype, template, name)
    wanted = _binding_spec(template, policy, binding.get("spec") or {})
    claim = claim_for_pp if ref.kind == PP_KIND else claim_for_cpp
    claimed = claim(binding, policy_id, ref)
    if existing is None:
        binding["spec"] = wanted
        ctx.control_plane.create(btype, binding)
    elif claimed or _differs(existing.get("spec") or {}, wanted):
        binding["spec"] = wanted
        ctx.control_plane.update(btype, binding)
    else:
        return
    if existing is None or claimed:
        where = f"{ref.namespace}/{ref.name}" if ref.kind == PP_KIND else ref.name
        label = "policy" if ref.kind == PP_KIND else "cluster policy"
        events.record(
            ctx,
            events.reference(template),
            "Normal",
            "ApplyPolicySucceed",
            f"Apply {label}({where}) succeed",
            "resource-detector",
        )


def _differs(old: dict, new: dict) -> bool:
    """Whether a binding spec changed beyond the template's resourceVersion."""

    def strip(spec: dict) -> dict:
        return {**spec, "resource": {**spec.get("resource", {}), "resourceVersion": ""}}

    return strip(old) != strip(new)


def _new_binding(rtype: ResourceType, template: dict, name: str) -> dict:
    tmeta = template["metadata"]
    binding: dict[str, Any] = {
        "apiVersion": "work.karmada.io/v1alpha2",
        "kind": "ResourceBinding" if rtype.namespaced else "ClusterResourceBinding",
        "metadata": {
            "name": name,
            "labels": {BINDING_ID_LABEL[rtype.namespaced]: str(uuid.uuid4())},
            "finalizers": [BINDING_FINALIZER[rtype.namespaced]],
            "ownerReferences": [
                {
                    "apiVersion": template["apiVersion"],
                    "kind": template["kind"],
                    "name": tmeta["name"],
                    "uid": tmeta["uid"],
                    "controller": True,
                    "blockOwnerDeletion": True,
                }
            ],
        },
    }
    if rtype.namespaced:
        binding["metadata"]["namespace"] = tmeta["namespace"]
    return binding


def _binding_spec(template: dict, policy: dict, current: dict) -> dict:
    """The binding spec for a template under a policy, keeping the scheduler's fields."""
    tmeta, pspec = template["metadata"], policy.get("spec") or {}
    resource = {
        "apiVersion": template["apiVersion"],
        "kind": template["kind"],
        "name": tmeta["name"],
        "uid": tmeta["uid"],
        "resourceVersion": tmeta.get("resourceVersion", ""),
    }
    if tmeta.get("namespace"):
        resource["namespace"] = tmeta["namespace"]
    spec = {
        k: v
        for k, v in current.items()
        if k in ("clusters", "gracefulEvictionTasks", "requiredBy", "rescheduleTriggeredAt")
    }
    spec["resource"] = resource
    replicas = interpret_replicas(template)
    if replicas:
        spec["replicas"] = replicas
    requirements = replica_requirements(template)
    if requirements is not None and replicas:
        spec["replicaRequirements"] = requirements
    if pspec.get("placement") is not None:
        spec["placement"] = pspec["placement"]
    for field in _COPIED_FROM_POLICY:
        if pspec.get(field) not in (None, False, ""):
            spec[field] = pspec[field]
    return spec


# -- policies --------------------------------------------------------------------------------


def _claimed_bindings(
    ctx: Context, ref: PolicyRef, policy_id: str
) -> list[tuple[ResourceType, dict]]:
    selector = f"{id_label(ref.kind)}={policy_id}"
    found = [
        (ctx.types.rb, b)
        for b in ctx.control_plane.list(
            ctx.types.rb, ref.namespace or None, label_selector=selector
        )[0]
    ]
    if ref.kind == CPP_KIND:
        found += [
            (ctx.types.crb, b)
            for b in ctx.control_plane.list(ctx.types.crb, label_selector=selector)[0]
        ]
    return found


def _reconcile_policy(ctx: Context, ref: PolicyRef) -> None:
    """Release claims the policy lost, then let every template it may claim be re-examined."""
    policy = _policy(ctx, ref)
    if policy is not None and not (policy["metadata"].get("labels") or {}).get(id_label(ref.kind)):
        _admit(ctx, policy)
        return
    policy_id = ((policy or {}).get("metadata", {}).get("labels") or {}).get(id_label(ref.kind))
    deleting = policy is None or bool(policy["metadata"].get("deletionTimestamp"))
    if policy_id:
        for btype, binding in _claimed_bindings(ctx, ref, policy_id):
            _release_if_lost(ctx, btype, binding, ref, None if deleting else policy)
    if policy is None:
        return
    if deleting:
        _drop_finalizer(ctx, policy, ref)
        return
    _enqueue_selected(ctx, policy, ref)


def _release_if_lost(
    ctx: Context, btype: ResourceType, binding: dict, ref: PolicyRef, policy: dict | None
) -> None:
    """Remove this policy's claim from a binding and its template when it no longer applies."""
    resource = binding["spec"]["resource"]
    rtype = ctx.types.template(resource["apiVersion"], resource["kind"])
    template = get(ctx.control_plane, rtype, resource.get("namespace"), resource["name"])
    selectors = (policy or {}).get("spec", {}).get("resourceSelectors") or []
    if template is not None and policy is not None and best_selector_priority(template, selectors):
        # A Lazy policy reaches its templates only when they change themselves.
        if (policy.get("spec") or {}).get("activationPreference") != "Lazy":
            ctx.enqueue(NAME, template_key(template), 0)
        return
    if ref in all_claims(binding):
        remove_claim(binding, ref.kind)
        ctx.control_plane.update(btype, binding)
    if template is not None and ref in all_claims(template):
        remove_claim(template, ref.kind)
        ctx.control_plane.update(rtype, template)


def _drop_finalizer(ctx: Context, policy: dict, ref: PolicyRef) -> None:
    finalizers = policy["metadata"].get("finalizers") or []
    if POLICY_FINALIZER[ref.kind] in finalizers:
        policy["metadata"]["finalizers"] = [
            f for f in finalizers if f != POLICY_FINALIZER[ref.kind]
        ]
        ctx.control_plane.update(ctx.types.pp if ref.kind == PP_KIND else ctx.types.cpp, policy)


def _enqueue_selected(ctx: Context, policy: dict, ref: PolicyRef) -> None:
    """Queue every unclaimed template of the kinds the policy selects (Karmada's waiting list)."""
    seen: set[tuple[str, str]] = set()
    for selector in (policy.get("spec") or {}).get("resourceSelectors") or []:
        kind_key = (selector.get("apiVersion", ""), selector.get("kind", ""))
        if kind_key in seen:
            continue
        seen.add(kind_key)
        try:
            rtype = ctx.types.template(*kind_key)
        except KeyError:
            continue
        namespace = ref.namespace or selector.get("namespace") or None
        for template in ctx.control_plane.list(rtype, namespace if rtype.namespaced else None)[0]:
            if is_propagatable(template) and honoured_claim(template) is None:
                ctx.enqueue(NAME, template_key(template), 0)
