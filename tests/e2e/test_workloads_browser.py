"""In a real browser: the workload list mirrors the sandbox and follows a rollout live."""

import re

import pytest
import yaml
from playwright.sync_api import expect

from clusters.models import KarmadaInstance
from karmada_gateway import KarmadaClient
from tests.e2e.conftest import in_backend
from tests.factories import TenantNamespaceFactory

pytestmark = pytest.mark.e2e


def register(kubeconfig: dict, tenant) -> KarmadaInstance:
    """The sandbox registered as an instance whose shop namespace belongs to `tenant`."""
    instance = KarmadaInstance(name="e2e-workloads", is_sandbox=True)
    instance.set_kubeconfig(yaml.safe_dump(kubeconfig))
    instance.save()
    TenantNamespaceFactory(tenant=tenant, instance=instance, namespace="shop")
    return instance


@pytest.fixture
def shop_instance(browser, sandbox, tenant_a):
    # Playwright's loop owns this thread, and saving publishes live updates: run it elsewhere.
    return in_backend(register, sandbox.kubeconfig(), tenant_a)


def test_per_cluster_ready_replicas_rise_live(login, bob, sandbox, shop_instance, background):
    page = login(bob)
    page.goto("/workloads/?kind=Deployment")
    cart = page.locator('[data-workload="shop/cart"]')
    # The sync process relists the new instance and the list refreshes itself.
    expect(cart.locator('[data-placement="aws-us-east"]')).to_have_text(
        "aws-us-east 2/2", timeout=30_000
    )
    expect(page.locator('[data-workload="payments/payments-api"]')).to_have_count(0)
    page.evaluate("window.__notReloaded = true")

    with KarmadaClient.from_kubeconfig(sandbox.kubeconfig()) as client:
        client.patch_resource(
            "apps/v1", "Deployment", "shop", "cart", {"spec": {"replicas": 5}}, patch_type="merge"
        )
    placement = cart.locator('[data-placement="gcp-us-central"]')
    expect(placement).to_have_text(re.compile(r"gcp-us-central [0-4]/5"), timeout=10_000)
    expect(placement).to_have_text("gcp-us-central 5/5", timeout=15_000)
    expect(cart.locator("[data-ready-total]")).to_have_text("10 / 10", timeout=5_000)
    assert page.evaluate("window.__notReloaded") is True
    page.screenshot(path="var/e2e-workloads.png", full_page=True)
