"""In a real browser: drain a cluster from its page and watch its workloads move elsewhere."""

import pytest
import yaml
from playwright.sync_api import expect

from clusters.models import Health, KarmadaInstance, MemberCluster
from tests.e2e.conftest import in_backend

pytestmark = pytest.mark.e2e


def register(kubeconfig: dict) -> KarmadaInstance:
    instance = KarmadaInstance(name="e2e-failover", is_sandbox=True, health=Health.HEALTHY)
    instance.set_kubeconfig(yaml.safe_dump(kubeconfig))
    instance.save()
    return instance


@pytest.fixture
def instance(browser, sandbox, olga):
    return in_backend(register, sandbox.kubeconfig())


def test_drain_moves_the_placed_workloads_live(login, olga, instance, background):
    workloads = login(olga)
    workloads.goto("/workloads/?kind=Deployment&namespace=shop")
    storefront = workloads.locator('[data-workload="shop/storefront"]')
    drained = storefront.locator('[data-placement="gcp-us-central"]')
    expect(drained).to_be_visible(timeout=30_000)  # the sync process mirrored the sandbox
    workloads.evaluate("window.__notReloaded = true")

    cluster = in_backend(
        lambda: MemberCluster.objects.get(instance=instance, name="gcp-us-central")
    )
    steering = workloads.context.new_page()
    steering.goto(f"/clusters/{cluster.pk}/")
    steering.get_by_role("link", name="Drain…").click()
    # The confirmation lists what will move before anything changes.
    expect(
        steering.locator('#cluster-workloads [data-placement="shop/storefront-deployment"]')
    ).to_be_visible()
    steering.get_by_role("button", name="Drain gcp-us-central").click()
    expect(
        steering.locator('[data-taint="cluster.karmada.io/unschedulable:NoExecute"]')
    ).to_be_visible(timeout=20_000)

    # Karmada evicts storefront from the drained cluster and reschedules its replicas.
    expect(drained).to_have_count(0, timeout=30_000)
    expect(storefront.locator("[data-ready-total]")).to_have_text("6 / 6", timeout=30_000)
    assert workloads.evaluate("window.__notReloaded") is True
    workloads.screenshot(path="var/e2e-failover.png", full_page=True)
