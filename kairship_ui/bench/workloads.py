"""Workload and policy pages and API lists at `scale` workloads, each bound to three clusters."""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clusters.models import KarmadaInstance, MemberCluster
from workloads.models import Placement, Policy, ResourceBinding, Workload, WorkloadState
from workloads.preview.inventory import preview_draft_policy

from . import semantics
from .report import line, median_ms

CLUSTERS = 10
PER_WORKLOAD = 3
BATCH = 2000


def _template(name: str) -> dict:
    meta = {"name": name, "namespace": "bench", "labels": {"app": name}}
    spec = {"replicas": 3}
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta, "spec": spec}


def seed(scale: int) -> tuple[Workload, Policy]:
    """`scale` Deployments claimed by one policy, with bindings placed on three of ten clusters."""
    instance = KarmadaInstance.objects.create(name="bench-workloads", kubeconfig_encrypted=b"")
    clusters = MemberCluster.objects.bulk_create(
        MemberCluster(instance=instance, name=f"m{i}", uid=f"m{i}", resource_version="1", raw={})
        for i in range(CLUSTERS)
    )
    spec = {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}]}
    policy = Policy.objects.create(
        instance=instance,
        kind="PropagationPolicy",
        namespace="bench",
        name="spread",
        uid="pp",
        resource_version="1",
        raw={
            "apiVersion": "policy.karmada.io/v1alpha1",
            "kind": "PropagationPolicy",
            "metadata": {"name": "spread", "namespace": "bench", "resourceVersion": "1"},
            "spec": spec,
        },
        selected_kinds=["Deployment"],
    )
    workloads = Workload.objects.bulk_create(
        (
            Workload(
                instance=instance,
                uid=f"w{i}",
                resource_version="1",
                namespace="bench",
                name=f"app-{i}",
                raw=_template(f"app-{i}"),
                api_version="apps/v1",
                kind="Deployment",
                desired_replicas=3,
                ready_replicas=3,
                policy_kind="PropagationPolicy",
                policy_namespace="bench",
                policy_name="spread",
                policy=policy,
            )
            for i in range(scale)
        ),
        batch_size=BATCH,
    )
    bindings = ResourceBinding.objects.bulk_create(
        (
            ResourceBinding(
                instance=instance,
                uid=f"rb{w.uid}",
                resource_version="1",
                namespace="bench",
                name=f"{w.name}-deployment",
                raw={},
                workload=w,
                template_uid=w.uid,
                replicas=3,
                ready_replicas=3,
                scheduled="True",
                fully_applied="True",
                state=WorkloadState.READY,
            )
            for w in workloads
        ),
        batch_size=BATCH,
    )
    Placement.objects.bulk_create(
        (
            Placement(
                binding=b,
                instance=instance,
                cluster=clusters[(i + k) % CLUSTERS],
                cluster_name=clusters[(i + k) % CLUSTERS].name,
                replicas=1,
                ready_replicas=1,
                health="Healthy",
                applied=True,
                reported=True,
            )
            for i, b in enumerate(bindings)
            for k in range(PER_WORKLOAD)
        ),
        batch_size=BATCH,
    )
    return workloads[0], policy


def run(scale: int) -> Iterator[str]:
    workload, policy = seed(scale)
    operator = get_user_model().objects.create_superuser("bench-workloads", password="x")
    client = Client()
    client.force_login(operator)
    urls = {
        "page.workload_list": "/workloads/",
        "page.workload_list_filtered": "/workloads/?state=ready&kind=Deployment&q=app-1",
        "page.workload_detail": f"/workloads/{workload.pk}/",
        "page.policy_list": "/policies/",
        "page.policy_detail": f"/policies/{policy.pk}/",
        "page.workload_edit": f"/workloads/{workload.pk}/edit/",
        "page.policy_edit": f"/policies/{policy.pk}/edit/",
        "api.workloads": "/api/workloads/",
        "api.resource_bindings": "/api/resource-bindings/",
    }
    for name, url in urls.items():
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        ms = median_ms(lambda url=url: client.get(url))
        yield line(name, workloads=scale, median_ms=ms, queries=len(queries.captured_queries))
    yield _editor_refresh_line(client, policy, scale)
    yield from preview_lines(scale, operator)


def _editor_refresh_line(client: Client, policy: Policy, scale: int) -> str:
    """One change in the policy editor: read, checks and the preview of what it claims."""
    url = f"/policies/{policy.pk}/edit/"
    data = {"_source": "yaml", "_yaml": yaml.safe_dump(policy.raw)}

    def refresh():
        return client.post(url, data, HTTP_HX_REQUEST="true")

    with CaptureQueriesContext(connection) as queries:
        if refresh().status_code != 200:
            raise RuntimeError(f"{url} refused the refresh")
    return line(
        "page.policy_editor_refresh",
        workloads=scale,
        median_ms=median_ms(refresh),
        queries=len(queries.captured_queries),
    )


def _seed_preview(scale: int) -> tuple[KarmadaInstance, Workload]:
    """An instance of 100 clusters (the design's scale) holding `scale` Deployments in shop."""
    instance = KarmadaInstance.objects.create(name="bench-preview", kubeconfig_encrypted=b"")
    MemberCluster.objects.bulk_create(
        MemberCluster(
            instance=instance, name=f"m{i:03}", uid=f"m{i}", resource_version="1", raw=raw
        )
        for i, raw in enumerate(semantics.cluster(i) for i in range(semantics.CLUSTERS))
    )
    workloads = Workload.objects.bulk_create(
        (
            Workload(
                instance=instance,
                uid=f"p{i}",
                resource_version="1",
                namespace="shop",
                name=f"web-{i}",
                raw=semantics.deployment(f"web-{i}"),
                api_version="apps/v1",
                kind="Deployment",
            )
            for i in range(scale)
        ),
        batch_size=BATCH,
    )
    return instance, workloads[0]


def preview_lines(scale: int, operator) -> Iterator[str]:
    """A draft Divided policy previewed from the inventory: for one workload and for 20."""
    instance, first = _seed_preview(scale)
    draft = {
        "apiVersion": "policy.karmada.io/v1alpha1",
        "kind": "PropagationPolicy",
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": {
            "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}],
            "placement": semantics.DYNAMIC,
        },
    }
    for name, workload in (("one", first), ("twenty", None)):

        def preview(workload=workload) -> object:
            return preview_draft_policy(instance, draft, user=operator, workload=workload)

        with CaptureQueriesContext(connection) as queries:
            count = len(preview())
        yield line(
            f"preview.inventory.{name}",
            clusters=semantics.CLUSTERS,
            workloads=scale,
            templates=count,
            median_ms=median_ms(preview),
            queries=len(queries.captured_queries),
        )
