"""Create, read, list, patch, update, apply and delete every Karmada kind through typed methods."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from karmada_gateway import (
    Cluster,
    KarmadaClient,
    KarmadaConflict,
    KarmadaNotFound,
    KarmadaObject,
    KarmadaRejected,
    ResourceBinding,
)

from .conftest import TEST_NAMESPACE

SELECTORS = [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "gateway-nothing"}]
RULES = [
    {
        "targetCluster": {"clusterNames": ["member1"]},
        "overriders": {"labelsOverrider": [{"operator": "add", "value": {"a": "b"}}]},
    }
]
CONDITIONS = {
    "conditions": [
        {
            "type": "GatewayTest",
            "status": "True",
            "reason": "Testing",
            "message": "",
            "lastTransitionTime": "2026-01-01T00:00:00Z",
        }
    ]
}


@dataclass(frozen=True)
class KindCase:
    """How to name a kind's methods, and a valid spec for it."""

    one: str
    many: str
    namespaced: bool
    spec: Callable[[], dict[str, Any]]
    status: dict[str, Any] | None  # a valid status, None when the kind has no status subresource

    def manifest(self, name: str) -> dict[str, Any]:
        metadata: dict[str, Any] = {"name": name, "labels": {"suite": "gateway"}}
        if self.namespaced:
            metadata["namespace"] = TEST_NAMESPACE
        return {"metadata": metadata, "spec": self.spec()}

    def key(self, name: str) -> tuple[str, ...]:
        return (TEST_NAMESPACE, name) if self.namespaced else (name,)


CASES = [
    KindCase("cluster", "clusters", False, lambda: {"syncMode": "Push"}, CONDITIONS),
    KindCase(
        "propagation_policy",
        "propagation_policies",
        True,
        lambda: {"resourceSelectors": SELECTORS, "placement": {}},
        None,
    ),
    KindCase(
        "cluster_propagation_policy",
        "cluster_propagation_policies",
        False,
        lambda: {"resourceSelectors": SELECTORS, "placement": {}},
        None,
    ),
    KindCase(
        "override_policy",
        "override_policies",
        True,
        lambda: {"resourceSelectors": SELECTORS, "overrideRules": RULES},
        None,
    ),
    KindCase(
        "cluster_override_policy",
        "cluster_override_policies",
        False,
        lambda: {"resourceSelectors": SELECTORS, "overrideRules": RULES},
        None,
    ),
    KindCase(
        "resource_binding",
        "resource_bindings",
        True,
        lambda: {
            "resource": {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "namespace": TEST_NAMESPACE,
                "name": "web",
            },
            "replicas": 2,
        },
        CONDITIONS,
    ),
    KindCase(
        "cluster_resource_binding",
        "cluster_resource_bindings",
        False,
        lambda: {
            "resource": {
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "ClusterRole",
                "name": "viewer",
            }
        },
        CONDITIONS,
    ),
    KindCase(
        "work",
        "works",
        True,
        lambda: {
            "workload": {
                "manifests": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"}}]
            }
        },
        CONDITIONS,
    ),
    KindCase(
        "federated_resource_quota",
        "federated_resource_quotas",
        True,
        lambda: {"overall": {"cpu": "2"}},
        {"overall": {"cpu": "2"}, "overallUsed": {"cpu": "1"}},
    ),
    KindCase("karmada", "karmadas", True, lambda: {}, CONDITIONS),
]
IDS = [case.one for case in CASES]
WITH_STATUS = [case for case in CASES if case.status is not None]


def call(client: KarmadaClient, verb: str, case: KindCase, *args: Any, **kwargs: Any) -> Any:
    name = f"{verb}_{case.many if verb in ('list', 'iter') else case.one}"
    return getattr(client, name)(*args, **kwargs)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_create_get_list_and_delete(karmada: KarmadaClient, case: KindCase) -> None:
    name = f"crud-{case.one.replace('_', '-')}"
    created = call(karmada, "create", case, case.manifest(name))
    assert isinstance(created, KarmadaObject)
    assert (created.name, created.labels) == (name, {"suite": "gateway"})
    assert created.uid and created.resource_version
    assert created.raw["metadata"]["name"] == name
    assert call(karmada, "get", case, *case.key(name)).uid == created.uid
    listed = call(karmada, "list", case, label_selector="suite=gateway")
    assert name in [item.name for item in listed.items]
    assert type(listed.items[0]) is type(created)
    call(karmada, "delete", case, *case.key(name))
    with pytest.raises(KarmadaNotFound):
        call(karmada, "get", case, *case.key(name))
    with pytest.raises(KarmadaNotFound):
        call(karmada, "delete", case, *case.key(name))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_update_with_stale_resource_version_conflicts(
    karmada: KarmadaClient, case: KindCase
) -> None:
    name = f"stale-{case.one.replace('_', '-')}"
    created = call(karmada, "create", case, case.manifest(name))
    fresh = copy.deepcopy(created.raw)
    fresh["metadata"]["labels"]["step"] = "one"
    updated = call(karmada, "update", case, fresh)
    assert updated.labels["step"] == "one"
    assert updated.resource_version != created.resource_version
    stale = copy.deepcopy(created.raw)
    stale["metadata"]["labels"]["step"] = "two"
    with pytest.raises(KarmadaConflict, match="changed by someone else"):
        call(karmada, "update", case, stale)
    assert call(karmada, "get", case, *case.key(name)).labels["step"] == "one"
    call(karmada, "delete", case, *case.key(name))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_create_twice_conflicts_and_apply_replaces(karmada: KarmadaClient, case: KindCase) -> None:
    name = f"apply-{case.one.replace('_', '-')}"
    call(karmada, "apply", case, case.manifest(name))
    with pytest.raises(KarmadaConflict, match="already exists"):
        call(karmada, "create", case, case.manifest(name))
    again = case.manifest(name)
    again["metadata"]["labels"]["applied"] = "twice"
    assert call(karmada, "apply", case, again).labels["applied"] == "twice"
    call(karmada, "delete", case, *case.key(name))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_merge_and_json_patches(karmada: KarmadaClient, case: KindCase) -> None:
    name = f"patch-{case.one.replace('_', '-')}"
    call(karmada, "create", case, case.manifest(name))
    merged = call(karmada, "patch", case, *case.key(name), {"metadata": {"labels": {"m": "1"}}})
    assert merged.labels["m"] == "1"
    ops = [{"op": "add", "path": "/metadata/labels/j", "value": "2"}]
    patched = call(karmada, "patch", case, *case.key(name), ops, "json")
    assert (patched.labels["m"], patched.labels["j"]) == ("1", "2")
    call(karmada, "delete", case, *case.key(name))


