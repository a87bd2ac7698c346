"""REST API: the same scoping as the pages, token and session auth."""

import pytest
from rest_framework.test import APIClient

from tenants.models import Membership

pytestmark = pytest.mark.django_db


def test_other_tenant_is_404(api, carol, tenant_a):
    assert api(carol).get(f"/api/tenants/{tenant_a.pk}/").status_code == 404


def test_list_is_scoped_and_paginated(api, carol, tenant_a, tenant_b):
    body = api(carol).get("/api/tenants/").json()
    assert body["count"] == 1 and body["results"][0]["slug"] == "payments"


def test_viewer_cannot_rename(api, bob, tenant_a):
    assert api(bob).patch(f"/api/tenants/{tenant_a.pk}/", {"name": "x"}).status_code == 404


def test_cannot_add_member_to_other_tenant(api, carol, bob, tenant_a):
    response = api(carol).post(
        "/api/memberships/", {"tenant": tenant_a.pk, "username": "carol", "role": "admin"}
    )
    assert response.status_code == 400 and "tenant" in response.json()
    assert not Membership.objects.filter(tenant=tenant_a, user__username="carol").exists()


def test_cannot_delete_other_tenants_membership(api, carol, bob):
    membership = Membership.objects.get(user=bob)
    assert api(carol).delete(f"/api/memberships/{membership.pk}/").status_code == 404


def test_audit_api_is_scoped(api, carol, tenant_a, olga):
    api(olga).post(
        "/api/memberships/", {"tenant": tenant_a.pk, "username": "carol", "role": "viewer"}
    )
    assert api(olga).get("/api/audit-entries/").json()["count"] == 1
    # carol became a viewer of A, so she now sees A's entry; a stranger does not.
    assert api(carol).get("/api/audit-entries/").json()["count"] == 1


def test_anonymous_is_refused():
    assert APIClient().get("/api/tenants/").status_code == 401


def test_session_auth_works(client_for, bob):
    assert client_for(bob).get("/api/tenants/").status_code == 200


def test_operator_creates_tenant_and_duplicates_fail_at_the_field(api, olga):
    client = api(olga)
    assert client.post("/api/tenants/", {"name": "Data", "slug": "data"}).status_code == 201
    response = client.post("/api/tenants/", {"name": "Data 2", "slug": "data"})
    assert response.status_code == 400 and "slug" in response.json()


def test_schema_and_docs_are_served(client_for, bob):
    client = client_for(bob)
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
