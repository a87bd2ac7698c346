"""Semantics and preview timings: scheduling, overrides, policy matching and a whole preview.

No database: every input is a plain Karmada object built here, at the design's scale (100 member
clusters; 10,000 templates against 1,000 policies).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from karmada_semantics.detector import PolicyMatcher
from karmada_semantics.overrides import apply_overrides
from karmada_semantics.scheduling import schedule
from workloads.preview import preview_policy, workload_summary

from .report import line, median_ms

CLUSTERS = 100
REGIONS = ("eu", "us", "ap")
_APIS = [{"groupVersion": "apps/v1", "resources": [{"name": "deployments", "kind": "Deployment"}]}]


def cluster(index: int) -> dict[str, Any]:
    """Member `m<index>` in one of three regions, with capacity that varies by index."""
    region = REGIONS[index % len(REGIONS)]
    return {
        "apiVersion": "cluster.karmada.io/v1alpha1",
        "kind": "Cluster",
        "metadata": {"name": f"m{index:03}", "labels": {"region": region, "tier": "gold"}},
        "spec": {"region": region, "provider": "sandbox", "zones": [f"{region}-1"]},
        "status": {
            "apiEnablements": _APIS,
            "resourceSummary": {
                "allocatable": {"cpu": str(8 + index % 24), "memory": "128Gi", "pods": "110"},
                "allocated": {"cpu": "2", "memory": "8Gi", "pods": "10"},
            },
        },
    }


def deployment(name: str, namespace: str = "shop", replicas: int = 300) -> dict[str, Any]:
    """A Deployment template with one container requesting 250m / 256Mi."""
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
            "name": name,
            "namespace": namespace,
            "uid": f"uid-{name}",
            "labels": {"app": name, "team": f"t{len(name) % 7}"},
        },
        "spec": {
            "replicas": replicas,
            "template": {
                "spec": {
                    "containers": [
                        {
                            "name": "app",
                            "image": f"registry.example/{name}:1.0",
                            "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}},
                        }
                    ]
                }
            },
        },
    }


def _policy(
    name: str, namespace: str, selector: dict[str, Any], placement: dict[str, Any]
) -> dict[str, Any]:
    return {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "PropagationPolicy",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"resourceSelectors": [selector], "placement": placement},
    }


DYNAMIC = {
    "replicaScheduling": {
        "replicaSchedulingType": "Divided",
        "replicaDivisionPreference": "Weighted",
        "weightPreference": {"dynamicWeight": "AvailableReplicas"},
    }
}


def overrides() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per-region image registries and labels (OverridePolicies) and one ClusterOverridePolicy."""
    ops = []
    for region in REGIONS:
        target = {
            "fieldSelector": {
                "matchExpressions": [{"key": "region", "operator": "In", "values": [region]}]
            }
        }
        overriders = {
            "imageOverrider": [
                {"component": "Registry", "operator": "replace", "value": f"{region}.mirror"}
            ],
            "labelsOverrider": [{"operator": "add", "value": {"region": region}}],
        }
        ops.append(
            {
                "apiVersion": "policy.karmada.io/v1alpha1",
                "kind": "OverridePolicy",
                "metadata": {"name": f"images-{region}", "namespace": "shop"},
                "spec": {
                    "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}],
                    "overrideRules": [{"targetCluster": target, "overriders": overriders}],
                },
            }
        )
    cop = {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "ClusterOverridePolicy",
        "metadata": {"name": "annotate"},
        "spec": {
            "overrideRules": [
                {
                    "overriders": {
                        "annotationsOverrider": [{"operator": "add", "value": {"owner": "ops"}}]
                    }
                }
            ]
        },
    }
    return ops, [cop]


def _detect(templates: int, policies: int) -> float:
    """Build a matcher over `policies` and claim `templates`; total milliseconds."""
    namespaces = [f"ns{i}" for i in range(max(1, policies // 10))]
    pps = []
    for i in range(policies):
        namespace = namespaces[i % len(namespaces)]
        selector: dict[str, Any] = {"apiVersion": "apps/v1", "kind": "Deployment"}
        if i % 3 == 0:
            selector["name"] = f"app{i}"
        elif i % 3 == 1:
            selector["labelSelector"] = {"matchLabels": {"team": f"t{i % 7}"}}
        policy = _policy(f"p{i}", namespace, selector, {})
        policy["spec"]["priority"] = i % 5
        pps.append(policy)
    items = [deployment(f"app{i}", namespaces[i % len(namespaces)]) for i in range(templates)]
    start = time.perf_counter()
    matcher = PolicyMatcher(pps, [])
    for template in items:
        matcher.match(template)
    return (time.perf_counter() - start) * 1000


def run(scale: int = 1000, *, templates: int = 10_000, policies: int = 1_000) -> Iterator[str]:
    """Yield the semantics and preview BENCH lines (`scale` does not change these sizes)."""
    clusters = [cluster(i) for i in range(CLUSTERS)]
    template = deployment("web")
    workload = workload_summary(template)
    yield line(
        "semantics.schedule",
        clusters=CLUSTERS,
        median_ms=median_ms(lambda: schedule(clusters, workload, DYNAMIC)),
    )
    ops, cops = overrides()
    yield line(
        "semantics.override",
        median_ms=median_ms(lambda: apply_overrides(template, clusters[0], ops, cops)),
    )
    yield line(
        "semantics.detect",
        templates=templates,
        policies=policies,
        total_ms=_detect(templates, policies),
    )
    selector = {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}
    draft = _policy("web", "shop", selector, DYNAMIC)

    def preview() -> object:
        return preview_policy(
            template,
            draft,
            propagation_policies=[],
            cluster_propagation_policies=[],
            override_policies=ops,
            cluster_override_policies=cops,
            clusters=clusters,
        )

    yield line("preview.policy", clusters=CLUSTERS, median_ms=median_ms(preview))
