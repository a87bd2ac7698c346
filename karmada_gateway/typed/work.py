"""ResourceBinding, ClusterResourceBinding and Work verbs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Unpack

from karmada_gateway.core import ClientCore
from karmada_gateway.models import Page, ResourceBinding, Work
from karmada_gateway.resources import ListOptions, Manifest, PatchBody


class WorkMethods(ClientCore):
    """Typed `<verb>_<kind>` methods for:
    ResourceBinding, ClusterResourceBinding, Work.
    """

    def get_resource_binding(self, namespace: str, name: str) -> ResourceBinding:
        """Get a ResourceBinding. Raises KarmadaNotFound."""
        return self.resource_bindings.get(namespace, name)

    def list_resource_bindings(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Page[ResourceBinding]:
        """One page of ResourceBindings (None: all namespaces)."""
        return self.resource_bindings.list(namespace, **options)

    def iter_resource_bindings(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Iterator[ResourceBinding]:
        """Every ResourceBinding, all pages. Raises KarmadaGone if a token expires."""
        return self.resource_bindings.iterate(namespace, **options)

    def create_resource_binding(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> ResourceBinding:
        """Create a ResourceBinding. Raises KarmadaConflict (exists), KarmadaRejected."""
        return self.resource_bindings.create(manifest, dry_run=dry_run)

    def update_resource_binding(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> ResourceBinding:
        """Replace a ResourceBinding. Raises KarmadaConflict (stale resourceVersion)."""
        return self.resource_bindings.update(manifest, dry_run=dry_run)

    def update_resource_binding_status(self, manifest: Manifest) -> ResourceBinding:
        """Replace a ResourceBinding's status. Raises KarmadaConflict, KarmadaNotFound."""
        return self.resource_bindings.update_status(manifest)

    def patch_resource_binding(
        self, namespace: str, name: str, patch: PatchBody, patch_type: str = "merge"
    ) -> ResourceBinding:
        """Patch a ResourceBinding (merge/json). Raises KarmadaNotFound, Rejected."""
        return self.resource_bindings.patch(namespace, name, patch, patch_type)

    def delete_resource_binding(self, namespace: str, name: str) -> None:
        """Delete a ResourceBinding. Raises KarmadaNotFound when it is already gone."""
        self.resource_bindings.delete(namespace, name)

    def apply_resource_binding(self, manifest: Manifest) -> ResourceBinding:
        """Create or replace a ResourceBinding. Raises KarmadaConflict, KarmadaRejected."""
        return self.resource_bindings.apply(manifest)

    def get_cluster_resource_binding(self, name: str) -> ResourceBinding:
        """Get a ClusterResourceBinding. Raises KarmadaNotFound."""
        return self.cluster_resource_bindings.get(None, name)

    def list_cluster_resource_bindings(
        self, **options: Unpack[ListOptions]
    ) -> Page[ResourceBinding]:
        """One page of ClusterResourceBindings."""
        return self.cluster_resource_bindings.list(None, **options)

    def iter_cluster_resource_bindings(
        self, **options: Unpack[ListOptions]
    ) -> Iterator[ResourceBinding]:
        """Every ClusterResourceBinding, all pages. Raises KarmadaGone if a token expires."""
        return self.cluster_resource_bindings.iterate(None, **options)

    def create_cluster_resource_binding(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> ResourceBinding:
        """Create a ClusterResourceBinding. Raises KarmadaConflict (exists), KarmadaRejected."""
        return self.cluster_resource_bindings.create(manifest, dry_run=dry_run)

    def update_cluster_resource_binding(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> ResourceBinding:
        """Replace a ClusterResourceBinding. Raises KarmadaConflict (stale resourceVersion)."""
        return self.cluster_resource_bindings.update(manifest, dry_run=dry_run)

    def update_cluster_resource_binding_status(self, manifest: Manifest) -> ResourceBinding:
        """Replace a ClusterResourceBinding's status. Raises KarmadaConflict, KarmadaNotFound."""
        return self.cluster_resource_bindings.update_status(manifest)

    def patch_cluster_resource_binding(
        self, name: str, patch: PatchBody, patch_type: str = "merge"
    ) -> ResourceBinding:
        """Patch a ClusterResourceBinding (merge/json). Raises KarmadaNotFound, Rejected."""
        return self.cluster_resource_bindings.patch(None, name, patch, patch_type)

    def delete_cluster_resource_binding(self, name: str) -> None:
        """Delete a ClusterResourceBinding. Raises KarmadaNotFound when it is already gone."""
        self.cluster_resource_bindings.delete(None, name)

    def apply_cluster_resource_binding(self, manifest: Manifest) -> ResourceBinding:
        """Create or replace a ClusterResourceBinding. Raises KarmadaConflict, KarmadaRejected."""
        return self.cluster_resource_bindings.apply(manifest)

    def get_work(self, namespace: str, name: str) -> Work:
        """Get a Work. Raises KarmadaNotFound."""
        return self.works.get(namespace, name)

    def list_works(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Page[Work]:
        """One page of Works (None: all namespaces)."""
        return self.works.list(namespace, **options)

    def iter_works(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Iterator[Work]:
        """Every Work, all pages. Raises KarmadaGone if a token expires."""
        return self.works.iterate(namespace, **options)

    def create_work(self, manifest: Manifest, *, dry_run: bool = False) -> Work:
        """Create a Work. Raises KarmadaConflict (exists), KarmadaRejected."""
        return self.works.create(manifest, dry_run=dry_run)

    def update_work(self, manifest: Manifest, *, dry_run: bool = False) -> Work:
        """Replace a Work. Raises KarmadaConflict (stale resourceVersion)."""
        return self.works.update(manifest, dry_run=dry_run)

    def update_work_status(self, manifest: Manifest) -> Work:
        """Replace a Work's status. Raises KarmadaConflict, KarmadaNotFound."""
        return self.works.update_status(manifest)

    def patch_work(
        self, namespace: str, name: str, patch: PatchBody, patch_type: str = "merge"
    ) -> Work:
        """Patch a Work (merge/json). Raises KarmadaNotFound, Rejected."""
        return self.works.patch(namespace, name, patch, patch_type)

    def delete_work(self, namespace: str, name: str) -> None:
        """Delete a Work. Raises KarmadaNotFound when it is already gone."""
        self.works.delete(namespace, name)

    def apply_work(self, manifest: Manifest) -> Work:
        """Create or replace a Work. Raises KarmadaConflict, KarmadaRejected."""
        return self.works.apply(manifest)
