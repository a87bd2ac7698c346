"""Shared fixtures for the sandbox API tests: a started server and an authenticated client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from karmada_sandbox.server import SandboxServer


class Api:
    """A tiny authenticated HTTP client for one sandbox server."""

    def __init__(self, server: SandboxServer) -> None:
        self.server = server
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {server.token}"

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Send a request to a server-relative path."""
        kwargs.setdefault("timeout", 10)
        return self.session.request(method, self.server.url + path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        """GET a server-relative path."""
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: Any, **kwargs: Any) -> requests.Response:
        """POST a JSON body."""
        return self.request("POST", path, json=body, **kwargs)

    def put(self, path: str, body: Any, **kwargs: Any) -> requests.Response:
        """PUT a JSON body."""
        return self.request("PUT", path, json=body, **kwargs)

    def patch(self, path: str, body: Any, content_type: str, **kwargs: Any) -> requests.Response:
        """PATCH with an explicit patch media type."""
        headers = {"Content-Type": content_type}
        return self.request("PATCH", path, json=body, headers=headers, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        """DELETE a path."""
        return self.request("DELETE", path, **kwargs)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    """A started sandbox server with the empty seed, shared by one test module."""
    server = SandboxServer(seed="empty").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def api(sandbox: SandboxServer) -> Api:
    """An authenticated client for the module's sandbox."""
    return Api(sandbox)


def deployment(name: str, *, namespace: str = "default", replicas: int = 1, **labels: str) -> dict:
    """A small valid Deployment manifest."""
    labels = labels or {"app": name}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": namespace, "labels": labels},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "main", "image": "nginx:1.27"}]},
            },
        },
    }


def propagation_policy(name: str, *, namespace: str = "default", **spec: Any) -> dict:
    """A PropagationPolicy selecting Deployments, with extra spec fields merged in."""
    return {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "PropagationPolicy",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {
            "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}],
            "placement": {"clusterAffinity": {"clusterNames": ["member1"]}},
            **spec,
        },
    }


@pytest.fixture
def make_deployment() -> Any:
    """The `deployment(name, namespace=, replicas=, **labels)` manifest builder."""
    return deployment


@pytest.fixture
def make_policy() -> Any:
    """The `propagation_policy(name, namespace=, **spec)` manifest builder."""
    return propagation_policy
