"""In a real browser: the editor form keeps what the user is doing while answers arrive."""

import pytest
from playwright.sync_api import expect

from clusters import services
from clusters.karmada import client_for
from tests.e2e.conftest import in_backend
from tests.e2e.test_deploy_flow_browser import SHOTS, apply_and_wait, change, yaml_says
from tests.e2e.test_workloads_browser import register

pytestmark = pytest.mark.e2e


def test_unfolded_more_options_stays_unfolded_across_refreshes(login, alice, sandbox, tenant_a):
    instance = in_backend(register, sandbox.kubeconfig(), tenant_a)
    page = login(alice)
    page.goto(f"/policies/new/?instance={instance.pk}&kind=OverridePolicy&namespace=shop")
    page.get_by_role("button", name="+ Add rule").click()
    more = page.locator('[data-row="spec.overrideRules[0]"] details[data-more]').first
    expect(more).not_to_have_attribute("open", "")
    more.locator("summary").click()
    expect(more).to_have_attribute("open", "")

    # Another input's change swaps the whole form in again; the empty fold stays open.
    change(page, "metadata.name", "folds")
    yaml_says(page, r"name: folds")
    expect(more).to_have_attribute("open", "")
    expect(page.get_by_role("button", name="+ Add field expression").first).to_be_visible()


def test_an_operator_places_a_storage_class_with_a_cluster_policy(
    login, olga, sandbox, tenant_a, background
):
    instance = in_backend(register, sandbox.kubeconfig(), tenant_a)
    in_backend(services.check_instance_health, instance.pk)
    page = login(olga)
    page.goto(f"/workloads/new/?instance={instance.pk}&kind=StorageClass&name=fast-ssd")
    expect(page.locator('[name="metadata.namespace"]')).to_have_count(0)
    change(page, "provisioner", "ebs.csi.aws.com")
    yaml_says(page, r"provisioner: ebs.csi.aws.com")
    apply_and_wait(page, "10-storage-class-applied")
    page.locator("[data-target-link]").click(timeout=15_000)

    # Propagating a cluster-scoped template opens a ClusterPropagationPolicy for it.
    page.locator('[data-action="propagate"]').click()
    expect(page.locator('[name="spec.resourceSelectors[0].kind"]')).to_have_value("StorageClass")
    change(page, "metadata.name", "fast-ssd")
    page.locator(
        '[name="spec.placement.clusterAffinity.clusterNames"][value="aws-us-east"]'
    ).check()
    preview = page.locator("#editor-preview")
    # A StorageClass has no replicas to share out.
    expect(preview.locator('[data-cluster="aws-us-east"] [data-replicas]')).to_have_text("—")
    expect(preview.locator('[data-cluster="gcp-us-central"]')).to_have_count(0)
    expect(preview.locator("[data-claim]")).to_contain_text("claimed by this policy")
    page.screenshot(path=SHOTS.format("11-cluster-policy-preview"), full_page=True)
    apply_and_wait(page, "12-cluster-policy-applied")

    # The StorageClass reaches the chosen cluster, shown live on its page.
    page.goto("/workloads/?kind=StorageClass")
    page.locator('[data-workload="/fast-ssd"] a').first.click()
    applied = page.locator('[data-placement="aws-us-east"]')
    expect(applied).to_have_count(1, timeout=30_000)
    page.screenshot(path=SHOTS.format("13-storage-class-placed"), full_page=True)


def scale_behind_the_consoles_back(instance, replicas: int) -> None:
    with client_for(instance) as client:
        patch = {"spec": {"replicas": replicas}}
        client.patch_resource("apps/v1", "Deployment", "shop", "cart", patch)


def test_an_edit_page_says_when_the_object_changes_under_it(
    login, alice, sandbox, tenant_a, background
):
    instance = in_backend(register, sandbox.kubeconfig(), tenant_a)
    page = login(alice)
    page.goto("/workloads/?kind=Deployment&q=cart")
    page.locator('[data-workload="shop/cart"] a').first.click(timeout=30_000)
    page.locator('[data-action="edit"]').click()
    banner = page.locator("#editor-changed")
    expect(page.locator("#live-state")).to_have_attribute("data-state", "live")
    expect(banner).to_be_hidden()
    in_backend(scale_behind_the_consoles_back, instance, 5)
    expect(banner).to_be_visible(timeout=15_000)
    page.screenshot(path=SHOTS.format("14-changed-under-the-editor"), full_page=True)
