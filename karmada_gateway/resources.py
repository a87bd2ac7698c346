"""Generic REST verbs on any `Kind`, and `TypedKind`, which wraps them for one kind and model.

One code path serves Karmada's CRDs, the aggregated Cluster API and built-in kinds alike (the
generated CustomObjectsApi cannot address the core group), so paging, patch content types,
retries and error translation behave the same everywhere.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypedDict, TypeVar, Unpack

from karmada_gateway.errors import KarmadaConflict, KarmadaRejected
from karmada_gateway.kinds import Kind
from karmada_gateway.models.base import KarmadaObject, Page, Raw, items, mapping
from karmada_gateway.transport import PATCH_TYPES, Query, Transport

Manifest = Mapping[str, Any] | KarmadaObject
PatchBody = Mapping[str, Any] | list[dict[str, Any]]
T = TypeVar("T", bound=KarmadaObject)


class ListOptions(TypedDict, total=False):
    """Filters and paging for list calls (`limit` + `continue_token` page through big lists)."""

    label_selector: str
    field_selector: str
    limit: int
    continue_token: str


def list_query(options: ListOptions) -> list[tuple[str, str | int | bool]]:
    """Query parameters for ListOptions."""
    names = {
        "label_selector": "labelSelector",
        "field_selector": "fieldSelector",
        "limit": "limit",
        "continue_token": "continue",
    }
    return [(names[key], value) for key, value in options.items() if value]  # type: ignore[misc]


def as_dict(manifest: Manifest) -> Raw:
    """A deep copy of the object as a plain dict (models contribute their `.raw`)."""
    raw = manifest.raw if isinstance(manifest, KarmadaObject) else manifest
    return copy.deepcopy(dict(raw))


class Resources:
    """Get/list/create/update/patch/delete of any kind on one API server (or `prefix` proxy)."""

    def __init__(self, transport: Transport, prefix: str = "") -> None:
        self._transport = transport
        self._prefix = prefix

    def get(self, kind: Kind, namespace: str | None, name: str) -> Raw:
        """One object. Raises KarmadaNotFound."""
        return self._call("GET", kind.object_path(namespace, name, prefix=self._prefix))

    def list(
        self, kind: Kind, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> tuple[list[Raw], str, str, int | None]:
        """One page: items, continue token, list resourceVersion, remaining item count."""
        answer = self._call(
            "GET", kind.collection_path(namespace, self._prefix), list_query(options)
        )
        meta = mapping(answer.get("metadata"))
        listed = [_with_type(kind, mapping(i)) for i in items(answer.get("items"))]
        remaining = meta.get("remainingItemCount")
        return (
            listed,
            str(meta.get("continue") or ""),
            str(meta.get("resourceVersion") or ""),
            remaining if isinstance(remaining, int) else None,
        )

    def create(self, kind: Kind, manifest: Manifest, *, dry_run: bool = False) -> Raw:
        """Create the object. Raises KarmadaConflict when it exists, KarmadaRejected if invalid."""
        body = prepared(kind, manifest)
        path = kind.collection_path(_namespace(kind, body), self._prefix)
        return self._call("POST", path, _dry_run(dry_run), body)

    def update(
        self, kind: Kind, manifest: Manifest, *, subresource: str = "", dry_run: bool = False
    ) -> Raw:
        """Replace the object (or its status); a set resourceVersion must still be current.

        Raises KarmadaConflict on a stale resourceVersion, KarmadaNotFound, KarmadaRejected.
        """
        body = prepared(kind, manifest)
        name = str(mapping(body.get("metadata")).get("name"))
        path = kind.object_path(_namespace(kind, body), name, subresource, self._prefix)
        return self._call("PUT", path, _dry_run(dry_run), body)

    def patch(
        self,
        kind: Kind,
        namespace: str | None,
        name: str,
        patch: PatchBody,
        patch_type: str = "merge",
        *,
        subresource: str = "",
    ) -> Raw:
        """Patch with "merge", "json" (a list of operations) or "strategic" (built-ins only).

        Raises KarmadaRejected for an unknown patch type or a refused patch, KarmadaNotFound.
        """
        if patch_type not in PATCH_TYPES:
            raise KarmadaRejected(
                f"Unknown patch type {patch_type!r}; use merge, json or strategic."
            )
        path = kind.object_path(namespace, name, subresource, self._prefix)
        body: Any = list(patch) if isinstance(patch, list) else dict(patch)
        return self._call("PATCH", path, (), body, PATCH_TYPES[patch_type])

    def delete(self, kind: Kind, namespace: str | None, name: str, *, uid: str = "") -> None:
        """Delete the object (it lingers with a deletionTimestamp while finalizers remain);
        with `uid`, only that object, not another one since created under the same name.

        Raises KarmadaNotFound when it is already gone, KarmadaConflict when `uid` differs.
        """
        body: Raw | None = None
        if uid:
            body = {"apiVersion": "v1", "kind": "DeleteOptions", "preconditions": {"uid": uid}}
        self._call("DELETE", kind.object_path(namespace, name, prefix=self._prefix), (), body)

    def apply(self, kind: Kind, manifest: Manifest) -> Raw:
        """Create the object, or replace it when it exists (keeping its current resourceVersion
        unless the manifest carries one). Raises KarmadaConflict, KarmadaRejected."""
        body = prepared(kind, manifest)
        try:
            return self.create(kind, body)
        except KarmadaConflict:
            metadata = body["metadata"]
            if not metadata.get("resourceVersion"):
                current = self.get(kind, metadata.get("namespace"), str(metadata["name"]))
                metadata["resourceVersion"] = current["metadata"]["resourceVersion"]
            return self.update(kind, body)

    def _call(
        self,
        method: str,
        path: str,
        query: Query = (),
        body: Any = None,
        content_type: str = "application/json",
    ) -> Raw:
        answer = self._transport.request(
            method, path, query=query, body=body, content_type=content_type
        )
        return mapping(answer)


def prepared(kind: Kind, manifest: Manifest) -> Raw:
    """A copy of `manifest` with apiVersion/kind filled in; checks name and namespace.

    Raises KarmadaRejected when the manifest is for another kind or lacks a required field.
    """
    body = as_dict(manifest)
    body.setdefault("apiVersion", kind.api_version)
    body.setdefault("kind", kind.kind)
    if (body["apiVersion"], body["kind"]) != (kind.api_version, kind.kind):
        raise KarmadaRejected(
            f"Expected a {kind.kind} ({kind.api_version}), "
            f"got {body['kind']} ({body['apiVersion']})."
        )
    metadata = body.setdefault("metadata", {})
    if not isinstance(metadata, dict) or not metadata.get("name"):
        raise KarmadaRejected(f"The {kind.kind} needs metadata.name.")
    _namespace(kind, body)
    return body


def _namespace(kind: Kind, body: Raw) -> str | None:
    """metadata.namespace of a namespaced kind (required), None for cluster-scoped kinds."""
    if not kind.namespaced:
        return None
    namespace = mapping(body.get("metadata")).get("namespace")
    if not namespace:
        raise KarmadaRejected(f"The {kind.kind} needs metadata.namespace.")
    return str(namespace)


def _dry_run(dry_run: bool) -> Query:
    return [("dryRun", "All")] if dry_run else []


def _with_type(kind: Kind, raw: Raw) -> Raw:
    """List items come without apiVersion/kind; put them back so `.raw` is a whole manifest."""
    raw.setdefault("apiVersion", kind.api_version)
    raw.setdefault("kind", kind.kind)
    return raw


class TypedKind(Generic[T]):
    """The verbs of one kind, returning its model (`Cluster`, `PropagationPolicy`...)."""

    def __init__(self, resources: Resources, kind: Kind, model: Callable[[Raw], T]) -> None:
        self.resources = resources
        self.kind = kind
        self.model = model

    def get(self, namespace: str | None, name: str) -> T:
        """One object. Raises KarmadaNotFound."""
        return self.model(self.resources.get(self.kind, namespace, name))

    def list(self, namespace: str | None = None, **options: Unpack[ListOptions]) -> Page[T]:
        """One page of objects (all namespaces when `namespace` is None)."""
        raw, token, version, remaining = self.resources.list(self.kind, namespace, **options)
        return Page(tuple(self.model(r) for r in raw), token, version, remaining)

    def iterate(self, namespace: str | None = None, **options: Unpack[ListOptions]) -> Iterator[T]:
        """Every object, fetching page after page. Raises KarmadaGone if a token expires."""
        while True:
            page = self.list(namespace, **options)
            yield from page.items
            if not page.continue_token:
                return
            options["continue_token"] = page.continue_token

    def create(self, manifest: Manifest, *, dry_run: bool = False) -> T:
        """Create it. Raises KarmadaConflict if it exists, KarmadaRejected if invalid."""
        return self.model(self.resources.create(self.kind, manifest, dry_run=dry_run))

    def update(self, manifest: Manifest, *, dry_run: bool = False) -> T:
        """Replace it. Raises KarmadaConflict when its resourceVersion is stale."""
        return self.model(self.resources.update(self.kind, manifest, dry_run=dry_run))

    def update_status(self, manifest: Manifest) -> T:
        """Replace its status only. Raises KarmadaConflict when its resourceVersion is stale."""
        return self.model(self.resources.update(self.kind, manifest, subresource="status"))

    def patch(
        self, namespace: str | None, name: str, patch: PatchBody, patch_type: str = "merge"
    ) -> T:
        """Patch it ("merge", "json" or "strategic"). Raises KarmadaNotFound, KarmadaRejected."""
        return self.model(self.resources.patch(self.kind, namespace, name, patch, patch_type))

    def delete(self, namespace: str | None, name: str, *, uid: str = "") -> None:
        """Delete it (with `uid`: only if it is still that object). Raises KarmadaNotFound
        when it is already gone, KarmadaConflict when `uid` differs."""
        self.resources.delete(self.kind, namespace, name, uid=uid)

    def apply(self, manifest: Manifest) -> T:
        """Create or replace it. Raises KarmadaConflict, KarmadaRejected."""
        return self.model(self.resources.apply(self.kind, manifest))
