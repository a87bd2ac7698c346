"""verify(): a working Karmada, and each way a connection can fail."""

from __future__ import annotations

import base64
import copy
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from karmada_gateway import (
    KarmadaBadKubeconfig,
    KarmadaClient,
    KarmadaNotKarmada,
    KarmadaTLSError,
    KarmadaUnauthorized,
    KarmadaUnavailable,
    kubeconfig_contexts,
)
from karmada_sandbox.server import SandboxServer

from .conftest import ClientFactory, closed_port, kubeconfig_for, unrelated_ca_pem


@pytest.fixture(scope="module")
def tls_sandbox() -> Iterator[SandboxServer]:
    server = SandboxServer(seed="empty", tls=True, name="gateway-tls").start()
    yield server
    server.stop()


def test_verify_reports_version_latency_and_karmada_groups(karmada: KarmadaClient) -> None:
    result = karmada.verify()
    assert result.git_version
    assert result.latency_ms >= 0
    for group in ("cluster.karmada.io", "policy.karmada.io", "work.karmada.io"):
        assert group in result.groups


def test_sandbox_kubeconfig_lists_its_context(sandbox: SandboxServer) -> None:
    assert kubeconfig_contexts(sandbox.kubeconfig()) == [sandbox.name]


def test_closed_port_is_unavailable_and_fails_fast() -> None:
    client = KarmadaClient.from_kubeconfig(kubeconfig_for(f"http://127.0.0.1:{closed_port()}"))
    started = time.monotonic()
    with pytest.raises(KarmadaUnavailable, match="could not be reached") as info:
        client.verify()
    assert info.value.transient
    assert info.value.__cause__ is not None
    assert time.monotonic() - started < 10


def test_wrong_token_is_unauthorized_and_never_echoed(
    sandbox: SandboxServer, client_for_sandbox: ClientFactory
) -> None:
    client = client_for_sandbox(sandbox, token="definitely-wrong-token")
    with pytest.raises(KarmadaUnauthorized) as info:
        client.verify()
    assert not info.value.transient
    assert "definitely-wrong-token" not in str(info.value)
    assert sandbox.token not in str(info.value)


def test_untrusted_server_certificate_is_a_tls_error(tls_sandbox: SandboxServer) -> None:
    kubeconfig = copy.deepcopy(tls_sandbox.kubeconfig())
    wrong_ca = base64.b64encode(unrelated_ca_pem()).decode()
    kubeconfig["clusters"][0]["cluster"]["certificate-authority-data"] = wrong_ca
    client = KarmadaClient.from_kubeconfig(kubeconfig, timeout=5)
    with pytest.raises(KarmadaTLSError, match="TLS") as info:
        client.verify()
    assert not info.value.transient


def test_tls_sandbox_verifies_with_its_own_ca(
    tls_sandbox: SandboxServer, client_for_sandbox: ClientFactory
) -> None:
    assert tls_sandbox.url.startswith("https://")
    assert client_for_sandbox(tls_sandbox).verify().git_version


def test_plain_kubernetes_is_not_a_karmada(plain_kubernetes_url: str) -> None:
    client = KarmadaClient.from_kubeconfig(kubeconfig_for(plain_kubernetes_url))
    with pytest.raises(KarmadaNotKarmada, match="cluster.karmada.io"):
        client.verify()


def test_malformed_kubeconfig_is_refused_before_connecting() -> None:
    with pytest.raises(KarmadaBadKubeconfig):
        KarmadaClient.from_kubeconfig("apiVersion: v1\nclusters: [oops\n")


def test_kubeconfig_text_works_like_a_dict(sandbox: SandboxServer) -> None:
    with KarmadaClient.from_kubeconfig(yaml.safe_dump(sandbox.kubeconfig())) as client:
        assert client.verify().groups


def test_kubeconfig_file_path_works(sandbox: SandboxServer, tmp_path: Path) -> None:
    path = str(tmp_path / "kubeconfig")
    sandbox.write_kubeconfig(path)
    with KarmadaClient.from_kubeconfig(path, context=sandbox.name) as client:
        assert client.verify().groups
