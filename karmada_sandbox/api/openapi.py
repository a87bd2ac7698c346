"""OpenAPI documents: v3 for kubectl (validation left to the server, `explain`), and a bare v2.

Each group-version document declares POST / PUT / PATCH operations with the
`x-kubernetes-group-version-kind` extension and a `fieldValidation` parameter, plus one
component schema per kind. PATCH bodies deliberately list no strategic-merge media type, so
kubectl computes strategic patches from its own built-in types rather than from this document.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from karmada_sandbox.api.openapi_schemas import components
from karmada_sandbox.registry import Registry, ResourceType
from karmada_sandbox.store import dumps

_QUERY = ("dryRun", "fieldManager", "fieldValidation", "pretty")


def _gv_path(group: str, version: str) -> str:
    return f"api/{version}" if not group else f"apis/{group}/{version}"


def _hash(registry: Registry, group: str, version: str) -> str:
    names = ",".join(t.kind for t in registry.all() if t.group == group and t.version == version)
    return hashlib.sha256(f"{group}/{version}:{names}".encode()).hexdigest()[:32].upper()


def index(registry: Registry) -> dict[str, Any]:
    """The /openapi/v3 discovery document."""
    paths = {}
    for group, versions in registry.group_versions().items():
        for version in versions:
            path = _gv_path(group, version)
            paths[path] = {
                "serverRelativeURL": f"/openapi/v3/{path}?hash={_hash(registry, group, version)}"
            }
    return {"paths": paths}


def _schema_name(rtype: ResourceType) -> str:
    group = rtype.group or "core"
    return f"{group}.{rtype.version}.{rtype.kind}"


def _operation(rtype: ResourceType, action: str, name: str, with_body: bool) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{_schema_name(rtype)}"}
    op: dict[str, Any] = {
        "operationId": f"{action}{rtype.kind}",
        "parameters": [{"name": q, "in": "query", "schema": {"type": "string"}} for q in _QUERY],
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": ref}}}
        },
        "x-kubernetes-action": action,
        "x-kubernetes-group-version-kind": {
            "group": rtype.group,
            "version": rtype.version,
            "kind": rtype.kind,
        },
    }
    if with_body:
        media = (
            ["application/json-patch+json", "application/merge-patch+json"]
            if action == "patch"
            else ["application/json"]
        )
        op["requestBody"] = {"content": {m: {"schema": ref} for m in media}}
    if name:
        op["parameters"].append(
            {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}
        )
    return op


def _paths(rtype: ResourceType) -> dict[str, Any]:
    base = "/" + _gv_path(rtype.group, rtype.version)
    scope = f"{base}/namespaces/{{namespace}}" if rtype.namespaced else base
    collection = f"{scope}/{rtype.plural}"
    return {
        collection: {
            "get": _operation(rtype, "list", "", False),
            "post": _operation(rtype, "post", "", True),
        },
        f"{collection}/{{name}}": {
            "get": _operation(rtype, "get", "name", False),
            "put": _operation(rtype, "put", "name", True),
            "patch": _operation(rtype, "patch", "name", True),
            "delete": _operation(rtype, "delete", "name", False),
        },
    }


def group_version_document(registry: Registry, group: str, version: str) -> dict[str, Any] | None:
    """The OpenAPI v3 document of one group/version, or None when it is not served."""
    types = [t for t in registry.all() if t.group == group and t.version == version]
    if not types:
        return None
    return _document(tuple(types))


@functools.lru_cache(maxsize=64)
def _document(types: tuple[ResourceType, ...]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    for rtype in types:
        paths.update(_paths(rtype))
        schemas.update(components(rtype, _schema_name(rtype)))
    return {
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": "v1.32.4"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"
_V2_INFO = {"title": "Kubernetes", "version": "v1.32.4"}


def _field(number: int, payload: bytes) -> bytes:
    """One length-delimited protobuf field (all this document needs; lengths stay < 128)."""
    return bytes([number << 3 | 2, len(payload)]) + payload


def v2_document(accept: str) -> tuple[bytes, str]:
    """A bare OpenAPI v2 document (no paths or definitions) as protobuf or JSON.

    Newer clients (karmadactl's client-go) insist on downloading it before validating, then
    skip client-side checks for kinds it does not describe; the server validates instead.
    """
    if "protobuf" in accept:
        info = _field(1, _V2_INFO["title"].encode()) + _field(2, _V2_INFO["version"].encode())
        # gnostic openapi_v2.Document: swagger = 1, info = 2, paths = 8.
        body = _field(1, b"2.0") + _field(2, info) + _field(8, b"")
        return body, V2_PROTOBUF
    return dumps({"swagger": "2.0", "info": _V2_INFO, "paths": {}}), "application/json"
