"""FederatedResourceQuota and operator `Karmada` instance verbs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Unpack

from karmada_gateway.core import ClientCore
from karmada_gateway.models import FederatedResourceQuota, KarmadaInstance, Page
from karmada_gateway.resources import ListOptions, Manifest, PatchBody


class OtherMethods(ClientCore):
    """Typed `<verb>_<kind>` methods for:
    FederatedResourceQuota, Karmada.
    """

    def get_federated_resource_quota(self, namespace: str, name: str) -> FederatedResourceQuota:
        """Get a FederatedResourceQuota. Raises KarmadaNotFound."""
        return self.federated_resource_quotas.get(namespace, name)

    def list_federated_resource_quotas(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Page[FederatedResourceQuota]:
        """One page of FederatedResourceQuotas (None: all namespaces)."""
        return self.federated_resource_quotas.list(namespace, **options)

    def iter_federated_resource_quotas(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Iterator[FederatedResourceQuota]:
        """Every FederatedResourceQuota, all pages. Raises KarmadaGone if a token expires."""
        return self.federated_resource_quotas.iterate(namespace, **options)

    def create_federated_resource_quota(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> FederatedResourceQuota:
        """Create a FederatedResourceQuota. Raises KarmadaConflict (exists), KarmadaRejected."""
        return self.federated_resource_quotas.create(manifest, dry_run=dry_run)

    def update_federated_resource_quota(
        self, manifest: Manifest, *, dry_run: bool = False
    ) -> FederatedResourceQuota:
        """Replace a FederatedResourceQuota. Raises KarmadaConflict (stale resourceVersion)."""
        return self.federated_resource_quotas.update(manifest, dry_run=dry_run)

    def update_federated_resource_quota_status(self, manifest: Manifest) -> FederatedResourceQuota:
        """Replace a FederatedResourceQuota's status. Raises KarmadaConflict, KarmadaNotFound."""
        return self.federated_resource_quotas.update_status(manifest)

    def patch_federated_resource_quota(
        self, namespace: str, name: str, patch: PatchBody, patch_type: str = "merge"
    ) -> FederatedResourceQuota:
        """Patch a FederatedResourceQuota (merge/json). Raises KarmadaNotFound, Rejected."""
        return self.federated_resource_quotas.patch(namespace, name, patch, patch_type)

    def delete_federated_resource_quota(self, namespace: str, name: str) -> None:
        """Delete a FederatedResourceQuota. Raises KarmadaNotFound when it is already gone."""
        self.federated_resource_quotas.delete(namespace, name)

    def apply_federated_resource_quota(self, manifest: Manifest) -> FederatedResourceQuota:
        """Create or replace a FederatedResourceQuota. Raises KarmadaConflict, KarmadaRejected."""
        return self.federated_resource_quotas.apply(manifest)

    def get_karmada(self, namespace: str, name: str) -> KarmadaInstance:
        """Get a Karmada. Raises KarmadaNotFound."""
        return self.karmadas.get(namespace, name)

    def list_karmadas(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Page[KarmadaInstance]:
        """One page of Karmadas (None: all namespaces)."""
        return self.karmadas.list(namespace, **options)

    def iter_karmadas(
        self, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Iterator[KarmadaInstance]:
        """Every Karmada, all pages. Raises KarmadaGone if a token expires."""
        return self.karmadas.iterate(namespace, **options)

    def create_karmada(self, manifest: Manifest, *, dry_run: bool = False) -> KarmadaInstance:
        """Create a Karmada. Raises KarmadaConflict (exists), KarmadaRejected."""
        return self.karmadas.create(manifest, dry_run=dry_run)

    def update_karmada(self, manifest: Manifest, *, dry_run: bool = False) -> KarmadaInstance:
        """Replace a Karmada. Raises KarmadaConflict (stale resourceVersion)."""
        return self.karmadas.update(manifest, dry_run=dry_run)

    def update_karmada_status(self, manifest: Manifest) -> KarmadaInstance:
        """Replace a Karmada's status. Raises KarmadaConflict, KarmadaNotFound."""
        return self.karmadas.update_status(manifest)

    def patch_karmada(
        self, namespace: str, name: str, patch: PatchBody, patch_type: str = "merge"
    ) -> KarmadaInstance:
        """Patch a Karmada (merge/json). Raises KarmadaNotFound, Rejected."""
        return self.karmadas.patch(namespace, name, patch, patch_type)

    def delete_karmada(self, namespace: str, name: str) -> None:
        """Delete a Karmada. Raises KarmadaNotFound when it is already gone."""
        self.karmadas.delete(namespace, name)

    def apply_karmada(self, manifest: Manifest) -> KarmadaInstance:
        """Create or replace a Karmada. Raises KarmadaConflict, KarmadaRejected."""
        return self.karmadas.apply(manifest)
