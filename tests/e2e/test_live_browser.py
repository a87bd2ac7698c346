"""In a real browser: backend changes appear without reload; strangers' sockets get nothing."""

import pytest
from playwright.sync_api import expect

from kairship_ui import live
from tenants import services
from tests.e2e.conftest import in_backend
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

SOCKET_PROBE = """async ([path]) => new Promise((resolve) => {
  const ws = new WebSocket(`ws://${location.host}${path}`);
  const received = [];
  ws.onmessage = (event) => received.push(event.data);
  ws.onclose = (event) => resolve({code: event.code, received});
  setTimeout(() => resolve({code: null, received}), 3000);
})"""


def test_backend_change_appears_without_reload(login, bob, olga, tenant_a):
    page = login(bob)
    page.goto(f"/tenants/{tenant_a.pk}/")
    expect(page.locator("#live-state")).to_have_text("Live", timeout=10_000)
    page.evaluate("window.__notReloaded = true")
    UserFactory(username="erin")
    in_backend(services.add_member, actor=olga, tenant=tenant_a, username="erin", role="viewer")
    expect(page.locator('[data-member="erin"]')).to_be_visible(timeout=5_000)
    assert page.evaluate("window.__notReloaded") is True


def test_unauthorised_socket_is_closed_and_receives_nothing(login, carol, olga, tenant_a):
    page = login(carol)
    path = f"/ws/live/?topic={live.object_group('tenant', tenant_a.pk)}"
    result = page.evaluate(SOCKET_PROBE, [path])
    assert result["code"] == 4403 and result["received"] == []


def test_anonymous_socket_is_closed(browser, asgi_server, tenant_a):
    context = browser.new_context(base_url=asgi_server.url)
    page = context.new_page()
    page.goto("/login/")
    path = f"/ws/live/?topic={live.object_group('tenant', tenant_a.pk)}"
    assert page.evaluate(SOCKET_PROBE, [path])["code"] == 4403
    context.close()


def test_page_reconnects_after_server_restart(login, asgi_server, bob, olga, tenant_a):
    page = login(bob)
    page.goto(f"/tenants/{tenant_a.pk}/")
    expect(page.locator("#live-state")).to_have_text("Live", timeout=10_000)
    asgi_server.stop()
    expect(page.locator("#live-state")).to_have_text("Reconnecting…", timeout=10_000)
    asgi_server.start()
    expect(page.locator("#live-state")).to_have_text("Live", timeout=30_000)
    UserFactory(username="frank")
    in_backend(services.add_member, actor=olga, tenant=tenant_a, username="frank", role="viewer")
    expect(page.locator('[data-member="frank"]')).to_be_visible(timeout=5_000)
