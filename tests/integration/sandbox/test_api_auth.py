"""Bearer-token authentication, over HTTP and HTTPS with the generated CA."""

from __future__ import annotations

import base64

import requests

from karmada_sandbox.server import SandboxServer


def test_missing_token_is_unauthorized(sandbox):
    response = requests.get(f"{sandbox.url}/api/v1/namespaces", timeout=5)
    assert response.status_code == 401
    body = response.json()
    assert (body["kind"], body["reason"], body["code"]) == ("Status", "Unauthorized", 401)


def test_wrong_token_is_unauthorized(sandbox):
    headers = {"Authorization": "Bearer not-the-token"}
    assert requests.get(f"{sandbox.url}/version", headers=headers, timeout=5).status_code == 401


def test_basic_auth_is_not_accepted(sandbox):
    response = requests.get(f"{sandbox.url}/version", auth=("admin", sandbox.token), timeout=5)
    assert response.status_code == 401


def test_right_token_is_accepted(api):
    assert api.get("/api/v1/namespaces").status_code == 200


def test_explicit_token_is_used(tmp_path):
    with SandboxServer(token="fixed-token") as server:
        headers = {"Authorization": "Bearer fixed-token"}
        assert requests.get(f"{server.url}/version", headers=headers, timeout=5).status_code == 200


def test_kubeconfig_carries_server_and_token(sandbox, tmp_path):
    config = sandbox.kubeconfig()
    assert config["current-context"] == "sandbox"
    assert config["clusters"][0]["cluster"]["server"] == sandbox.url
    assert config["users"][0]["user"]["token"] == sandbox.token
    path = tmp_path / "kubeconfig"
    sandbox.write_kubeconfig(str(path))
    assert path.stat().st_mode & 0o077 == 0
    assert sandbox.url in path.read_text()


def test_tls_server_is_verified_with_the_kubeconfig_ca(tmp_path):
    with SandboxServer(tls=True) as server:
        assert server.url.startswith("https://")
        ca = base64.b64decode(
            server.kubeconfig()["clusters"][0]["cluster"]["certificate-authority-data"]
        )
        ca_file = tmp_path / "ca.crt"
        ca_file.write_bytes(ca)
        headers = {"Authorization": f"Bearer {server.token}"}
        response = requests.get(
            f"{server.url}/version", headers=headers, verify=str(ca_file), timeout=5
        )
        assert response.status_code == 200
        unauthenticated = requests.get(f"{server.url}/version", verify=str(ca_file), timeout=5)
        assert unauthenticated.status_code == 401
