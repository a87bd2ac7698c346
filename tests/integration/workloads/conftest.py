"""The demo sandbox mirrored into the inventory, with shop owned by tenant A, payments by B."""

import pytest

from clusters import services
from tests.factories import TenantNamespaceFactory
from tests.integration.clusters.conftest import (  # noqa: F401
    instance,
    kubeconfig_text,
    register,
    sandbox,
)


@pytest.fixture
def demo(register, kubeconfig_text, tenant_a, tenant_b):  # noqa: F811
    """An instance on the demo sandbox, its namespaces owned by tenants, fully mirrored."""
    registered = register(kubeconfig_text, is_sandbox=True)
    TenantNamespaceFactory(tenant=tenant_a, instance=registered, namespace="shop")
    TenantNamespaceFactory(tenant=tenant_b, instance=registered, namespace="payments")
    services.resync_instance(registered.pk)
    return registered
