"""List pages cost the same number of SQL queries at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kairship_ui.models import AuditEntry
from tests.factories import KarmadaInstanceFactory, TenantFactory

pytestmark = pytest.mark.django_db

PAGES = ["overview", "audit_list", "tenants:tenant_list", "clusters:instance_list"]


def grow(tenant, n):
    TenantFactory.create_batch(n)
    KarmadaInstanceFactory.create_batch(n)
    AuditEntry.objects.bulk_create(
        AuditEntry(actor_name="olga", action="x.y", kind="Tenant", tenant=tenant) for _ in range(n)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", PAGES)
def test_page_query_count_is_constant(client_for, olga, tenant_a, name):
    client = client_for(olga)
    url = reverse(name)
    grow(tenant_a, 3)
    small = count_queries(client, url)
    grow(tenant_a, 40)
    assert count_queries(client, url) == small
