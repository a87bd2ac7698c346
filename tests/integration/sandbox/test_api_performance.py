"""Scale budgets: 10,000-object lists under 1 s and a fleet-sized store well under 1 GB."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator

import pytest
import requests

from karmada_sandbox.registry import member_registry
from karmada_sandbox.server import SandboxServer
from karmada_sandbox.store import ObjectStore

TEMPLATES = 10_000
MEMBERS = 100


def _deployment(index: int) -> dict:
    name = f"app-{index}"
    return {
        "metadata": {
            "name": name,
            "namespace": "default",
            "labels": {"app": name, "team": f"team-{index % 10}"},
        },
        "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "main", "image": "nginx:1.27"}]},
            },
        },
        "status": {"replicas": 3, "readyReplicas": 3, "availableReplicas": 3},
    }


def _binding(index: int) -> dict:
    return {
        "metadata": {"name": f"app-{index}-deployment", "namespace": "default"},
        "spec": {
            "resource": {"apiVersion": "apps/v1", "kind": "Deployment", "name": f"app-{index}"},
            "replicas": 3,
            "clusters": [{"name": f"member-{index % MEMBERS}", "replicas": 3}],
        },
    }


def _work(index: int) -> dict:
    return {
        "metadata": {
            "name": f"app-{index}-work",
            "namespace": f"karmada-es-member-{index % MEMBERS}",
        },
        "spec": {"workload": {"manifests": [_deployment(index)]}},
    }


@pytest.fixture(scope="module")
def loaded() -> Iterator[SandboxServer]:
    """A sandbox holding 10,000 templates, bindings and works plus 100 member stores."""
    server = SandboxServer()
    if server.world is not None:
        server.world.stop()
    store, registry = server.control_plane, server.control_plane.registry
    kinds = [
        (registry.by_kind("apps/v1", "Deployment"), _deployment),
        (registry.by_kind("work.karmada.io/v1alpha2", "ResourceBinding"), _binding),
        (registry.by_kind("work.karmada.io/v1alpha1", "Work"), _work),
    ]
    for rtype, build in kinds:
        for index in range(TEMPLATES):
            store.create(rtype, build(index))
    members = [ObjectStore(member_registry()) for _ in range(MEMBERS)]
    deployments = members[0].registry.by_kind("apps/v1", "Deployment")
    for index in range(TEMPLATES):
        members[index % MEMBERS].create(deployments, _deployment(index))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _get(server: SandboxServer, path: str) -> tuple[float, bytes]:
    headers = {"Authorization": f"Bearer {server.token}"}
    started = time.perf_counter()
    response = requests.get(server.url + path, headers=headers, timeout=30)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return elapsed, response.content


def test_list_of_ten_thousand_answers_under_a_second(loaded):
    elapsed, body = _get(loaded, "/apis/apps/v1/namespaces/default/deployments")
    assert elapsed < 1.0
    assert body.count(b'"kind":"Deployment"') == TEMPLATES


def test_table_of_ten_thousand_answers_under_a_second(loaded):
    headers = {
        "Authorization": f"Bearer {loaded.token}",
        "Accept": "application/json;as=Table;v=v1;g=meta.k8s.io,application/json",
    }
    started = time.perf_counter()
    response = requests.get(
        loaded.url + "/apis/work.karmada.io/v1alpha2/resourcebindings", headers=headers, timeout=30
    )
    assert time.perf_counter() - started < 1.5
    assert len(response.json()["rows"]) == TEMPLATES


def test_selected_page_is_fast(loaded):
    elapsed, _ = _get(loaded, "/apis/apps/v1/deployments?labelSelector=team%3Dteam-3&limit=500")
    assert elapsed < 0.5


def test_fleet_fits_in_memory(loaded):
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < 1024
