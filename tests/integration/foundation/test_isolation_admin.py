"""The admin is scoped like the pages: a staff user of tenant B never sees tenant A's rows."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from kairship_ui.models import AuditEntry
from tenants.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_carol(carol):
    carol.is_staff = True
    carol.save()
    carol.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["tenants", "kairship_ui"])
    )
    return carol


def test_changelists_hide_other_tenants(client_for, staff_carol, bob, tenant_a, tenant_b):
    AuditEntry.objects.create(actor_name="x", action="secret.thing", kind="Tenant", tenant=tenant_a)
    client = client_for(staff_carol)
    tenants = client.get(reverse("admin:tenants_tenant_changelist")).content.decode()
    assert "Payments" in tenants and "Shop" not in tenants
    members = client.get(reverse("admin:tenants_membership_changelist")).content.decode()
    assert "bob" not in members
    # Nor do the filters on a relation name them (the tenant filter lists Payments alone).
    assert "Payments" in members and "Shop" not in members
    audit = client.get(reverse("admin:kairship_ui_auditentry_changelist")).content.decode()
    assert "secret.thing" not in audit


def test_change_view_of_other_tenant_is_refused(client_for, staff_carol, tenant_a):
    response = client_for(staff_carol).get(
        reverse("admin:tenants_tenant_change", args=[tenant_a.pk])
    )
    assert response.status_code in (302, 404)
    assert "Shop" not in response.content.decode()


def test_cannot_delete_other_tenants_membership(client_for, staff_carol, bob):
    membership = Membership.objects.get(user=bob)
    client_for(staff_carol).post(
        reverse("admin:tenants_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_changes_are_audited(client_for, olga, tenant_a):
    olga.is_superuser = True
    olga.save()
    client_for(olga).post(
        reverse("admin:tenants_tenant_change", args=[tenant_a.pk]),
        {
            "name": "Shop renamed",
            "slug": "shop",
            "description": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "namespaces-TOTAL_FORMS": "0",
            "namespaces-INITIAL_FORMS": "0",
        },
    )
    entry = AuditEntry.objects.get(action="tenant.update.admin")
    assert {"path": "name", "before": "Shop", "after": "Shop renamed"} in entry.changes