@pytest.mark.parametrize("case", WITH_STATUS, ids=[case.one for case in WITH_STATUS])
def test_status_update_changes_only_status(karmada: KarmadaClient, case: KindCase) -> None:
    name = f"status-{case.one.replace('_', '-')}"
    created = call(karmada, "create", case, case.manifest(name))
    body = copy.deepcopy(created.raw)
    body["status"] = case.status
    body["metadata"]["labels"]["ignored"] = "yes"
    written = getattr(karmada, f"update_{case.one}_status")(body)
    assert written.raw["status"] == case.status
    assert "ignored" not in written.labels
    call(karmada, "delete", case, *case.key(name))


def test_cluster_model_has_placement_facts(karmada: KarmadaClient) -> None:
    spec = {
        "syncMode": "Push",
        "provider": "aws",
        "region": "eu-west-1",
        "zones": ["eu-west-1a", "eu-west-1b"],
        "taints": [{"key": "maintenance", "value": "yes", "effect": "NoSchedule"}],
    }
    cluster = karmada.create_cluster({"metadata": {"name": "facts"}, "spec": spec})
    assert isinstance(cluster, Cluster)
    assert (cluster.provider, cluster.region) == ("aws", "eu-west-1")
    assert cluster.zones == ("eu-west-1a", "eu-west-1b")
    assert [(t.key, t.effect) for t in cluster.taints] == [("maintenance", "NoSchedule")]
    assert cluster.ready is None
    karmada.delete_cluster("facts")


def test_binding_model_reads_spec_clusters(karmada: KarmadaClient) -> None:
    manifest = CASES[5].manifest("model-binding")
    manifest["spec"]["clusters"] = [{"name": "member1", "replicas": 2}]
    binding = karmada.create_resource_binding(manifest)
    assert isinstance(binding, ResourceBinding)
    assert [(c.name, c.replicas) for c in binding.clusters] == [("member1", 2)]
    assert binding.resource.name == "web"
    karmada.delete_resource_binding(TEST_NAMESPACE, "model-binding")


def test_dry_run_create_validates_without_storing(karmada: KarmadaClient) -> None:
    manifest = CASES[1].manifest("dry-run-policy")
    assert karmada.create_propagation_policy(manifest, dry_run=True).name == "dry-run-policy"
    with pytest.raises(KarmadaNotFound):
        karmada.get_propagation_policy(TEST_NAMESPACE, "dry-run-policy")


def test_invalid_policy_is_rejected_with_karmadas_message(karmada: KarmadaClient) -> None:
    manifest = {"metadata": {"name": "bad", "namespace": TEST_NAMESPACE}, "spec": {}}
    with pytest.raises(KarmadaRejected, match="resourceSelectors"):
        karmada.create_propagation_policy(manifest)


def test_manifest_of_another_kind_is_refused_locally(karmada: KarmadaClient) -> None:
    manifest = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}
    with pytest.raises(KarmadaRejected, match="Expected a Cluster"):
        karmada.create_cluster(manifest)


def test_namespaced_kind_needs_a_namespace(karmada: KarmadaClient) -> None:
    with pytest.raises(KarmadaRejected, match="metadata.namespace"):
        karmada.create_override_policy({"metadata": {"name": "x"}, "spec": {}})


def test_models_can_be_passed_back_as_manifests(karmada: KarmadaClient) -> None:
    created = karmada.create_federated_resource_quota(CASES[8].manifest("roundtrip"))
    assert karmada.update_federated_resource_quota(created).uid == created.uid
    karmada.delete_federated_resource_quota(TEST_NAMESPACE, "roundtrip")
