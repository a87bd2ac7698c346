"""A real ASGI server (daphne) on the test database, and Debian's Chromium driven by Playwright."""

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from kairship_ui.bench.processes import AsgiServer, Background
from karmada_sandbox.server import SandboxServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def asgi_server(transactional_db):
    server = AsgiServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def background(asgi_server):
    """A Celery worker on the real broker and the sync process, beside the web server."""
    processes = Background()
    yield processes
    processes.stop()


@pytest.fixture
def sandbox():
    """A demo sandbox Karmada (served over HTTP; the gateway needs no TLS)."""
    with SandboxServer(seed="demo", name="e2e") as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module (its event loop must be gone before async tests run)."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip(f"{CHROMIUM} is not installed (make install installs it when run as root)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the tests' own ORM calls are
    # still synchronous, so tell Django not to refuse them (only while the browser is open:
    # the variable must not leak into later tests or the processes they start).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def login(browser, asgi_server):
    """Open a fresh browser context logged in as `user` (password from tests.factories)."""
    contexts = []

    def as_user(user, password="secret-pass-123"):
        context = browser.new_context(base_url=asgi_server.url)
        contexts.append(context)
        page = context.new_page()
        page.goto("/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{asgi_server.url}/")
        return page

    yield as_user
    for context in contexts:
        context.close()


def in_backend(fn, *args, **kwargs):
    """Run `fn` on another thread, as a worker would (Playwright's loop owns this thread)."""

    def call():
        try:
            return fn(*args, **kwargs)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result(timeout=30)
