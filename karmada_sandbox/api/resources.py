"""Create, read, update, patch and delete of one resource type, including status and scale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ujson
import yaml

from karmada_sandbox.api import patch as patches
from karmada_sandbox.api.admission import admit, initial_state
from karmada_sandbox.api.errors import ApiError, bad_request, from_store, method_not_allowed
from karmada_sandbox.api.karmada_webhook import PROTECTED_MESSAGE, deletion_protected
from karmada_sandbox.api.listing import delete_collection, list_response
from karmada_sandbox.api.messages import ApiRequest, ApiResponse, json_response
from karmada_sandbox.api.scale import scale_from, scale_into
from karmada_sandbox.api.schemas import Schema, schema_for
from karmada_sandbox.api.tables import table_response
from karmada_sandbox.api.validation import validate
from karmada_sandbox.api.watch import watch_response
from karmada_sandbox.registry import ResourceType
from karmada_sandbox.store import Conflict, NotFound, ObjectStore, StoreError, dumps, loads

_PATCH_RETRIES = 5
_NAMESPACE_KEY = ("", "v1", "namespaces")


@dataclass(frozen=True)
class Target:
    """What a resource URL names: a type, and optionally a namespace, name and subresource."""

    rtype: ResourceType
    namespace: str | None
    name: str | None
    subresource: str | None = None


def handle(store: ObjectStore, req: ApiRequest, target: Target) -> ApiResponse:
    """Answer one request on a resource URL. Raises ApiError."""
    try:
        if target.name is None:
            return _collection(store, req, target)
        if target.subresource is None:
            return _item(store, req, target)
        return _subresource(store, req, target)
    except StoreError as exc:
        raise from_store(exc) from exc


def _collection(store: ObjectStore, req: ApiRequest, target: Target) -> ApiResponse:
    if req.method == "GET":
        if req.flag("watch"):
            return watch_response(store, req, target.rtype, target.namespace)
        return list_response(store, req, target.rtype, target.namespace)
    if req.method == "POST":
        return _create(store, req, target)
    if req.method == "DELETE":
        return delete_collection(store, req, target.rtype, target.namespace)
    raise method_not_allowed(req.method)


def _item(store: ObjectStore, req: ApiRequest, target: Target) -> ApiResponse:
    rtype, ns, name = target.rtype, target.namespace, target.name or ""
    if req.method == "GET":
        raw = store.get_raw(rtype, ns, name)
        if req.wants_table():
            return table_response(rtype, [loads(raw)], store.resource_version, req, single=True)
        return ApiResponse(body=raw)
    if req.method == "PUT":
        obj = _body_object(req, target)
        return _store_update(store, req, target, obj, keep_status="status" in rtype.subresources)
    if req.method == "PATCH":
        if req.headers.get("content-type", "").startswith(patches.APPLY):
            return _server_side_apply(store, req, target)
        return _patch(store, req, target, subresource=None)
    if req.method == "DELETE":
        return _delete(store, req, target)
    raise method_not_allowed(req.method)


def _subresource(store: ObjectStore, req: ApiRequest, target: Target) -> ApiResponse:
    rtype, sub = target.rtype, target.subresource
    if sub == "log" and sub in rtype.subresources and req.method == "GET":
        return _log(store, req, target)
    if sub == "finalize" and sub in rtype.subresources and req.method == "PUT":
        return _finalize(store, req, target)
    if sub not in rtype.subresources or sub not in ("status", "scale"):
        raise ApiError(404, "NotFound", f"the server could not find the requested resource ({sub})")
    if sub == "scale":
        return _scale(store, req, target)
    if req.method == "GET":
        return ApiResponse(body=store.get_raw(rtype, target.namespace, target.name or ""))
    if req.method == "PUT":
        obj = _body_object(req, target)
        return _store_update(store, req, target, obj, subresource="status")
    if req.method == "PATCH":
        return _patch(store, req, target, subresource="status")
    raise method_not_allowed(req.method)


def _body_object(req: ApiRequest, target: Target) -> dict[str, Any]:
    obj = req.json_body()
    if not isinstance(obj, dict):
        raise bad_request("the body must be a JSON object")
    rtype = target.rtype
    if obj.get("kind") not in (None, "", rtype.kind) or obj.get("apiVersion") not in (
        None,
        "",
        rtype.api_version,
    ):
        raise bad_request(
            f"the API version in the data ({obj.get('apiVersion')}) does not match the expected "
            f"API version ({rtype.api_version}) or kind ({obj.get('kind')} != {rtype.kind})"
        )
    obj["apiVersion"], obj["kind"] = rtype.api_version, rtype.kind
    meta = obj.setdefault("metadata", {})
    if not isinstance(meta, dict):
        raise bad_request("metadata must be an object")
    if rtype.namespaced:
        if meta.get("namespace") and target.namespace and meta["namespace"] != target.namespace:
            raise bad_request(
                "the namespace of the provided object does not match the namespace sent on the "
                "request"
            )
        meta["namespace"] = target.namespace or meta.get("namespace")
    if target.name is not None and meta.get("name") and meta["name"] != target.name:
        raise bad_request("the name of the object does not match the name on the URL")
    if target.name is not None:
        meta["name"] = target.name
    return obj


def _validated(
    req: ApiRequest, rtype: ResourceType, obj: dict[str, Any], *, creating: bool = False
) -> dict[str, str]:
    mode = req.query.get("fieldValidation") or "Warn"
    dropped = validate(rtype, obj, field_validation=mode)
    admit(rtype, obj, creating=creating)
    if dropped and mode == "Warn":
        return {"Warning": f'299 - "unknown field \\"{dropped[0]}\\""'}
    return {}


def _dry_run(req: ApiRequest) -> bool:
    return req.query.get("dryRun") == "All"


def _create(store: ObjectStore, req: ApiRequest, target: Target) -> ApiResponse:
    rtype = target.rtype
    obj = _body_object(req, target)
    headers = _validated(req, rtype, obj, creating=True)
    if rtype.namespaced:
        _require_namespace(store, obj["metadata"].get("namespace"))
    if "status" in rtype.subresources:
        obj.pop("status", None)
    initial_state(rtype, obj)
    if _dry_run(req):
        return json_response(obj, 201)
    response = json_response(store.create(rtype, obj), 201)
    response.headers.update(headers)
    return response


def _require_namespace(store: ObjectStore, namespace: str | None) -> None:
    try:
        ns_type = store.registry.by_plural(*_NAMESPACE_KEY)
    except KeyError:
        return
    if namespace:
        try:
            store.get_raw(ns_type, None, namespace)
        except NotFound as exc:
            raise ApiError(
                404,
                "NotFound",
                f'namespaces "{namespace}" not found',
                {"name": namespace, "kind": "namespaces"},
            ) from exc


def _store_update(
    store: ObjectStore,
    req: ApiRequest,
    target: Target,
    obj: dict[str, Any],
    *,
    subresource: str | None = None,
    keep_status: bool = False,
) -> ApiResponse:
    headers = _validated(req, target.rtype, obj)
    if _dry_run(req):
        return json_response(obj)
    updated = store.update(target.rtype, obj, subresource=subresource, keep_status=keep_status)
    response = json_response(updated)
    response.headers.update(headers)
    return response


def _apply_patch(
    schema: Schema | None, content_type: str, current: dict[str, Any], body: object
) -> dict[str, Any]:
    try:
        if content_type.startswith(patches.JSON_PATCH):
            return patches.json_patch(current, body)
        if content_type.startswith(patches.MERGE):
            return patches.merge_patch(current, body)
        if content_type.startswith(patches.STRATEGIC):
            if schema is None or not schema.definitions:
                raise ApiError(
                    415,
                    "UnsupportedMediaType",
                    f"the body of the request was in an unknown format - accepted media types "
                    f"include: {patches.JSON_PATCH}, {patches.MERGE}, {patches.APPLY}",
                )
            return patches.strategic_merge(schema, current, body, schema.root)
    except patches.PatchError as exc:
        raise ApiError(422, "Invalid", str(exc)) from exc
    raise ApiError(415, "UnsupportedMediaType", f"unsupported patch type {content_type!r}")


def _patch(
    store: ObjectStore, req: ApiRequest, target: Target, subresource: str | None
) -> ApiResponse:
    rtype = target.rtype
    body = req.json_body()
    content_type = req.headers.get("content-type", "")
    for _ in range(_PATCH_RETRIES):
        current = store.get(rtype, target.namespace, target.name or "")
        patched = _apply_patch(schema_for(rtype), content_type, current, body)
        if not isinstance(patched, dict):
            raise bad_request("the patch must leave an object")
        meta = patched.setdefault("metadata", {})
        meta.setdefault("resourceVersion", current["metadata"]["resourceVersion"])
        patched_target = _body_object(
            ApiRequest("PATCH", req.path, req.query, req.headers, dumps(patched)), target
        )
        try:
            return _store_update(
                store,
                req,
                target,
                patched_target,
                subresource=subresource,
                keep_status=subresource is None and "status" in rtype.subresources,
            )
        except Conflict:
            if _patch_names_version(body):
                raise
    raise from_store(
        Conflict("the object kept changing; try again", rtype=rtype, name=target.name or "")
    )


def _server_side_apply(store: ObjectStore, req: ApiRequest, target: Target) -> ApiResponse:
    """Server-side apply, approximated: create when missing, else a JSON merge patch."""
    try:
        body = yaml.safe_load(req.body) if req.body else None
    except yaml.YAMLError as exc:
        raise bad_request(f"the apply configuration is not valid YAML: {exc}") from exc
    if not isinstance(body, dict):
        raise bad_request("the apply configuration must be an object")
    as_json = dumps(body)
    try:
        store.get_raw(target.rtype, target.namespace, target.name or "")
    except NotFound:
        created = ApiRequest("POST", req.path, req.query, req.headers, as_json)
        return _create(store, created, target)
    headers = {**req.headers, "content-type": patches.MERGE}
    return _patch(store, ApiRequest("PATCH", req.path, req.query, headers, as_json), target, None)


def _finalize(store: ObjectStore, req: ApiRequest, target: Target) -> ApiResponse:
    """A Namespace's `finalize` subresource: only spec.finalizers changes."""
    given = _body_object(req, target)
    current = store.get(target.rtype, None, target.name or "")
    finalizers = (given.get("spec") or {}).get("finalizers") or []
    current.setdefault("spec", {})["finalizers"] = finalizers
    if rv := given["metadata"].get("resourceVersion"):
        current["metadata"]["resourceVersion"] = rv
    return json_response(store.update(target.rtype, current, keep_status=True))


