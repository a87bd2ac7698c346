"""Instances through karmada-operator: the `Karmada` object on a host, followed until ready.

The sandbox serves the operator's `Karmada` kind (schema-validated) but runs no operator: the
tests below play karmada-operator themselves, writing the Ready condition and the admin
kubeconfig Secret through the API, exactly where the real operator writes them.
"""

import base64

import pytest
import yaml
from django.urls import reverse

from clusters import services, tasks
from clusters.karmada import client_for as karmada_client
from clusters.models import Health, KarmadaInstance, KarmadaPhase, OperatorKarmada
from kairship_ui import live
from kairship_ui.errors import AlreadyExists, InvalidInput, NotAllowed
from kairship_ui.models import AuditEntry, Operation, Outcome
from karmada_gateway import KarmadaNotFound
from karmada_sandbox.server import SandboxServer

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def new_control_plane():
    """The control plane the operator would have installed (its admin kubeconfig goes here)."""
    with SandboxServer(seed="empty", name="fresh") as server:
        yield server


def run_change(operation):
    tasks.apply_karmada_change(operation_id=operation.pk)
    operation.refresh_from_db()
    return operation


def create(olga, host, django_capture_on_commit_callbacks, **fields):
    fields = {"name": "fleet", "namespace": "karmada-system", "version": "v1.15.0", **fields}
    with django_capture_on_commit_callbacks() as callbacks:
        karmada = services.create_karmada(actor=olga, host=host, **fields)
    assert any("apply_karmada_change" in repr(c) for c in callbacks)
    run_change(Operation.objects.get(verb="karmada.create", name=fields["name"]))
    services.refresh_karmada(karmada.pk)  # what the task queues next, and the beat repeats
    karmada.refresh_from_db()
    return karmada


def act_as_operator(host, karmada, ready, reason, kubeconfig=None):
    """Write what karmada-operator writes: the Ready condition and the admin Secret."""
    with karmada_client(host) as client:
        raw = client.get_karmada(karmada.namespace, karmada.name).raw
        status = {
            "conditions": [
                {
                    "type": "Ready",
                    "status": ready,
                    "reason": reason,
                    "message": f"{reason} message",
                    "lastTransitionTime": "2026-01-01T00:00:00Z",
                }
            ]
        }
        if kubeconfig is not None:
            name = f"{karmada.name}-karmada-admin-config"
            status["secretRef"] = {"namespace": karmada.namespace, "name": name}
            client.create_resource(
                {
                    "apiVersion": "v1",
                    "kind": "Secret",
                    "metadata": {"name": name, "namespace": karmada.namespace},
                    "data": {"karmada.config": base64.b64encode(kubeconfig.encode()).decode()},
                }
            )
        client.update_karmada_status({**raw, "status": status})


def test_create_writes_the_karmada_object_on_the_host(
    olga, instance, django_capture_on_commit_callbacks
):
    karmada = create(olga, instance, django_capture_on_commit_callbacks)
    with karmada_client(instance) as client:
        raw = client.get_karmada("karmada-system", "fleet").raw
    components = raw["spec"]["components"]
    assert components["etcd"]["local"]["replicas"] == 1
    assert components["karmadaControllerManager"]["imageTag"] == "v1.15.0"
    assert "v1.15.0" in raw["spec"]["crdTarball"]["httpSource"]["url"]
    assert karmada.phase == KarmadaPhase.PENDING  # no operator has set a condition yet
    assert "karmada-operator" in karmada.ready_message
    assert AuditEntry.objects.get(action="karmada.create").instance == instance


def test_ready_registers_the_new_instance_from_the_admin_secret(
    olga, instance, new_control_plane, django_capture_on_commit_callbacks
):
    karmada = create(olga, instance, django_capture_on_commit_callbacks)
    act_as_operator(instance, karmada, "False", "Progressing")
    services.refresh_karmada(karmada.pk)
    karmada.refresh_from_db()
    assert karmada.phase == KarmadaPhase.PROGRESSING and karmada.ready_reason == "Progressing"
    assert karmada.pk in services.karmadas_to_follow()

    kubeconfig = yaml.safe_dump(new_control_plane.kubeconfig())
    act_as_operator(instance, karmada, "True", "Completed", kubeconfig)
    with django_capture_on_commit_callbacks() as callbacks:
        services.refresh_karmada(karmada.pk)
    assert any("verify_instance" in repr(c) for c in callbacks)
    karmada.refresh_from_db()
    assert karmada.phase == KarmadaPhase.READY and karmada.registered.name == "fleet"
    assert karmada.pk not in services.karmadas_to_follow()
    registered = KarmadaInstance.objects.get(name="fleet")
    assert registered.kubeconfig_text() == kubeconfig
    tasks.verify_instance(operation_id=registered.operations.get(verb="instance.verify").pk)
    registered.refresh_from_db()
    assert registered.health == Health.HEALTHY


