"""The events admin: operators browse and search events; nobody adds, changes or deletes one."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from clusters.models import KarmadaEvent
from tests.factories import KarmadaInstanceFactory, TenantNamespaceFactory
from tests.integration.clusters.test_event_api import record

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:clusters_karmadaevent_changelist"


@pytest.fixture
def superuser_olga(olga):
    olga.is_superuser = True
    olga.save()
    return olga


@pytest.fixture
def rows(tenant_a, tenant_b):
    instance = KarmadaInstanceFactory(name="east")
    TenantNamespaceFactory(tenant=tenant_a, instance=instance, namespace="shop")
    TenantNamespaceFactory(tenant=tenant_b, instance=instance, namespace="payments")
    hidden = KarmadaInstanceFactory(name="hidden-west")
    return {
        "shop": record(instance, "shop-1", "Deployment", "shop", "cart", 1, reason="BackOff"),
        "payments": record(instance, "pay-1", "Deployment", "payments", "ledger", 2),
        "work": record(instance, "w-1", "Work", "karmada-es-c1", "cart-x", 3, reason="SyncOK"),
        "west": record(hidden, "west-1", "Cluster", "", "c9", 4, reason="Ready"),
    }


def test_operator_opens_the_changelist(client_for, superuser_olga, rows):
    KarmadaEvent.objects.filter(pk=rows["shop"].pk).update(message="x" * 300)
    response = client_for(superuser_olga).get(reverse(CHANGELIST))
    assert response.status_code == 200
    body = response.content.decode()
    for reason in ("BackOff", "SyncOK", "Ready"):
        assert reason in body
    assert "Deployment shop/cart" in body and "x" * 99 + "…" in body and "x" * 101 not in body
    assert reverse("admin:clusters_karmadaevent_add") not in body


def test_operator_searches_and_filters(client_for, superuser_olga, rows):
    client = client_for(superuser_olga)
    body = client.get(reverse(CHANGELIST), {"q": "ledger"}).content.decode()
    assert "Deployment payments/ledger" in body and "Deployment shop/cart" not in body
    west = rows["west"].instance_id
    body = client.get(reverse(CHANGELIST), {"instance__id__exact": west}).content.decode()
    assert "Cluster c9" in body and "Deployment shop/cart" not in body


def test_nothing_can_be_added_changed_or_deleted(client_for, superuser_olga, rows):
    client = client_for(superuser_olga)
    event = rows["shop"]
    assert client.get(reverse("admin:clusters_karmadaevent_add")).status_code == 403
    change_url = reverse("admin:clusters_karmadaevent_change", args=[event.pk])
    page = client.get(change_url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    client.post(change_url, {"reason": "Edited", "message": "edited"})
    delete_url = reverse("admin:clusters_karmadaevent_delete", args=[event.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.reason == "BackOff"


def test_tenant_staff_see_only_their_events(client_for, carol, rows):
    carol.is_staff = True
    carol.save()
    carol.user_permissions.set(Permission.objects.filter(codename="view_karmadaevent"))
    body = client_for(carol).get(reverse(CHANGELIST)).content.decode()
    assert "Deployment payments/ledger" in body
    assert "Deployment shop/cart" not in body and "SyncOK" not in body
    assert "hidden-west" not in body  # not even as an instance to filter by
