"""Live latency end to end: a change in Karmada until the open page's DOM shows it.

A demo sandbox, the console's web and sync processes, and Chromium showing a cluster page;
each round flips the cluster's reachability in the sandbox and times the page's state badge.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model

from clusters import services, tasks
from clusters.models import ClusterState, MemberCluster
from karmada_gateway import KarmadaClient
from karmada_sandbox.server import SandboxServer

from .processes import AsgiServer, Background
from .report import line, percentile

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "bench-pass-123"


def _register(sandbox: SandboxServer):
    operator = get_user_model().objects.create_superuser("bench-live-page", password=PASSWORD)
    instance = services.register_instance(
        actor=operator,
        name="bench-live",
        kubeconfig_text=yaml.safe_dump(sandbox.kubeconfig()),
        is_sandbox=True,
    )
    tasks.verify_instance(operation_id=instance.operations.get().pk)
    services.resync_instance(instance.pk)
    cluster = MemberCluster.objects.filter(instance=instance, state=ClusterState.READY).first()
    return operator, cluster


def _rounds(page, client: KarmadaClient, cluster_name: str, rounds: int) -> list[float]:
    samples = []
    for i in range(rounds):
        fault, want = (
            ({"reachable": False}, "not-ready") if i % 2 == 0 else ({"ready": True}, "ready")
        )
        start = time.perf_counter()
        client.sandbox_fault(cluster_name, fault)
        # Query afresh each time: a live update swaps the whole fragment, badge included.
        page.wait_for_function(
            "want => document.querySelector('[data-cluster-state]')?.dataset.clusterState === want",
            arg=want,
            timeout=10_000,
        )
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def run(rounds: int = 20) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        yield line("live.karmada_to_page", skipped=f"{CHROMIUM}-missing")
        return
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop shares this thread
    with SandboxServer(seed="demo", name="bench") as sandbox:
        operator, cluster = _register(sandbox)
        web, background = AsgiServer(), None
        web.start()
        background = Background("sync")
        try:
            with (
                sync_playwright() as playwright,
                KarmadaClient.from_kubeconfig(sandbox.kubeconfig()) as client,
            ):
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(base_url=web.url)
                page.goto("/login/")
                page.fill("input[name=username]", operator.username)
                page.fill("input[name=password]", PASSWORD)
                page.get_by_role("button", name="Log in").click()
                page.wait_for_url(f"{web.url}/")
                page.goto(f"/clusters/{cluster.pk}/")
                page.wait_for_selector("#live-state[data-state=live]")
                time.sleep(2)  # let the sync process take its lease and start watching
                samples = _rounds(page, client, cluster.name, rounds)
                browser.close()
        finally:
            background.stop()
            web.stop()
    yield line(
        "live.karmada_to_page",
        rounds=rounds,
        p50_ms=percentile(samples, 50),
        p95_ms=percentile(samples, 95),
    )
