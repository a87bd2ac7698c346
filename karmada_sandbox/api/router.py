"""Routing of API paths to discovery, OpenAPI, resources, the Cluster proxy and fault endpoints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from karmada_sandbox.api import discovery, openapi, resources
from karmada_sandbox.api.errors import (
    ApiError,
    bad_request,
    method_not_allowed,
    not_found,
    unavailable,
)
from karmada_sandbox.api.messages import ApiRequest, ApiResponse, json_response
from karmada_sandbox.store import NotFound, ObjectStore

_CLUSTERS = "/apis/cluster.karmada.io/v1alpha1/clusters/"
WorldGetter = Callable[[], Any]


def route(
    store: ObjectStore,
    req: ApiRequest,
    world: WorldGetter | None = None,
    *,
    kubernetes_version: str | None = None,
) -> ApiResponse:
    """Answer one authenticated request against `store`; `world` enables proxy and faults.

    `kubernetes_version` is what /version reports (a member's own version). Raises ApiError.
    """
    path = req.path.rstrip("/") or "/"
    if world is not None:
        if path.startswith(_CLUSTERS) and "/proxy" in path[len(_CLUSTERS) :]:
            return _proxy(store, req, world())
        if path.startswith("/sandbox/"):
            return _sandbox(req, world())
    if path in ("/healthz", "/readyz", "/livez"):
        return ApiResponse(body=b"ok", content_type="text/plain")
    if path == "/version":
        return json_response(discovery.version_info(kubernetes_version))
    if path == "/openapi/v2":
        body, content_type = openapi.v2_document(req.accept)
        return ApiResponse(body=body, content_type=content_type)
    if path.startswith("/openapi"):
        return _openapi(store, path)
    parts = path.strip("/").split("/")
    if parts[0] == "api":
        return _core(store, req, parts[1:])
    if parts[0] == "apis":
        return _named(store, req, parts[1:])
    raise not_found()


def _openapi(store: ObjectStore, path: str) -> ApiResponse:
    if path == "/openapi/v3":
        return json_response(openapi.index(store.registry))
    parts = path.removeprefix("/openapi/v3/").split("/")
    doc = None
    if parts[0] == "api" and len(parts) == 2:
        doc = openapi.group_version_document(store.registry, "", parts[1])
    elif parts[0] == "apis" and len(parts) == 3:
        doc = openapi.group_version_document(store.registry, parts[1], parts[2])
    if doc is None:
        raise not_found()
    return json_response(doc)


def _core(store: ObjectStore, req: ApiRequest, parts: list[str]) -> ApiResponse:
    if not parts or parts == [""]:
        return json_response(discovery.core_versions())
    return _group_version(store, req, "", parts[0], parts[1:])


def _named(store: ObjectStore, req: ApiRequest, parts: list[str]) -> ApiResponse:
    if not parts or parts == [""]:
        return json_response(discovery.group_list(store.registry))
    if len(parts) == 1:
        info = discovery.group_info(store.registry, parts[0])
        if info is None:
            raise not_found()
        return json_response(info)
    return _group_version(store, req, parts[0], parts[1], parts[2:])


def _group_version(
    store: ObjectStore, req: ApiRequest, group: str, version: str, rest: list[str]
) -> ApiResponse:
    if not rest:
        listing = discovery.resource_list(store.registry, group, version)
        if listing is None:
            raise not_found()
        return json_response(listing)
    return resources.handle(store, req, _target(store, group, version, rest))


def _lookup(store: ObjectStore, group: str, version: str, plural: str) -> Any:
    try:
        return store.registry.by_plural(group, version, plural)
    except KeyError:
        raise not_found() from None


def _target(store: ObjectStore, group: str, version: str, rest: list[str]) -> resources.Target:
    if rest[0] == "namespaces" and len(rest) >= 3:
        # namespaces/NS/PLURAL/... unless PLURAL is really a Namespace subresource (status).
        try:
            rtype = store.registry.by_plural(group, version, rest[2])
        except KeyError:
            rtype = None
        if rtype is not None and rtype.namespaced:
            return _with_name(rtype, rest[1], rest[3:])
    rtype = _lookup(store, group, version, rest[0])
    return _with_name(rtype, None, rest[1:])


def _with_name(rtype: Any, namespace: str | None, rest: list[str]) -> resources.Target:
    if len(rest) > 2:
        raise not_found()
    name = rest[0] if rest else None
    sub = rest[1] if len(rest) > 1 else None
    return resources.Target(rtype, namespace, name, sub)


def _proxy(store: ObjectStore, req: ApiRequest, world: Any) -> ApiResponse:
    name, _, member_path = req.path[len(_CLUSTERS) :].partition("/proxy")
    try:
        store.get_raw(
            store.registry.by_plural("cluster.karmada.io", "v1alpha1", "clusters"), None, name
        )
    except (NotFound, KeyError):
        raise ApiError(
            404,
            "NotFound",
            f'clusters.cluster.karmada.io "{name}" not found',
            {"name": name, "group": "cluster.karmada.io", "kind": "clusters"},
        ) from None
    if world is None:
        raise unavailable(f"cluster {name} has no simulated member behind it")
    try:
        member = world.proxy_store(name)
    except KeyError:
        raise unavailable(f"cluster {name} has no simulated member behind it") from None
    if not world.is_reachable(name):
        raise unavailable(f"error trying to reach service: dial tcp: cluster {name} is unreachable")
    inner = ApiRequest(req.method, member_path or "/", req.query, req.headers, req.body)
    version = getattr(world.members.get(name), "kubernetes_version", None)
    return route(member, inner, None, kubernetes_version=version)


def _sandbox(req: ApiRequest, world: Any) -> ApiResponse:
    parts = req.path.strip("/").split("/")
    if parts[:3] != ["sandbox", "v1", "clusters"]:
        raise not_found()
    if world is None:
        raise unavailable("the sandbox has no simulated Karmada world")
    if len(parts) == 3 and req.method == "GET":
        return json_response(_members(world))
    if len(parts) == 5 and parts[4] == "faults":
        if req.method != "POST":
            raise method_not_allowed(req.method)
        fault = req.json_body()
        if not isinstance(fault, dict):
            raise bad_request("a fault must be a JSON object")
        try:
            return json_response(world.apply_fault(parts[3], fault))
        except KeyError:
            raise not_found(f'cluster "{parts[3]}" not found') from None
        except ValueError as exc:
            raise bad_request(str(exc)) from exc
    raise not_found()


def _members(world: Any) -> dict[str, Any]:
    describe = getattr(world, "describe_members", None)
    if callable(describe):
        return describe()
    items = [
        {"name": name, "reachable": bool(world.is_reachable(name))}
        for name in sorted(world.members)
    ]
    return {"kind": "MemberClusterList", "items": items}