def _log(store: ObjectStore, req: ApiRequest, target: Target) -> ApiResponse:
    pod = store.get(target.rtype, target.namespace, target.name or "")
    containers = [c.get("name", "") for c in (pod.get("spec") or {}).get("containers") or ()]
    container = req.query.get("container") or (containers[0] if containers else "")
    if container not in containers:
        raise bad_request(f"container {container} is not valid for pod {target.name}")
    text = f"sandbox: container {container} of pod {target.name} is simulated and logs nothing\n"
    return ApiResponse(body=text.encode(), content_type="text/plain")


def _patch_names_version(body: object) -> bool:
    return isinstance(body, dict) and bool((body.get("metadata") or {}).get("resourceVersion"))


def _delete_options(req: ApiRequest) -> dict[str, Any]:
    options = ujson.loads(req.body) if req.body.strip() else {}
    if not isinstance(options, dict) or not isinstance(options.get("preconditions") or {}, dict):
        raise bad_request("DeleteOptions must be an object, and its preconditions too")
    if "propagationPolicy" in req.query:
        options["propagationPolicy"] = req.query["propagationPolicy"]
    return options


def _delete(store: ObjectStore, req: ApiRequest, target: Target) -> ApiResponse:
    try:
        options = _delete_options(req)
    except ValueError as exc:
        raise bad_request(f"invalid DeleteOptions: {exc}") from exc
    current = store.get(target.rtype, target.namespace, target.name or "")
    if deletion_protected(current):
        raise ApiError(403, "Forbidden", PROTECTED_MESSAGE)
    if _dry_run(req):
        return json_response(current)
    result = store.delete(
        target.rtype,
        target.namespace,
        target.name or "",
        preconditions=options.get("preconditions"),
        orphan=options.get("propagationPolicy") == "Orphan"
        or options.get("orphanDependents") is True,
    )
    return json_response(result)


