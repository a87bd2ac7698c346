"""Manifests as Work manifests hold them (Karmada's pruning), and their diffs."""

from karmada_semantics.interpreter import prune
from workloads.preview.manifests import DiffCache

from .builders import deployment


def test_prune_drops_status_and_server_metadata():
    template = deployment()
    template["metadata"].update(uid="u", generation=3, finalizers=["f"], managedFields=[{}])
    pruned = prune(template)
    assert "status" not in pruned
    assert set(pruned["metadata"]) == {"name", "namespace"}
    assert template["metadata"]["uid"] == "u"


def test_prune_keeps_a_headless_service_cluster_ip_only():
    service = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}}
    normal = prune({**service, "spec": {"clusterIP": "10.0.0.1", "clusterIPs": ["10.0.0.1"]}})
    headless = prune({**service, "spec": {"clusterIP": "None"}})
    assert normal["spec"] == {}
    assert headless["spec"] == {"clusterIP": "None"}


def test_prune_drops_generated_job_selector_labels_and_ttl():
    job = {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": "j"},
        "spec": {
            "ttlSecondsAfterFinished": 60,
            "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "x"}},
            "template": {"metadata": {"labels": {"job-name": "j", "app": "j"}}},
        },
    }
    spec = prune(job)["spec"]
    assert "ttlSecondsAfterFinished" not in spec
    assert spec["selector"]["matchLabels"] == {}
    assert spec["template"]["metadata"]["labels"] == {"app": "j"}


def test_prune_drops_deployment_revision_annotation():
    template = deployment()
    template["metadata"]["annotations"] = {"deployment.kubernetes.io/revision": "4", "team": "a"}
    assert prune(template)["metadata"]["annotations"] == {"team": "a"}


def test_diff_cache_labels_each_cluster():
    diffs = DiffCache({"a": 1}, "template")
    assert diffs.diff({"a": 2}, "member1").startswith("--- template\n+++ member1\n")
    assert diffs.diff({"a": 1}, "member2") == ""
