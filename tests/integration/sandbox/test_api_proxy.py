"""The Cluster proxy path and the sandbox fault endpoints, routed to the world."""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from conftest import Api

from karmada_sandbox.registry import member_registry
from karmada_sandbox.server import SandboxServer
from karmada_sandbox.store import ObjectStore

PROXY = "/apis/cluster.karmada.io/v1alpha1/clusters/{}/proxy"


class FakeWorld:
    """Stands in for KarmadaWorld: two members, one unreachable, faults recorded."""

    def __init__(self) -> None:
        self.stores = {
            "east": ObjectStore(member_registry()),
            "west": ObjectStore(member_registry()),
        }
        self.members = {name: SimpleNamespace(kubernetes_version="v1.29.3") for name in self.stores}
        self.reachable = {"east": True, "west": False}
        self.faults: list[tuple[str, dict]] = []

    def start(self) -> None:
        """Nothing runs in the background."""

    def stop(self) -> None:
        """Nothing runs in the background."""

    def proxy_store(self, name: str) -> ObjectStore:
        return self.stores[name]

    def is_reachable(self, name: str) -> bool:
        return self.reachable[name]

    def apply_fault(self, name: str, fault: dict) -> dict:
        if name not in self.stores:
            raise KeyError(name)
        self.faults.append((name, fault))
        return {"cluster": name, "applied": fault}


@pytest.fixture(scope="module")
def world_server() -> Iterator[tuple[SandboxServer, FakeWorld]]:
    """A sandbox whose world is the fake above, with Cluster objects for its members."""
    server = SandboxServer()
    if server.world is not None:
        server.world.stop()
    world = FakeWorld()
    server.world = world
    ctype = server.control_plane.registry.by_kind("cluster.karmada.io/v1alpha1", "Cluster")
    for name in ("east", "west", "ghost"):
        server.control_plane.create(
            ctype, {"metadata": {"name": name}, "spec": {"syncMode": "Push"}}
        )
    namespaces = world.stores["east"].registry.by_kind("v1", "Namespace")
    world.stores["east"].create(namespaces, {"metadata": {"name": "default"}})
    server.start()
    try:
        yield server, world
    finally:
        server.stop()


@pytest.fixture(scope="module")
def client(world_server) -> Api:
    return Api(world_server[0])


def test_proxy_serves_member_discovery(client):
    groups = client.get(PROXY.format("east") + "/apis").json()
    names = {g["name"] for g in groups["groups"]}
    assert "apps" in names and "policy.karmada.io" not in names
    assert client.get(PROXY.format("east") + "/api").json()["kind"] == "APIVersions"


def test_proxy_reads_and_writes_the_member_store(client, world_server, make_deployment):
    _, world = world_server
    path = PROXY.format("east") + "/apis/apps/v1/namespaces/default/deployments"
    assert client.post(path, make_deployment("proxied")).status_code == 201
    dtype = world.stores["east"].registry.by_kind("apps/v1", "Deployment")
    assert world.stores["east"].get(dtype, "default", "proxied")["spec"]["replicas"] == 1
    assert client.get(f"{path}/proxied").json()["metadata"]["name"] == "proxied"
    listing = client.get(PROXY.format("east") + "/apis/apps/v1/deployments").json()
    assert [i["metadata"]["name"] for i in listing["items"]] == ["proxied"]


def test_proxy_nodes_are_served_on_members(client):
    assert client.get(PROXY.format("east") + "/api/v1/nodes").status_code == 200


def test_unreachable_member_is_503(client):
    response = client.get(PROXY.format("west") + "/api/v1/namespaces")
    assert response.status_code == 503
    assert response.json()["reason"] == "ServiceUnavailable"


def test_unknown_cluster_is_404(client):
    response = client.get(PROXY.format("nowhere") + "/api")
    assert response.status_code == 404
    assert response.json()["message"] == 'clusters.cluster.karmada.io "nowhere" not found'


def test_cluster_without_member_is_503(client):
    assert client.get(PROXY.format("ghost") + "/api").status_code == 503


def test_fault_endpoint_reaches_the_world(client, world_server):
    _, world = world_server
    response = client.post("/sandbox/v1/clusters/east/faults", {"type": "unreachable"})
    assert response.status_code == 200
    assert world.faults[-1] == ("east", {"type": "unreachable"})


def test_fault_for_unknown_cluster_is_404(client):
    assert client.post("/sandbox/v1/clusters/nowhere/faults", {"type": "x"}).status_code == 404


def test_member_listing(client):
    body = client.get("/sandbox/v1/clusters").json()
    assert {m["name"] for m in body["items"]} == {"east", "west"}


def test_without_a_world_proxy_and_faults_are_unavailable():
    with SandboxServer() as server:
        server.world = None
        api = Api(server)
        ctype = server.control_plane.registry.by_kind("cluster.karmada.io/v1alpha1", "Cluster")
        server.control_plane.create(
            ctype, {"metadata": {"name": "m1"}, "spec": {"syncMode": "Push"}}
        )
        assert api.get(PROXY.format("m1") + "/api").status_code == 503
        assert api.get(PROXY.format("m2") + "/api").status_code == 404
        assert api.get("/sandbox/v1/clusters").status_code == 503


def test_proxy_version_is_the_members(client):
    assert client.get(PROXY.format("east") + "/version").json()["gitVersion"] == "v1.29.3"


def test_pod_logs_through_the_proxy(client, world_server):
    _, world = world_server
    store = world.stores["east"]
    store.create(
        store.registry.by_kind("v1", "Pod"),
        {
            "metadata": {"name": "web-1", "namespace": "default"},
            "spec": {"containers": [{"name": "nginx", "image": "nginx"}]},
        },
    )
    response = client.get(PROXY.format("east") + "/api/v1/namespaces/default/pods/web-1/log")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain"
    assert "nginx" in response.text


def test_watch_through_the_proxy(client, world_server, make_deployment):
    path = PROXY.format("east") + "/apis/apps/v1/namespaces/default/deployments"
    rv = client.get(path).json()["metadata"]["resourceVersion"]
    response = client.get(
        path, params={"watch": "true", "resourceVersion": rv, "timeoutSeconds": "5"}, stream=True
    )
    try:
        client.post(path, make_deployment("proxied-watch"))
        line = next(line for line in response.iter_lines() if line)
        assert json.loads(line)["object"]["metadata"]["name"] == "proxied-watch"
    finally:
        response.close()