def _scale(store: ObjectStore, req: ApiRequest, target: Target) -> ApiResponse:
    rtype, ns, name = target.rtype, target.namespace, target.name or ""
    if req.method == "GET":
        return json_response(scale_from(rtype, store.get(rtype, ns, name)))
    if req.method not in ("PUT", "PATCH"):
        raise method_not_allowed(req.method)
    for _ in range(_PATCH_RETRIES):
        obj = store.get(rtype, ns, name)
        current = scale_from(rtype, obj)
        body = req.json_body()
        if req.method == "PUT":
            desired = body
        else:
            # A strategic patch of a Scale is a merge patch: Scale has no merge-keyed lists.
            content_type = req.headers.get("content-type", patches.MERGE)
            content_type = content_type.replace(patches.STRATEGIC, patches.MERGE)
            desired = _apply_patch(None, content_type, current, body)
        if not isinstance(desired, dict):
            raise bad_request("a Scale must be an object")
            if not _patch_names_version(body):
                desired.get("metadata", {}).pop("resourceVersion", None)
        try:
            updated = store.update(rtype, scale_into(obj, desired), keep_status=True)
            return json_response(scale_from(rtype, updated))
        except Conflict:
            if (desired.get("metadata") or {}).get("resourceVersion"):
                raise
    raise from_store(Conflict("the object kept changing; try again", rtype=rtype, name=name))
