"""In a real browser: join a member cluster in Push mode and watch it become ready, and watch
the topology page turn a cluster unhealthy live."""

import pytest
import yaml
from playwright.sync_api import expect

from karmada_gateway import KarmadaClient
from karmada_sandbox.server import SandboxServer
from tests.e2e.test_clusters_browser import register

pytestmark = pytest.mark.e2e


@pytest.fixture
def member_api():
    """An API server standing in for the member cluster the operator uploads a kubeconfig of."""
    with SandboxServer(seed="empty", name="edge") as server:
        yield server


def test_push_join_shows_the_new_cluster_ready(login, olga, sandbox, member_api, background):
    page = login(olga)
    register(page, sandbox)
    page.get_by_role("link", name="Join a cluster (Push)").click()
    page.fill("#id_name", "edge-e2e")
    page.fill("#id_kubeconfig", yaml.safe_dump(member_api.kubeconfig()))
    expect(page.locator("#id_context")).to_have_value("edge")  # the picker filled in by htmx
    page.fill("#id_provider", "hetzner")
    page.fill("#id_region", "eu-central")
    page.fill("#id_zones", "fsn1")
    page.get_by_role("button", name="Join cluster").click()
    expect(page.get_by_text("Joining edge-e2e")).to_be_visible()
    row = page.locator("tr", has_text="edge-e2e")
    expect(row).to_contain_text("Ready", timeout=30_000)
    expect(row).to_contain_text("hetzner")
    page.screenshot(path="var/e2e-push-join.png", full_page=True)


def test_bad_member_kubeconfig_is_shown_at_the_field(login, olga, sandbox, background):
    page = login(olga)
    register(page, sandbox)
    page.get_by_role("link", name="Join a cluster (Push)").click()
    page.fill("#id_name", "edge-bad")
    page.fill("#id_kubeconfig", "this is: [not a kubeconfig")
    page.get_by_role("button", name="Join cluster").click()
    expect(page.locator("#id_kubeconfig ~ .invalid-feedback")).to_be_visible()


def test_topology_turns_a_cluster_unhealthy_live(login, olga, sandbox, background):
    page = login(olga)
    register(page, sandbox)
    page.goto("/topology/")
    tile = page.locator('[data-cluster="aws-eu-west"]')
    expect(tile).to_have_attribute("data-health", "ready", timeout=20_000)
    with KarmadaClient.from_kubeconfig(sandbox.kubeconfig()) as client:
        client.sandbox_fault("aws-eu-west", {"reachable": False})
    expect(page.locator('[data-cluster="aws-eu-west"]')).to_have_attribute(
        "data-health", "not-ready", timeout=20_000
    )
    page.screenshot(path="var/e2e-topology.png", full_page=True)


def test_pull_registration_shows_the_command_then_the_cluster(login, olga, sandbox, background):
    page = login(olga)
    register(page, sandbox)
    page.get_by_role("link", name="Register a cluster (Pull)").click()
    page.fill("#id_cluster_name", "branch-e2e")
    page.get_by_role("button", name="Create token").click()
    command = page.locator("#register-command")
    expect(command).to_contain_text("karmadactl register", timeout=20_000)
    expect(command).to_contain_text("--cluster-name branch-e2e")
    expect(page.locator("#registered-cluster")).to_contain_text("Waiting for branch-e2e")
    # What karmada-agent does once `karmadactl register` ran on the member.
    with KarmadaClient.from_kubeconfig(sandbox.kubeconfig()) as client:
        client.create_cluster({"metadata": {"name": "branch-e2e"}, "spec": {"syncMode": "Pull"}})
    expect(page.locator("#registered-cluster")).to_contain_text("Pull mode", timeout=20_000)
    page.screenshot(path="var/e2e-pull-register.png", full_page=True)