def test_failed_condition_shows_the_operators_message(
    olga, instance, django_capture_on_commit_callbacks
):
    karmada = create(olga, instance, django_capture_on_commit_callbacks)
    act_as_operator(instance, karmada, "False", "Failed")
    services.refresh_karmada(karmada.pk)
    karmada.refresh_from_db()
    assert karmada.phase == KarmadaPhase.FAILED and karmada.ready_message == "Failed message"


def test_update_patches_version_and_replicas(olga, instance, django_capture_on_commit_callbacks):
    karmada = create(olga, instance, django_capture_on_commit_callbacks)
    operation = services.update_karmada(
        actor=olga,
        karmada=karmada,
        version="v1.16.0",
        replicas={"karmadaScheduler": 3, "karmadaAPIServer": 2},
    )
    assert run_change(operation).state == Outcome.SUCCEEDED
    with karmada_client(instance) as client:
        components = client.get_karmada("karmada-system", "fleet").raw["spec"]["components"]
    scheduler = components["karmadaScheduler"]
    assert (scheduler["imageTag"], scheduler["replicas"]) == ("v1.16.0", 3)
    assert components["karmadaAPIServer"]["replicas"] == 2
    assert components["karmadaWebhook"]["imageTag"] == "v1.16.0"


def test_uninstall_deletes_the_object_and_forgets_it(
    olga, instance, django_capture_on_commit_callbacks
):
    karmada = create(olga, instance, django_capture_on_commit_callbacks)
    operation = services.uninstall_karmada(actor=olga, karmada=karmada)
    assert run_change(operation).state == Outcome.SUCCEEDED
    with karmada_client(instance) as client, pytest.raises(KarmadaNotFound):
        client.get_karmada("karmada-system", "fleet")
    services.refresh_karmada(karmada.pk)  # also what run_change queued
    assert not OperatorKarmada.objects.filter(pk=karmada.pk).exists()


def test_bad_input_is_refused_at_the_field(olga, instance):
    cases = [
        ({"name": "Fleet!"}, "name"),
        ({"namespace": "a_b"}, "namespace"),
        ({"version": "latest"}, "version"),
        ({"replicas": {"karmadaScheduler": 40}}, "karmadaScheduler"),
    ]
    for change, field in cases:
        fields = {"name": "fleet", "namespace": "karmada-system", **change}
        with pytest.raises(InvalidInput) as error:
            services.create_karmada(actor=olga, host=instance, **fields)
        assert error.value.field == field
    with pytest.raises(AlreadyExists) as error:
        services.create_karmada(actor=olga, host=instance, name=instance.name, namespace="k")
    assert error.value.field == "name"
    assert not OperatorKarmada.objects.exists()


def test_tenants_cannot_create_or_see(alice, client_for, olga, instance):
    with pytest.raises(NotAllowed):
        services.create_karmada(actor=alice, host=instance, name="x", namespace="y")
    karmada = OperatorKarmada.objects.create(host=instance, namespace="n", name="k")
    client = client_for(alice)
    assert client.get(reverse("clusters:karmada_list")).status_code == 404
    assert client.get(reverse("clusters:karmada_detail", args=[karmada.pk])).status_code == 404
    assert (
        client_for(olga).get(reverse("clusters:karmada_detail", args=[karmada.pk])).status_code
        == 200
    )


def test_create_page_reports_errors_at_the_field(client_for, olga, instance):
    response = client_for(olga).post(
        reverse("clusters:karmada_create"),
        {"host": instance.pk, "name": "fleet", "namespace": "karmada-system", "version": "x"}
        | {name: 1 for name in services.operator.operator.SCALABLE_COMPONENTS},
    )
    assert response.status_code == 422 and "A Karmada release" in response.content.decode()


def test_operator_page_fragment_is_live_for_operators_only(olga, alice, instance):
    karmada = OperatorKarmada.objects.create(host=instance, namespace="n", name="k")
    topic = live.object_group("karmada", karmada.pk)
    assert live.authorize(olga, topic) and not live.authorize(alice, topic)
    assert live.authorize(olga, live.all_list_group("karmadas"))
    html = live.render_fragment(olga, "karmada", karmada.pk)
    assert f'id="karmada-{karmada.pk}-summary"' in html and 'hx-swap-oob="true"' in html
    assert live.render_fragment(alice, "karmada", karmada.pk) is None


def test_admin_lists_operator_instances_read_only(client_for, olga, instance):
    olga.is_superuser = True
    olga.save()
    OperatorKarmada.objects.create(host=instance, namespace="n", name="k-admin")
    client = client_for(olga)
    page = client.get(reverse("admin:clusters_operatorkarmada_changelist"))
    assert page.status_code == 200 and "k-admin" in page.content.decode()
    assert client.get(reverse("admin:clusters_operatorkarmada_add")).status_code == 403
