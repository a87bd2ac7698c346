"""The preview, fed a real template, schedules like Karmada did in every Deployment vector.

The vectors give the binding's replicas and per-replica request; a Deployment with those is
built here, so the preview's interpreter and the scheduler are checked together.
"""

import json

import pytest

from tests.shared_paths import VECTORS_DIR
from workloads.preview import preview_policy


def _vectors():
    for path in sorted((VECTORS_DIR / "scheduling").glob("*.json")):
        vector = json.loads(path.read_text())
        if vector["input"]["workload"]["kind"] == "Deployment":
            yield pytest.param(vector, id=path.stem)


def _template(workload: dict) -> dict:
    container = {"name": "app", "image": "nginx"}
    if workload.get("resourceRequest"):
        container["resources"] = {"requests": workload["resourceRequest"]}
    return {
        "apiVersion": workload["apiVersion"],
        "kind": "Deployment",
        "metadata": workload["metadata"],
        "spec": {
            "replicas": workload.get("replicas", 0),
            "template": {"spec": {"containers": [container]}},
        },
    }


@pytest.mark.parametrize("vector", list(_vectors()))
def test_preview_places_replicas_like_karmada(vector):
    given = vector["input"]
    result = preview_policy(
        _template(given["workload"]),
        given["propagationPolicy"],
        propagation_policies=[],
        cluster_propagation_policies=[],
        override_policies=[],
        cluster_override_policies=[],
        clusters=given["clusters"],
    )
    allowed = vector.get("expected_any_of") or [vector["expected"]]
    if result.admission_denied is not None:
        assert any("admissionDenied" in expected for expected in allowed)
        return
    placed = [{"name": c.name, "replicas": c.replicas} for c in result.clusters]
    assert any(
        placed == expected["clusters"] and result.scheduled == expected["scheduled"]
        for expected in allowed
    )
