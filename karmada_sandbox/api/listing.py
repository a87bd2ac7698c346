"""Collection reads: lists with selectors and limit/continue paging, and delete-collection."""

from __future__ import annotations

import base64
import binascii
from typing import Any

import ujson

from karmada_sandbox.api.errors import ApiError, bad_request
from karmada_sandbox.api.messages import ApiRequest, ApiResponse, json_response
from karmada_sandbox.api.tables import table_response
from karmada_sandbox.registry import ResourceType
from karmada_sandbox.store import Key, NotFound, ObjectStore, dumps, loads


def delete_collection(
    store: ObjectStore, req: ApiRequest, rtype: ResourceType, namespace: str | None
) -> ApiResponse:
    """Delete every selected object; answers the list of deleted objects. Raises ApiError."""
    pairs, rv = _select(store, req, rtype, namespace)
    items = []
    for (ns, name), _ in pairs:
        try:
            items.append(store.delete(rtype, ns or None, name))
        except NotFound:
            continue
    return json_response(_list_envelope(rtype, rv, items))


def _select(
    store: ObjectStore, req: ApiRequest, rtype: ResourceType, namespace: str | None
) -> tuple[list[tuple[Key, bytes]], str]:
    try:
        return store.select(
            rtype,
            namespace,
            req.query.get("labelSelector"),
            req.query.get("fieldSelector"),
        )
    except ValueError as exc:
        raise bad_request(str(exc)) from exc


def _list_envelope(rtype: ResourceType, rv: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "kind": f"{rtype.kind}List",
        "apiVersion": rtype.api_version,
        "metadata": {"resourceVersion": rv},
        "items": items,
    }


def _decode_continue(token: str) -> tuple[str, str]:
    try:
        start = ujson.loads(base64.urlsafe_b64decode(token.encode()))
        return str(start[0]), str(start[1])
    except (ValueError, TypeError, IndexError, binascii.Error) as exc:
        raise ApiError(400, "BadRequest", "continue key is not valid") from exc


def _limit(req: ApiRequest) -> int:
    try:
        return max(0, int(req.query.get("limit") or 0))
    except ValueError:
        raise bad_request(f"invalid limit: {req.query.get('limit')!r}") from None


def list_response(
    store: ObjectStore, req: ApiRequest, rtype: ResourceType, namespace: str | None
) -> ApiResponse:
    """A list (or Table) answer honouring selectors, limit and continue. Raises ApiError."""
    pairs, rv = _select(store, req, rtype, namespace)
    if token := req.query.get("continue"):
        start = _decode_continue(token)
        pairs = [p for p in pairs if p[0] > start]
    meta: dict[str, Any] = {"resourceVersion": rv}
    limit = _limit(req)
    if 0 < limit < len(pairs):
        last_key = pairs[limit - 1][0]
        meta["continue"] = base64.urlsafe_b64encode(ujson.dumps(list(last_key)).encode()).decode()
        meta["remainingItemCount"] = len(pairs) - limit
        pairs = pairs[:limit]
    if req.wants_table():
        return table_response(rtype, [loads(raw) for _, raw in pairs], rv, req, list_meta=meta)
    head = dumps({"kind": f"{rtype.kind}List", "apiVersion": rtype.api_version, "metadata": meta})
    body = head[:-1] + b',"items":[' + b",".join(raw for _, raw in pairs) + b"]}"
    return ApiResponse(body=body)
