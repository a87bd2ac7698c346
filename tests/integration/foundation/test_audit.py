"""Every mutating action is audited with a diff and an outcome; secrets never reach the log."""

import pytest
from django.urls import reverse

from kairship_ui import audit
from kairship_ui.errors import AlreadyExists
from kairship_ui.models import AuditEntry, Outcome
from kairship_ui.redaction import REDACTED, redact
from tenants import services

pytestmark = pytest.mark.django_db


def test_role_change_records_who_what_and_diff(dave, bob, tenant_a):
    membership = bob.memberships.get()
    services.change_role(actor=dave, membership=membership, role="editor")
    entry = AuditEntry.objects.get(action="membership.change")
    assert (entry.actor_name, entry.kind, entry.name, entry.tenant) == (
        "dave",
        "Membership",
        "bob",
        tenant_a,
    )
    assert entry.changes == [{"path": "role", "before": "viewer", "after": "editor"}]
    assert entry.outcome == Outcome.SUCCEEDED


def test_refused_action_is_recorded_as_failed(olga, tenant_a):
    with pytest.raises(AlreadyExists):
        services.create_tenant(actor=olga, name="Shop again", slug="shop")
    entry = AuditEntry.objects.get(action="tenant.create")
    assert entry.outcome == Outcome.FAILED and "already exists" in entry.message


def test_credentials_are_redacted():
    entry = audit.record(
        None,
        "instance.register",
        {"kind": "KarmadaInstance", "name": "prod"},
        after={"kubeconfig": "apiVersion: v1 token: abcdef123456", "labels": {"env": "prod"}},
    )
    assert entry.after == {"kubeconfig": REDACTED, "labels": {"env": "prod"}}


def test_secret_payload_is_redacted_but_configmap_data_is_not():
    secret = redact({"kind": "Secret", "data": {"password": "c2VjcmV0"}})
    config = redact({"kind": "ConfigMap", "data": {"mode": "fast"}})
    assert secret["data"] == REDACTED and config["data"] == {"mode": "fast"}


def test_audit_page_filters_by_outcome(client_for, olga, tenant_a):
    audit.record(olga, "tenant.update", tenant_a, before={"name": "A"}, after={"name": "B"})
    audit.record(olga, "tenant.delete", tenant_a, outcome=Outcome.FAILED, message="nope")
    body = client_for(olga).get(reverse("audit_list"), {"outcome": "failed"}).content.decode()
    assert "tenant.delete" in body and "tenant.update" not in body


def test_audit_admin_is_read_only(client_for, olga, tenant_a):
    olga.is_superuser = True
    olga.save()
    entry = audit.record(olga, "tenant.update", tenant_a)
    client = client_for(olga)
    assert client.get(reverse("admin:kairship_ui_auditentry_changelist")).status_code == 200
    response = client.post(
        reverse("admin:kairship_ui_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
