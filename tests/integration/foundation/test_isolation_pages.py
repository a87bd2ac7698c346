"""Pages and htmx fragments: another tenant's objects answer 404, viewers change nothing."""

import pytest
from django.urls import reverse

from kairship_ui.models import AuditEntry
from tenants.models import Membership

pytestmark = pytest.mark.django_db


def test_other_tenant_detail_is_404(client_for, carol, tenant_a):
    response = client_for(carol).get(reverse("tenants:tenant_detail", args=[tenant_a.pk]))
    assert response.status_code == 404


def test_other_tenant_fragment_is_404(client_for, carol, tenant_a):
    response = client_for(carol).get(
        reverse("tenants:tenant_detail", args=[tenant_a.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 404


def test_tenant_list_shows_only_own(client_for, carol, tenant_a, tenant_b):
    body = client_for(carol).get(reverse("tenants:tenant_list")).content.decode()
    assert "Payments" in body and "Shop" not in body


def test_viewer_cannot_add_member(client_for, bob, carol, tenant_a):
    response = client_for(bob).post(
        reverse("tenants:member_add", args=[tenant_a.pk]), {"username": "carol", "role": "admin"}
    )
    assert response.status_code == 404
    assert not Membership.objects.filter(tenant=tenant_a, user=carol).exists()


def test_other_tenant_cannot_remove_member(client_for, carol, bob, tenant_a):
    membership = Membership.objects.get(user=bob)
    response = client_for(carol).post(reverse("tenants:member_remove", args=[membership.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_non_operator_cannot_open_tenant_creation(client_for, alice):
    assert client_for(alice).get(reverse("tenants:tenant_create")).status_code == 404


def test_audit_page_hides_other_tenants(client_for, carol, tenant_a, tenant_b):
    AuditEntry.objects.create(actor_name="x", action="secret.thing", kind="Tenant", tenant=tenant_a)
    body = client_for(carol).get(reverse("audit_list")).content.decode()
    assert "secret.thing" not in body


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("tenants:tenant_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
