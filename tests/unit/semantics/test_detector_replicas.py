"""Karmada's built-in replica interpreter, as the detector puts it on bindings."""

from __future__ import annotations

from karmada_semantics.detector import interpret_replicas


def _obj(api_version: str, kind: str, **spec: object) -> dict:
    return {"apiVersion": api_version, "kind": kind, "metadata": {"name": "x"}, "spec": spec}


def test_deployment_and_statefulset_use_spec_replicas() -> None:
    assert interpret_replicas(_obj("apps/v1", "Deployment", replicas=3)) == 3
    assert interpret_replicas(_obj("apps/v1", "StatefulSet", replicas=2)) == 2


def test_missing_replicas_count_as_zero_without_apiserver_defaulting() -> None:
    assert interpret_replicas(_obj("apps/v1", "Deployment")) == 0


def test_job_parallelism_is_capped_by_completions() -> None:
    assert interpret_replicas(_obj("batch/v1", "Job", parallelism=5, completions=2)) == 2
    assert interpret_replicas(_obj("batch/v1", "Job", parallelism=3)) == 3


def test_pod_is_one_replica() -> None:
    assert interpret_replicas(_obj("v1", "Pod")) == 1


def test_unknown_kinds_and_versions_have_no_replicas() -> None:
    assert interpret_replicas(_obj("v1", "ConfigMap")) == 0
    assert interpret_replicas(_obj("apps/v1beta1", "Deployment", replicas=3)) == 0
