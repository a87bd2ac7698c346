"""Resource templates of built-in kinds, selectors, and paging with limit/continue."""

from __future__ import annotations

import pytest

from karmada_gateway import KarmadaClient, KarmadaNotFound, KarmadaRejected, ResourceObject

from .conftest import TEST_NAMESPACE

PAGED = 5


def deployment(name: str, replicas: int = 1) -> dict[str, object]:
    labels = {"app": name}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": TEST_NAMESPACE, "labels": labels},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]},
            },
        },
    }


@pytest.fixture(scope="module")
def config_maps(karmada: KarmadaClient) -> list[str]:
    names = [f"paged-{i}" for i in range(PAGED)]
    for i, name in enumerate(names):
        labels = {"batch": "paged", "parity": "even" if i % 2 == 0 else "odd"}
        karmada.apply_resource(
            {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": {"name": name, "namespace": TEST_NAMESPACE, "labels": labels},
                "data": {"index": str(i)},
            }
        )
    return names


def test_deployment_template_round_trip(karmada: KarmadaClient) -> None:
    created = karmada.create_resource(deployment("web"))
    assert isinstance(created, ResourceObject)
    assert (created.api_version, created.kind, created.namespace) == (
        "apps/v1",
        "Deployment",
        TEST_NAMESPACE,
    )
    fetched = karmada.get_resource("apps/v1", "Deployment", TEST_NAMESPACE, "web")
    assert fetched.uid == created.uid
    karmada.delete_resource("apps/v1", "Deployment", TEST_NAMESPACE, "web")
    with pytest.raises(KarmadaNotFound):
        karmada.get_resource("apps/v1", "Deployment", TEST_NAMESPACE, "web")


def test_strategic_merge_patch_is_the_default_for_built_ins(karmada: KarmadaClient) -> None:
    karmada.create_resource(deployment("scaled"))
    patched = karmada.patch_resource(
        "apps/v1", "Deployment", TEST_NAMESPACE, "scaled", {"spec": {"replicas": 4}}
    )
    assert patched.raw["spec"]["replicas"] == 4
    assert patched.raw["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.27"
    karmada.delete_resource("apps/v1", "Deployment", TEST_NAMESPACE, "scaled")


def test_update_and_apply_resource(karmada: KarmadaClient) -> None:
    first = karmada.apply_resource(deployment("applied", replicas=1))
    changed = dict(first.raw)
    changed["spec"] = {**first.raw["spec"], "replicas": 2}
    assert karmada.update_resource(changed).raw["spec"]["replicas"] == 2
    assert karmada.apply_resource(deployment("applied", replicas=3)).raw["spec"]["replicas"] == 3
    karmada.delete_resource("apps/v1", "Deployment", TEST_NAMESPACE, "applied")


def test_core_group_kinds_resolve_through_discovery(karmada: KarmadaClient) -> None:
    kind = karmada.resolve_kind("v1", "ConfigMap")
    assert (kind.plural, kind.namespaced) == ("configmaps", True)
    assert not karmada.resolve_kind("v1", "Namespace").namespaced


def test_unknown_kind_is_not_found(karmada: KarmadaClient) -> None:
    with pytest.raises(KarmadaNotFound, match="Gizmo"):
        karmada.get_resource("apps/v1", "Gizmo", TEST_NAMESPACE, "x")
    with pytest.raises(KarmadaNotFound):
        karmada.list_resources("nothing.example.com/v1", "Gizmo")


def test_manifest_without_kind_is_rejected(karmada: KarmadaClient) -> None:
    with pytest.raises(KarmadaRejected, match="apiVersion and kind"):
        karmada.create_resource({"metadata": {"name": "x"}})


def test_list_pages_with_limit_and_continue(karmada: KarmadaClient, config_maps: list[str]) -> None:
    first = karmada.list_resources(
        "v1", "ConfigMap", TEST_NAMESPACE, label_selector="batch=paged", limit=2
    )
    assert len(first.items) == 2
    assert first.continue_token
    assert first.resource_version
    seen = [item.name for item in first.items]
    token = first.continue_token
    while token:
        page = karmada.list_resources(
            "v1",
            "ConfigMap",
            TEST_NAMESPACE,
            label_selector="batch=paged",
            limit=2,
            continue_token=token,
        )
        assert len(page.items) <= 2
        seen += [item.name for item in page.items]
        token = page.continue_token
    assert sorted(seen) == sorted(config_maps)


def test_iterator_walks_every_page(karmada: KarmadaClient, config_maps: list[str]) -> None:
    items = karmada.iter_resources(
        "v1", "ConfigMap", TEST_NAMESPACE, label_selector="batch=paged", limit=2
    )
    assert sorted(item.name for item in items) == sorted(config_maps)


def test_label_selectors_filter(karmada: KarmadaClient, config_maps: list[str]) -> None:
    even = karmada.list_resources(
        "v1", "ConfigMap", TEST_NAMESPACE, label_selector="batch=paged,parity=even"
    )
    assert sorted(item.name for item in even.items) == ["paged-0", "paged-2", "paged-4"]
    odd = karmada.list_resources(
        "v1", "ConfigMap", TEST_NAMESPACE, label_selector="parity in (odd)"
    )
    assert sorted(item.name for item in odd.items) == ["paged-1", "paged-3"]


def test_field_selector_filters(karmada: KarmadaClient, config_maps: list[str]) -> None:
    page = karmada.list_resources(
        "v1", "ConfigMap", TEST_NAMESPACE, field_selector="metadata.name=paged-3"
    )
    assert [item.name for item in page.items] == ["paged-3"]


def test_typed_lists_page_too(karmada: KarmadaClient) -> None:
    for i in range(3):
        karmada.apply_cluster(
            {
                "metadata": {"name": f"page-{i}", "labels": {"paging": "yes"}},
                "spec": {"syncMode": "Push"},
            }
        )
    first = karmada.list_clusters(label_selector="paging=yes", limit=2)
    assert len(first.items) == 2 and first.continue_token
    names = [c.name for c in karmada.iter_clusters(label_selector="paging=yes", limit=1)]
    assert names == ["page-0", "page-1", "page-2"]
    for name in names:
        karmada.delete_cluster(name)


def test_cluster_field_selector_by_provider(karmada: KarmadaClient) -> None:
    karmada.apply_cluster(
        {"metadata": {"name": "on-gcp"}, "spec": {"syncMode": "Push", "provider": "gcp"}}
    )
    page = karmada.list_clusters(field_selector="spec.provider=gcp")
    assert [c.name for c in page.items] == ["on-gcp"]
    karmada.delete_cluster("on-gcp")
