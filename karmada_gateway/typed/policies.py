"""Propagation and override policy verbs, namespaced and cluster-wide."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Unpack

from karmada_gateway.core import ClientCore
from karmada_gateway.models import OverridePolicy, Page, PropagationPolicy
from karmada_gateway.resources import ListOptions, Manifest, PatchBody


class PolicyMethods(ClientCore):
    """Typed `<verb>_<kind>` methods for:
    PropagationPolicy, ClusterPropagationPolicy, OverridePolicy, ClusterOverridePolicy.
    """

    def get_propagation_policy(self, namespace: str, name: str) -> PropagationPolicy:
        """Get a PropagationPolicy. Raises KarmadaNotFound."""
        return self.propagation_policies.get(namespace, name)

    def list_propagation_policies(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Page[PropagationPolicy]:
        """One page of PropagationPolicies (None: all namespaces)."""
        return self.propagation_policies.list(namespace, **options)

    def iter_propagation_policies(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Iterator[PropagationPolicy]:
        """Every PropagationPolicy, all pages. Raises KarmadaGone if a token expires."""
        return self.propagation_policies.iterate(namespace, **options)

    def create_propagation_policy(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> PropagationPolicy:
        """Create a PropagationPolicy. Raises KarmadaConflict (exists), KarmadaRejected."""
        return self.propagation_policies.create(manifest, dry_run=dry_run)

    def update_propagation_policy(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> PropagationPolicy:
        """Replace a PropagationPolicy. Raises KarmadaConflict (stale resourceVersion)."""
        return self.propagation_policies.update(manifest, dry_run=dry_run)

    def update_propagation_policy_status(self, manifest: Manifest) -> PropagationPolicy:
        """Replace a PropagationPolicy's status. Raises KarmadaConflict, KarmadaNotFound."""
        return self.propagation_policies.update_status(manifest)

    def patch_propagation_policy(
        self, namespace: str, name: str, patch: PatchBody, patch_type: str = "merge"
    ) -> PropagationPolicy:
        """Patch a PropagationPolicy (merge/json). Raises KarmadaNotFound, Rejected."""
        return self.propagation_policies.patch(namespace, name, patch, patch_type)

    def delete_propagation_policy(self, namespace: str, name: str) -> None:
        """Delete a PropagationPolicy. Raises KarmadaNotFound when it is already gone."""
        self.propagation_policies.delete(namespace, name)

    def apply_propagation_policy(self, manifest: Manifest) -> PropagationPolicy:
        """Create or replace a PropagationPolicy. Raises KarmadaConflict, KarmadaRejected."""
        return self.propagation_policies.apply(manifest)

    def get_cluster_propagation_policy(self, name: str) -> PropagationPolicy:
        """Get a ClusterPropagationPolicy. Raises KarmadaNotFound."""
        return self.cluster_propagation_policies.get(None, name)

    def list_cluster_propagation_policies(
        self, **options: Unpack[ListOptions]
    ) -> Page[PropagationPolicy]:
        """One page of ClusterPropagationPolicies."""
        return self.cluster_propagation_policies.list(None, **options)

    def iter_cluster_propagation_policies(
        self, **options: Unpack[ListOptions]
    ) -> Iterator[PropagationPolicy]:
        """Every ClusterPropagationPolicy, all pages. Raises KarmadaGone if a token expires."""
        return self.cluster_propagation_policies.iterate(None, **options)

    def create_cluster_propagation_policy(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> PropagationPolicy:
        """Create a ClusterPropagationPolicy. Raises KarmadaConflict (exists), KarmadaRejected."""
        return self.cluster_propagation_policies.create(manifest, dry_run=dry_run)

    def update_cluster_propagation_policy(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> PropagationPolicy:
        """Replace a ClusterPropagationPolicy. Raises KarmadaConflict (stale resourceVersion)."""
        return self.cluster_propagation_policies.update(manifest, dry_run=dry_run)

    def update_cluster_propagation_policy_status(self, manifest: Manifest) -> PropagationPolicy:
        """Replace a ClusterPropagationPolicy's status. Raises KarmadaConflict, KarmadaNotFound."""
        return self.cluster_propagation_policies.update_status(manifest)

    def patch_cluster_propagation_policy(
        self, name: str, patch: PatchBody, patch_type: str = "merge"
    ) -> PropagationPolicy:
        """Patch a ClusterPropagationPolicy (merge/json). Raises KarmadaNotFound, Rejected."""
        return self.cluster_propagation_policies.patch(None, name, patch, patch_type)

    def delete_cluster_propagation_policy(self, name: str) -> None:
        """Delete a ClusterPropagationPolicy. Raises KarmadaNotFound when it is already gone."""
        self.cluster_propagation_policies.delete(None, name)

    def apply_cluster_propagation_policy(self, manifest: Manifest) -> PropagationPolicy:
        """Create or replace a ClusterPropagationPolicy. Raises KarmadaConflict, KarmadaRejected."""
        return self.cluster_propagation_policies.apply(manifest)

    def get_override_policy(self, namespace: str, name: str) -> OverridePolicy:
        """Get a OverridePolicy. Raises KarmadaNotFound."""
        return self.override_policies.get(namespace, name)

    def list_override_policies(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Page[OverridePolicy]:
        """One page of OverridePolicies (None: all namespaces)."""
        return self.override_policies.list(namespace, **options)

    def iter_override_policies(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Iterator[OverridePolicy]:
        """Every OverridePolicy, all pages. Raises KarmadaGone if a token expires."""
        return self.override_policies.iterate(namespace, **options)

    def create_override_policy(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> OverridePolicy:
        """Create a OverridePolicy. Raises KarmadaConflict (exists), KarmadaRejected."""
        return self.override_policies.create(manifest, dry_run=dry_run)

    def update_override_policy(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> OverridePolicy:
        """Replace a OverridePolicy. Raises KarmadaConflict (stale resourceVersion)."""
        return self.override_policies.update(manifest, dry_run=dry_run)

    def update_override_policy_status(self, manifest: Manifest) -> OverridePolicy:
        """Replace a OverridePolicy's status. Raises KarmadaConflict, KarmadaNotFound."""
        return self.override_policies.update_status(manifest)

    def patch_override_policy(
        self, namespace: str, name: str, patch: PatchBody, patch_type: str = "merge"
    ) -> OverridePolicy:
        """Patch a OverridePolicy (merge/json). Raises KarmadaNotFound, Rejected."""
        return self.override_policies.patch(namespace, name, patch, patch_type)

    def delete_override_policy(self, namespace: str, name: str) -> None:
        """Delete a OverridePolicy. Raises KarmadaNotFound when it is already gone."""
        self.override_policies.delete(namespace, name)

    def apply_override_policy(self, manifest: Manifest) -> OverridePolicy:
        """Create or replace a OverridePolicy. Raises KarmadaConflict, KarmadaRejected."""
        return self.override_policies.apply(manifest)

    def get_cluster_override_policy(self, name: str) -> OverridePolicy:
        """Get a ClusterOverridePolicy. Raises KarmadaNotFound."""
        return self.cluster_override_policies.get(None, name)

    def list_cluster_override_policies(
        self, **options: Unpack[ListOptions]
    ) -> Page[OverridePolicy]:
        """One page of ClusterOverridePolicies."""
        return self.cluster_override_policies.list(None, **options)

    def iter_cluster_override_policies(
        self, **options: Unpack[ListOptions]
    ) -> Iterator[OverridePolicy]:
        """Every ClusterOverridePolicy, all pages. Raises KarmadaGone if a token expires."""
        return self.cluster_override_policies.iterate(None, **options)

    def create_cluster_override_policy(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> OverridePolicy:
        """Create a ClusterOverridePolicy. Raises KarmadaConflict (exists), KarmadaRejected."""
        return self.cluster_override_policies.create(manifest, dry_run=dry_run)

    def update_cluster_override_policy(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> OverridePolicy:
        """Replace a ClusterOverridePolicy. Raises KarmadaConflict (stale resourceVersion)."""
        return self.cluster_override_policies.update(manifest, dry_run=dry_run)

    def update_cluster_override_policy_status(self, manifest: Manifest) -> OverridePolicy:
        """Replace a ClusterOverridePolicy's status. Raises KarmadaConflict, KarmadaNotFound."""
        return self.cluster_override_policies.update_status(manifest)

    def patch_cluster_override_policy(
        self, name: str, patch: PatchBody, patch_type: str = "merge"
    ) -> OverridePolicy:
        """Patch a ClusterOverridePolicy (merge/json). Raises KarmadaNotFound, Rejected."""
        return self.cluster_override_policies.patch(None, name, patch, patch_type)

    def delete_cluster_override_policy(self, name: str) -> None:
        """Delete a ClusterOverridePolicy. Raises KarmadaNotFound when it is already gone."""
        self.cluster_override_policies.delete(None, name)

    def apply_cluster_override_policy(self, manifest: Manifest) -> OverridePolicy:
        """Create or replace a ClusterOverridePolicy. Raises KarmadaConflict, KarmadaRejected."""
        return self.cluster_override_policies.apply(manifest)
