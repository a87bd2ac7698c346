"""In a real browser: the editor form keeps what the user is doing while answers arrive."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import in_backend
from tests.e2e.test_deploy_flow_browser import change, yaml_says
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
