"""Pages and API lists: median server time and SQL query count at a given scale."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clusters.models import KarmadaInstance
from kairship_ui.models import AuditEntry
from tenants.models import Tenant

from .report import line, median_ms

PAGES = {
    "page.overview": "/",
    "page.audit_list": "/audit/",
    "page.tenant_list": "/tenants/",
    "page.instance_list": "/instances/",
    "api.audit_entries": "/api/audit-entries/",
    "api.tenants": "/api/tenants/",
}


INSTANCES = 3


def seed(scale: int) -> None:
    """`scale` tenants with ten audit entries each, and three instances."""
    tenants = Tenant.objects.bulk_create(
        Tenant(name=f"Bench tenant {i}", slug=f"bench-{i}") for i in range(scale)
    )
    KarmadaInstance.objects.bulk_create(  # the design's scale: a few instances, not thousands
        KarmadaInstance(name=f"bench-{i}", kubeconfig_encrypted=b"") for i in range(INSTANCES)
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(actor_name="bench", action="tenant.update", kind="Tenant", tenant=t, name=t.slug)
        for t in tenants
        for _ in range(10)
    )


def run(scale: int) -> Iterator[str]:
    seed(scale)
    operator = get_user_model().objects.create_superuser("bench-operator", password="x")
    client = Client()
    client.force_login(operator)
    rows = {
        "page.audit_list": scale * 10,
        "api.audit_entries": scale * 10,
        "page.instance_list": INSTANCES,
    }
    for name, url in PAGES.items():
        reset_queries()  # the debug query log is bounded; a full one hides new queries
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        ms = median_ms(lambda url=url: client.get(url))
        yield line(
            name, rows=rows.get(name, scale), median_ms=ms, queries=len(queries.captured_queries)
        )
