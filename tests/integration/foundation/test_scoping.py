"""The one scoping method: who sees and changes what."""

import pytest

from clusters.models import KarmadaInstance
from kairship_ui.models import AuditEntry
from tenants.models import Membership, Tenant
from tests.factories import KarmadaInstanceFactory, TenantNamespaceFactory

pytestmark = pytest.mark.django_db


def test_viewer_sees_only_own_tenant(bob, tenant_a, tenant_b):
    assert list(Tenant.objects.for_user(bob)) == [tenant_a]


def test_viewer_cannot_change_own_tenant(bob, tenant_a):
    assert not Tenant.objects.for_user(bob, "change").exists()


def test_editor_can_change_but_not_administer(alice, tenant_a):
    assert list(Tenant.objects.for_user(alice, "change")) == [tenant_a]
    assert not Tenant.objects.for_user(alice, "admin").exists()


def test_operator_sees_everything(olga, tenant_a, tenant_b):
    assert set(Tenant.objects.for_user(olga, "admin")) == {tenant_a, tenant_b}


def test_anonymous_sees_nothing(tenant_a):
    from django.contrib.auth.models import AnonymousUser

    assert not Tenant.objects.for_user(AnonymousUser()).exists()


def test_memberships_of_other_tenants_are_invisible(carol, bob):
    assert {m.user.username for m in Membership.objects.for_user(carol)} == {"carol"}


def test_tenant_reads_instances_through_its_namespaces_only(bob, tenant_a, tenant_b):
    mine, theirs = KarmadaInstanceFactory(), KarmadaInstanceFactory()
    TenantNamespaceFactory(tenant=tenant_a, instance=mine)
    TenantNamespaceFactory(tenant=tenant_b, instance=theirs)
    assert list(KarmadaInstance.objects.for_user(bob)) == [mine]
    assert not KarmadaInstance.objects.for_user(bob, "change").exists()


def test_audit_entries_follow_their_tenant(bob, tenant_a, tenant_b):
    AuditEntry.objects.create(actor_name="x", action="a", kind="Tenant", tenant=tenant_a)
    AuditEntry.objects.create(actor_name="x", action="a", kind="Tenant", tenant=tenant_b)
    AuditEntry.objects.create(actor_name="x", action="a", kind="Instance")
    assert [e.tenant for e in AuditEntry.objects.for_user(bob)] == [tenant_a]


def test_unknown_action_is_refused(bob):
    with pytest.raises(ValueError):
        Tenant.objects.for_user(bob, "delete")
