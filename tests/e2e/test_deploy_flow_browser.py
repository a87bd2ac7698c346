"""In a real browser, the flow issue #4 names: create a Deployment, propagate it Divided /
Weighted, override its image per region, check the preview, apply, watch the replicas become
ready per cluster, then edit the weights and see the preview and the rollout change."""

import re

import pytest
from playwright.sync_api import Page, expect

from clusters import services
from tests.e2e.conftest import in_backend
from tests.e2e.test_workloads_browser import register

pytestmark = pytest.mark.e2e
SHOTS = "var/e2e-deploy-{}.png"


@pytest.fixture
def shop_instance(browser, sandbox, tenant_a):
    instance = in_backend(register, sandbox.kubeconfig(), tenant_a)
    # Writes wait for a healthy instance; beat's health check would get there within a minute.
    in_backend(services.check_instance_health, instance.pk)
    return instance


def change(page: Page, name: str, value: str) -> None:
    """Type into an editor input and leave it, as a user does (htmx posts on change)."""
    field = page.locator(f'[name="{name}"]')
    field.fill(value)
    field.dispatch_event("change")


def yaml_says(page: Page, pattern: str) -> None:
    expect(page.locator("#editor-yaml-text")).to_have_value(re.compile(pattern), timeout=10_000)


def apply_and_wait(page: Page, shot: str) -> None:
    page.locator('button[name="_action"]').click()
    page.wait_for_url(re.compile(r"/operations/\d+/"), timeout=10_000)
    status = page.locator("[data-operation-state]")
    expect(status).to_have_attribute("data-operation-state", "succeeded", timeout=30_000)
    page.screenshot(path=SHOTS.format(shot), full_page=True)


def weight_row(page: Page, index: int, cluster: str, weight: str) -> None:
    row = f"spec.placement.replicaScheduling.weightPreference.staticWeightList[{index}]"
    change(page, f"{row}.weight", weight)
    page.locator(f'[name="{row}.targetCluster.clusterNames"][value="{cluster}"]').check()
    yaml_says(page, rf"- {cluster}[\s\S]*weight: {weight}|weight: {weight}[\s\S]*- {cluster}")


def test_deploy_propagate_override_and_reweigh(login, alice, shop_instance, background):
    page = login(alice)
    page.goto("/workloads/")
    page.locator('[data-action="new"]').click()
    page.select_option("#choose-instance", str(shop_instance.pk))
    page.select_option("#choose-kind", "Deployment")
    page.fill("#choose-name", "web")
    page.fill("#choose-namespace", "shop")
    page.get_by_role("button", name="Open the editor").click()

    # 1. The Deployment, through the guided form.
    expect(page.locator('[name="metadata.name"]')).to_have_value("web")
    change(page, "spec.replicas", "4")
    change(page, "spec.template.spec.containers[0].image", "registry.example.com/shop/web:1.0")
    yaml_says(page, r"replicas: 4")
    yaml_says(page, r"image: registry.example.com/shop/web:1.0")
    expect(page.locator("[data-problem-count]")).to_have_attribute("data-problem-count", "0")
    page.screenshot(path=SHOTS.format("1-deployment"), full_page=True)
    apply_and_wait(page, "2-deployment-applied")
    page.locator("[data-target-link]").click(timeout=15_000)
    state = page.locator('[id$="-status"] [data-state]').first
    expect(state).to_have_attribute("data-state", "unclaimed")

    # 2. A Divided / Weighted propagation policy, 3:1 over two clusters.
    page.locator('[data-action="propagate"]').click()
    change(page, "metadata.name", "web")
    page.select_option('[name="spec.placement.replicaScheduling.replicaSchedulingType"]', "Divided")
    page.select_option(
        '[name="spec.placement.replicaScheduling.replicaDivisionPreference"]', "Weighted"
    )
    yaml_says(page, "replicaDivisionPreference: Weighted")
    for index, (cluster, weight) in enumerate([("aws-us-east", "3"), ("gcp-us-central", "1")]):
        page.get_by_role("button", name="+ Add weight").click()
        weight_row(page, index, cluster, weight)
    preview = page.locator("#editor-preview")
    expect(preview.locator('[data-cluster="aws-us-east"] [data-replicas]')).to_have_text("3")
    expect(preview.locator('[data-cluster="gcp-us-central"] [data-replicas]')).to_have_text("1")
    expect(preview.locator("[data-claim]")).to_contain_text("claimed by this policy")
    page.screenshot(path=SHOTS.format("3-policy-preview"), full_page=True)
    apply_and_wait(page, "4-policy-applied")

    # 3. A per-region image override, previewed as a diff for the cluster it changes.
    page.goto("/workloads/?q=web")
    page.locator('[data-workload="shop/web"] a').first.click()
    page.locator('[data-action="override"]').click()
    change(page, "metadata.name", "web-us-east-mirror")
    page.get_by_role("button", name="+ Add rule").click()
    rule = "spec.overrideRules[0]"
    page.locator(f'[data-row="{rule}"] summary', has_text="More options").first.click()
    page.get_by_role("button", name="+ Add field expression").first.click()
    expression = f"{rule}.targetCluster.fieldSelector.matchExpressions[0]"
    page.select_option(f'[name="{expression}.key"]', "region")
    page.select_option(f'[name="{expression}.operator"]', "In")
    change(page, f"{expression}.values", "us-east-1")
    page.get_by_role("button", name="+ Add image change").first.click()
    image = f"{rule}.overriders.imageOverrider[0]"
    page.select_option(f'[name="{image}.component"]', "Registry")
    page.select_option(f'[name="{image}.operator"]', "replace")
    change(page, f"{image}.value", "mirror.us.example.com")
    yaml_says(page, "value: mirror.us.example.com")
    change_block = page.locator('[data-change="shop/web@aws-us-east"]')
    expect(change_block).to_contain_text("+        image: mirror.us.example.com/shop/web:1.0")
    expect(page.locator('[data-change="shop/web@gcp-us-central"]')).to_have_count(0)
    page.screenshot(path=SHOTS.format("5-override-preview"), full_page=True)
    apply_and_wait(page, "6-override-applied")

    # 4. The workload page fills in per cluster, live.
    page.goto("/workloads/?q=web")
    page.locator('[data-workload="shop/web"] a').first.click()
    east = page.locator('[data-placement="aws-us-east"]')
    expect(east.locator("[data-ready]")).to_have_text("3", timeout=30_000)
    expect(page.locator('[data-placement="gcp-us-central"] [data-ready]')).to_have_text("1")
    expect(page.locator("[data-ready-total]")).to_have_text("4 / 4")
    workload_url = page.url
    page.screenshot(path=SHOTS.format("7-ready"), full_page=True)

    # 5. Reweigh 1:1: the preview shows the change, then the rollout follows.
    page.locator('[data-action="edit-policy"]').click()
    row = "spec.placement.replicaScheduling.weightPreference.staticWeightList[0]"
    change(page, f"{row}.weight", "1")
    east_preview = page.locator('#editor-preview [data-cluster="aws-us-east"]')
    expect(east_preview.locator("[data-replicas]")).to_have_text("2")
    expect(east_preview).to_contain_text("3 → 2")
    page.screenshot(path=SHOTS.format("8-reweigh-preview"), full_page=True)
    apply_and_wait(page, "9-reweigh-applied")
    page.goto(workload_url)
    expect(east.locator("[data-ready]")).to_have_text("2", timeout=30_000)
    expect(page.locator('[data-placement="gcp-us-central"] [data-ready]')).to_have_text(
        "2", timeout=30_000
    )
