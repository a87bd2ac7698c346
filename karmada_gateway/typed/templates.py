"""Resource templates of any kind (Deployment, ConfigMap...), addressed by apiVersion + kind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Unpack

from karmada_gateway.core import ClientCore
from karmada_gateway.errors import KarmadaRejected
from karmada_gateway.models import Page, ResourceObject
from karmada_gateway.resources import ListOptions, Manifest, PatchBody, TypedKind, as_dict


class TemplateMethods(ClientCore):
    """`<verb>_resource` methods; the kind is resolved through discovery and cached."""

    def _templates(self, api_version: str, kind: str) -> TypedKind[ResourceObject]:
        """A TypedKind for any served kind. Raises KarmadaNotFound for an unknown kind."""
        return TypedKind(
            self._resources, self.resolve_kind(api_version, kind), ResourceObject.from_raw
        )

    def _templates_for(self, manifest: Manifest) -> TypedKind[ResourceObject]:
        """The TypedKind a manifest's apiVersion/kind names. Raises KarmadaRejected, NotFound."""
        raw = as_dict(manifest)
        if not raw.get("apiVersion") or not raw.get("kind"):
            raise KarmadaRejected("The manifest needs apiVersion and kind.")
        return self._templates(str(raw["apiVersion"]), str(raw["kind"]))

    def get_resource(
        self, api_version: str, kind: str, namespace: str | None, name: str
    ) -> ResourceObject:
        """Get one object of any kind. Raises KarmadaNotFound."""
        return self._templates(api_version, kind).get(namespace, name)

    def list_resources(
        self,
        api_version: str,
        kind: str,
        namespace: str | None = None,
        **options: Unpack[ListOptions],
    ) -> Page[ResourceObject]:
        """One page of objects of any kind (all namespaces when `namespace` is None)."""
        return self._templates(api_version, kind).list(namespace, **options)

    def iter_resources(
        self,
        api_version: str,
        kind: str,
        namespace: str | None = None,
        **options: Unpack[ListOptions],
    ) -> Iterator[ResourceObject]:
        """Every object of any kind, page after page. Raises KarmadaGone if a token expires."""
        return self._templates(api_version, kind).iterate(namespace, **options)

    def create_resource(self, manifest: Manifest, *, dry_run: bool = False) -> ResourceObject:
        """Create an object of any kind. Raises KarmadaConflict if it exists, KarmadaRejected."""
        return self._templates_for(manifest).create(manifest, dry_run=dry_run)

    def update_resource(self, manifest: Manifest, *, dry_run: bool = False) -> ResourceObject:
        """Replace an object of any kind. Raises KarmadaConflict on a stale resourceVersion."""
        return self._templates_for(manifest).update(manifest, dry_run=dry_run)

    def update_resource_status(self, manifest: Manifest) -> ResourceObject:
        """Replace the status of an object of any kind. Raises KarmadaConflict, NotFound."""
        return self._templates_for(manifest).update_status(manifest)

    def patch_resource(
        self,
        api_version: str,
        kind: str,
        namespace: str | None,
        name: str,
        patch: PatchBody,
        patch_type: str = "strategic",
    ) -> ResourceObject:
        """Patch an object of any kind (strategic merge by default, as kubectl does for built-ins).

        Raises KarmadaNotFound, KarmadaRejected.
        """
        return self._templates(api_version, kind).patch(namespace, name, patch, patch_type)

    def delete_resource(
        self, api_version: str, kind: str, namespace: str | None, name: str, *, uid: str = ""
    ) -> None:
        """Delete an object of any kind (with `uid`: only if it is still that object).
        Raises KarmadaNotFound when it is already gone, KarmadaConflict when `uid` differs."""
        self._templates(api_version, kind).delete(namespace, name, uid=uid)

    def apply_resource(self, manifest: Manifest) -> ResourceObject:
        """Create an object of any kind or replace the existing one. Raises KarmadaConflict."""
        return self._templates_for(manifest).apply(manifest)
