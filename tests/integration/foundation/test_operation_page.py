"""The operation page: what was sent, its outcome live, and a link to the object once it lands."""

import pytest
from django.urls import reverse

from kairship_ui import live, operations
from kairship_ui.models import Operation, Outcome
from tests.factories import KarmadaInstanceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operation(alice, tenant_a):
    return Operation.objects.create(
        actor=alice,
        verb="workload.create",
        tenant=tenant_a,
        instance=KarmadaInstanceFactory(),
        kind="Deployment",
        namespace="shop",
        name="web",
    )


def test_pending_operation_says_it_waits_for_karmada(client_for, alice, operation):
    page = client_for(alice).get(reverse("operation_detail", args=[operation.pk]))
    assert page.status_code == 200
    assert 'data-operation-state="pending"' in page.text and "shop/web" in page.text


def test_other_tenants_get_404(client_for, carol, operation):
    page = client_for(carol).get(reverse("operation_detail", args=[operation.pk]))
    assert page.status_code == 404


def test_failure_shows_karmada_reason_and_the_conflicting_fields(client_for, alice, operation):
    operation.payload = {"conflict": [{"path": "spec.replicas", "before": 5, "after": 3}]}
    operation.save()
    operations.finish(operation, Outcome.FAILED, "Changed in Karmada since you opened it.")
    page = client_for(alice).get(reverse("operation_detail", args=[operation.pk]))
    assert "Changed in Karmada since you opened it." in page.text
    assert "<code>spec.replicas</code>" in page.text


def test_succeeded_operation_links_to_the_object_its_app_resolves(client_for, alice, operation):
    operations.register_target(("Deployment",), lambda op: f"/somewhere/{op.name}")
    try:
        operations.finish(operation, Outcome.SUCCEEDED)
        page = client_for(alice).get(reverse("operation_detail", args=[operation.pk]))
    finally:
        operations._TARGETS.pop("Deployment")
    assert 'href="/somewhere/web" data-target-link' in page.text


def test_the_live_fragment_is_rendered_for_members_only(alice, carol, operation):
    assert live.authorize(alice, live.object_group("operation", operation.pk))
    assert not live.authorize(carol, live.object_group("operation", operation.pk))
    html = live.render_fragment(alice, "operation", operation.pk)
    assert f'id="operation-{operation.pk}-status"' in html and 'hx-swap-oob="true"' in html
