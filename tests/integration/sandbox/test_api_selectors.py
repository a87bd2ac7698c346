"""Label and field selectors, and paginated lists with limit / continue."""

from __future__ import annotations

import pytest

NS = "/api/v1/namespaces"
CONFIGMAPS = "/api/v1/namespaces/default/configmaps"


def _config(name: str, namespace: str = "default", **labels: str) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": name, "namespace": namespace, "labels": labels},
        "data": {"k": "v"},
    }


@pytest.fixture(scope="module", autouse=True)
def configs(api):
    api.post(NS, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "sel-other"}})
    api.post(CONFIGMAPS, _config("sel-a", env="prod", tier="web"))
    api.post(CONFIGMAPS, _config("sel-b", env="dev", tier="web"))
    api.post(CONFIGMAPS, _config("sel-c", env="prod"))
    api.post(f"{NS}/sel-other/configmaps", _config("sel-d", "sel-other", env="prod"))
    for index in range(7):
        api.post(CONFIGMAPS, _config(f"page-{index}", paged="yes"))


def _names(api, path: str = CONFIGMAPS, **params: str) -> list[str]:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    return [item["metadata"]["name"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("env=prod", ["sel-a", "sel-c"]),
        ("env==prod,tier=web", ["sel-a"]),
        ("env!=prod,tier", ["sel-b"]),
        ("env in (dev, prod),!tier", ["sel-c"]),
        ("env notin (prod),tier", ["sel-b"]),
    ],
)
def test_label_selector_forms(api, selector, expected):
    names = [n for n in _names(api, labelSelector=selector) if n.startswith("sel-")]
    assert names == expected


def test_label_selector_across_namespaces(api):
    names = _names(api, "/api/v1/configmaps", labelSelector="env=prod")
    assert names == ["sel-a", "sel-c", "sel-d"]


def test_field_selector_by_name_and_namespace(api):
    assert _names(api, "/api/v1/configmaps", fieldSelector="metadata.name=sel-b") == ["sel-b"]
    names = _names(api, "/api/v1/configmaps", fieldSelector="metadata.namespace=sel-other")
    assert names == ["sel-d"]
    excluded = _names(api, fieldSelector="metadata.name!=sel-a", labelSelector="env=prod")
    assert excluded == ["sel-c"]


def test_field_selector_on_other_fields(api):
    secret = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "sel-token"},
        "type": "bootstrap.kubernetes.io/token",
    }
    api.post("/api/v1/namespaces/default/secrets", secret)
    names = _names(
        api,
        "/api/v1/namespaces/default/secrets",
        fieldSelector="type=bootstrap.kubernetes.io/token",
    )
    assert names == ["sel-token"]


def test_malformed_selector_is_bad_request(api):
    response = api.get(CONFIGMAPS, params={"labelSelector": "env in prod"})
    assert response.status_code == 400
    assert response.json()["reason"] == "BadRequest"


def test_limit_and_continue_walk_every_item_once(api):
    seen: list[str] = []
    params = {"labelSelector": "paged=yes", "limit": "3"}
    remaining = []
    while True:
        body = api.get(CONFIGMAPS, params=params).json()
        seen += [item["metadata"]["name"] for item in body["items"]]
        token = body["metadata"].get("continue")
        if not token:
            break
        remaining.append(body["metadata"]["remainingItemCount"])
        params = {**params, "continue": token}
    assert seen == [f"page-{i}" for i in range(7)]
    assert remaining == [4, 1]


def test_bad_continue_token_is_rejected(api):
    response = api.get(CONFIGMAPS, params={"limit": "2", "continue": "not-a-token"})
    assert response.status_code == 400


def test_list_carries_kind_and_resource_version(api):
    body = api.get(CONFIGMAPS).json()
    assert body["kind"] == "ConfigMapList" and body["apiVersion"] == "v1"
    assert int(body["metadata"]["resourceVersion"]) > 0


def test_delete_collection_by_label(api):
    api.post(CONFIGMAPS, _config("sel-gone-1", purge="yes"))
    api.post(CONFIGMAPS, _config("sel-gone-2", purge="yes"))
    response = api.delete(CONFIGMAPS, params={"labelSelector": "purge=yes"})
    assert response.status_code == 200
    assert _names(api, labelSelector="purge=yes") == []


def test_non_numeric_limit_is_bad_request(api):
    assert api.get(CONFIGMAPS, params={"limit": "lots"}).status_code == 400
