"""Cluster verbs: get/list/iter/create/update/update_status/patch/delete/apply."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Unpack

from karmada_gateway.core import ClientCore
from karmada_gateway.models import Cluster, Page
from karmada_gateway.resources import ListOptions, Manifest, PatchBody


class ClusterMethods(ClientCore):
    """Typed `<verb>_<kind>` methods for:
    Cluster.
    """

    def get_cluster(self, name: str) -> Cluster:
        """Get a Cluster. Raises KarmadaNotFound."""
        return self.clusters.get(None, name)

    def list_clusters(self, **options: Unpack[ListOptions]) -> Page[Cluster]:
        """One page of Clusters."""
        return self.clusters.list(None, **options)

    def iter_clusters(self, **options: Unpack[ListOptions]) -> Iterator[Cluster]:
        """Every Cluster, all pages. Raises KarmadaGone if a token expires."""
        return self.clusters.iterate(None, **options)

    def create_cluster(self, manifest: Manifest, *, dry_run: bool = False) -> Cluster:
        """Create a Cluster. Raises KarmadaConflict (exists), KarmadaRejected."""
        return self.clusters.create(manifest, dry_run=dry_run)

    def update_cluster(self, manifest: Manifest, *, dry_run: bool = False) -> Cluster:
        """Replace a Cluster. Raises KarmadaConflict (stale resourceVersion)."""
        return self.clusters.update(manifest, dry_run=dry_run)

    def update_cluster_status(self, manifest: Manifest) -> Cluster:
        """Replace a Cluster's status. Raises KarmadaConflict, KarmadaNotFound."""
        return self.clusters.update_status(manifest)

    def patch_cluster(self, name: str, patch: PatchBody, patch_type: str = "merge") -> Cluster:
        """Patch a Cluster (merge/json). Raises KarmadaNotFound, Rejected."""
        return self.clusters.patch(None, name, patch, patch_type)

    def delete_cluster(self, name: str) -> None:
        """Delete a Cluster. Raises KarmadaNotFound when it is already gone."""
        self.clusters.delete(None, name)

    def apply_cluster(self, manifest: Manifest) -> Cluster:
        """Create or replace a Cluster. Raises KarmadaConflict, KarmadaRejected."""
        return self.clusters.apply(manifest)
