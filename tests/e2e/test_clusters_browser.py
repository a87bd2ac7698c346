"""In a real browser: register an instance from the sandbox's kubeconfig, see its clusters,
cordon one, and watch a cluster turn unhealthy live."""

import pytest
import yaml
from playwright.sync_api import expect

from karmada_gateway import KarmadaClient

pytestmark = pytest.mark.e2e


def register(page, sandbox):
    page.goto("/instances/new/")
    page.fill("#id_name", "e2e")
    page.fill("#id_kubeconfig", yaml.safe_dump(sandbox.kubeconfig()))
    expect(page.locator("#id_context")).to_have_value("e2e")  # the picker filled in by htmx
    page.get_by_role("button", name="Register and verify").click()
    expect(page.locator(".pill-healthy")).to_be_visible(timeout=20_000)


def test_register_cordon_and_failure_show_live(login, olga, sandbox, background):
    page = login(olga)
    register(page, sandbox)
    expect(page.get_by_text("Connected to Karmada")).to_be_visible()

    page.goto("/clusters/")
    row = page.locator("tr", has_text="aws-eu-west")
    expect(row).to_contain_text("Ready", timeout=20_000)
    page.screenshot(path="var/e2e-clusters.png", full_page=True)

    row.get_by_role("link", name="aws-eu-west").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cordon", exact=True).click()
    expect(
        page.locator('[data-taint="cluster.karmada.io/unschedulable:NoSchedule"]')
    ).to_be_visible(timeout=20_000)

    with KarmadaClient.from_kubeconfig(sandbox.kubeconfig()) as client:
        client.sandbox_fault("aws-eu-west", {"reachable": False})
    expect(page.locator("[data-cluster-state]")).to_have_attribute(
        "data-cluster-state", "not-ready", timeout=10_000
    )
    page.screenshot(path="var/e2e-cluster-detail.png", full_page=True)


def test_bad_kubeconfig_is_shown_at_the_field(login, olga, asgi_server):
    page = login(olga)
    page.goto("/instances/new/")
    page.fill("#id_name", "broken")
    page.fill("#id_kubeconfig", "this is: [not a kubeconfig")
    page.get_by_role("button", name="Register and verify").click()
    expect(page.locator("#id_kubeconfig ~ .invalid-feedback")).to_be_visible()
