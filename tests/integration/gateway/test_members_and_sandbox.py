"""Member-cluster reads through the Cluster proxy, and the sandbox's fault controls."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from karmada_gateway import (
    KarmadaClient,
    KarmadaNotFound,
    KarmadaRejected,
    KarmadaUnavailable,
    ResourceObject,
)
from karmada_sandbox.server import SandboxServer

from .conftest import ClientFactory, kubeconfig_for

LEGACY_MEMBER = "aws-eu-west"


@pytest.fixture(scope="module")
def demo() -> Iterator[SandboxServer]:
    """A sandbox seeded with the demo members (controllers running, as in `make run`)."""
    server = SandboxServer(seed="demo", name="gateway-demo").start()
    if server.world is None:
        pytest.skip("karmada_sandbox.world.KarmadaWorld is missing: no members to proxy to")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def demo_client(demo: SandboxServer, client_for_sandbox: ClientFactory) -> KarmadaClient:
    return client_for_sandbox(demo)


def test_member_get_reads_a_member_only_object(demo_client: KarmadaClient) -> None:
    obj = demo_client.member_get(LEGACY_MEMBER, "apps/v1", "Deployment", "legacy", "inventory")
    assert isinstance(obj, ResourceObject)
    assert (obj.kind, obj.namespace, obj.name) == ("Deployment", "legacy", "inventory")
    assert obj.raw["spec"]["replicas"] == 2
    with pytest.raises(KarmadaNotFound):
        demo_client.get_resource("apps/v1", "Deployment", "legacy", "inventory")


def test_member_list_with_selector_and_paging(demo_client: KarmadaClient) -> None:
    config_maps = demo_client.member_list(LEGACY_MEMBER, "v1", "ConfigMap", "legacy")
    assert "inventory-config" in [item.name for item in config_maps.items]
    nodes = demo_client.member_list("gcp-us-central", "v1", "Node", limit=2)
    assert len(nodes.items) == 2 and nodes.continue_token
    rest = demo_client.member_list(
        "gcp-us-central", "v1", "Node", limit=2, continue_token=nodes.continue_token
    )
    assert len(rest.items) == 2


def test_member_without_an_api_group_does_not_serve_it(demo_client: KarmadaClient) -> None:
    with pytest.raises(KarmadaNotFound):
        demo_client.member_list("gcp-asia-east", "autoscaling/v2", "HorizontalPodAutoscaler")


def test_unknown_member_is_not_found(demo_client: KarmadaClient) -> None:
    with pytest.raises(KarmadaNotFound):
        demo_client.member_list("no-such-cluster", "v1", "ConfigMap")


def test_sandbox_lists_its_members(demo_client: KarmadaClient) -> None:
    members = {member.name: member for member in demo_client.sandbox_clusters()}
    assert LEGACY_MEMBER in members
    assert members[LEGACY_MEMBER].reachable


def test_unreachable_member_fault_makes_proxy_unavailable_until_recovery(
    demo: SandboxServer, demo_client: KarmadaClient
) -> None:
    state = demo_client.sandbox_fault("gcp-us-central", {"reachable": False})
    assert not state.reachable
    with pytest.raises(KarmadaUnavailable, match="unreachable") as info:
        demo_client.member_list("gcp-us-central", "v1", "Node")
    assert info.value.transient
    demo.world.settle()
    cluster = demo_client.get_cluster("gcp-us-central")
    assert (cluster.ready, cluster.ready_reason) == (False, "ClusterNotReachable")
    assert demo_client.sandbox_fault("gcp-us-central", {"ready": True}).reachable
    assert len(demo_client.member_list("gcp-us-central", "v1", "Node").items) == 4


def test_bad_fault_is_rejected(demo_client: KarmadaClient) -> None:
    with pytest.raises(KarmadaRejected):
        demo_client.sandbox_fault(LEGACY_MEMBER, {"explode": True})


def test_fault_on_unknown_member_is_not_found(demo_client: KarmadaClient) -> None:
    with pytest.raises(KarmadaNotFound):
        demo_client.sandbox_fault("no-such-cluster", {"reachable": False})


def test_sandbox_controls_on_a_real_server_are_not_found(plain_kubernetes_url: str) -> None:
    client = KarmadaClient.from_kubeconfig(kubeconfig_for(plain_kubernetes_url))
    with pytest.raises(KarmadaNotFound):
        client.sandbox_clusters()


def test_demo_clusters_read_as_typed_models(
    demo: SandboxServer, demo_client: KarmadaClient
) -> None:
    demo.world.settle()
    clusters = {cluster.name: cluster for cluster in demo_client.iter_clusters(limit=3)}
    assert len(clusters) == len(demo.world.members)
    east = clusters["aws-us-east"]
    assert (east.provider, east.region, east.zones) == (
        "aws",
        "us-east-1",
        ("us-east-1a", "us-east-1b"),
    )
    assert (east.ready, east.kubernetes_version, east.nodes_total) == (True, "v1.31.4", 4)
    assert clusters["azure-eastus"].sync_mode == "Pull"
