"""Creating, replacing and deleting resource templates through the queued task and the sandbox."""

import copy

import pytest
import yaml
from django.http import Http404

from clusters.karmada import client_for
from clusters.models import Health, KarmadaInstance, MemberCluster
from clusters.services.members import InstanceUnreachable
from kairship_ui.errors import AlreadyExists, NotAllowed
from kairship_ui.models import AuditEntry, Operation, Outcome
from kairship_ui.redaction import REDACTED
from karmada_gateway import KarmadaNotFound, KarmadaUnavailable
from karmada_sandbox.seed.builders import config_map, deployment, secret, service
from tests.factories import UserFactory
from workloads import services, sync, tasks
from workloads.models import Workload
from workloads.services import StaleEdit, ValidationFailed

pytestmark = pytest.mark.django_db


def run(operation: Operation) -> Operation:
    """Run the queued task as a worker would."""
    tasks.apply_object_change(operation_id=operation.pk)
    operation.refresh_from_db()
    return operation


def in_karmada(instance, api_version, kind, namespace, name) -> dict:
    with client_for(instance) as client:
        return client.get_resource(api_version, kind, namespace, name).raw


def submit(actor, instance, manifest, rv=None) -> Operation:
    return services.submit_object(
        actor=actor, instance=instance, manifest=manifest, expected_resource_version=rv
    )


def test_editor_creates_a_deployment(demo, alice, tenant_a, django_capture_on_commit_callbacks):
    manifest = deployment("web-create", "shop", 2, "nginx:1.27", "100m", "64Mi")
    with django_capture_on_commit_callbacks() as callbacks:
        operation = submit(alice, demo, manifest)
    assert any("apply_object_change" in repr(c) for c in callbacks)
    assert (operation.verb, operation.state, operation.tenant) == (
        "workload.create",
        Outcome.PENDING,
        tenant_a,
    )
    assert run(operation).state == Outcome.SUCCEEDED, operation.message
    row = Workload.objects.get(
        instance=demo, kind="Deployment", namespace="shop", name="web-create"
    )
    assert row.tenant == tenant_a and row.desired_replicas == 2
    assert operation.payload["resource_version"]
    assert in_karmada(demo, "apps/v1", "Deployment", "shop", "web-create")["spec"]["replicas"] == 2
    entry = AuditEntry.objects.get(action="workload.create", outcome=Outcome.SUCCEEDED)
    assert entry.before is None and entry.after["spec"]["replicas"] == 2
    assert (entry.tenant, entry.name, entry.actor) == (tenant_a, "web-create", alice)


def test_viewer_is_refused_and_nothing_is_queued(demo, bob):
    manifest = config_map("bob-config", "shop", {"a": "1"})
    with pytest.raises(NotAllowed, match="view namespace shop but not change"):
        submit(bob, demo, manifest)
    assert not Operation.objects.filter(verb="workload.create").exists()
    refused = AuditEntry.objects.get(action="workload.create")
    assert refused.outcome == Outcome.FAILED and refused.tenant is None  # operators' log only


def test_other_tenants_namespace_looks_like_an_unowned_one(demo, carol):
    with pytest.raises(NotAllowed) as shop:
        submit(carol, demo, config_map("x", "shop", {}))
    with pytest.raises(NotAllowed) as unowned:
        submit(carol, demo, config_map("x", "legacy", {}))
    assert shop.value.message.replace("shop", "NS") == unowned.value.message.replace("legacy", "NS")


def test_operator_writes_where_no_tenant_owns_the_namespace(demo, olga):
    operation = run(submit(olga, demo, config_map("olga-config", "default", {"a": "1"})))
    assert operation.state == Outcome.SUCCEEDED and operation.tenant is None


def test_instance_the_user_cannot_see_is_404(demo):
    stranger = UserFactory(username="eve")
    with pytest.raises(Http404):
        submit(stranger, demo, config_map("x", "shop", {}))


def test_invalid_manifest_reports_problems_at_their_fields(demo, alice):
    manifest = deployment("Bad_Name", "shop", 2, "nginx", "100m", "64Mi")
    manifest["spec"]["replicas"] = "two"
    with pytest.raises(ValidationFailed) as error:
        submit(alice, demo, manifest)
    fields = {p.field_path for p in error.value.problems}
    assert "spec.replicas" in fields and "metadata.name" in fields
    assert not Operation.objects.filter(verb__startswith="workload").exists()


@pytest.mark.parametrize(
    ("manifest", "field"),
    [
        ({"apiVersion": "v1", "kind": "Pod"}, "kind"),
        ({"apiVersion": "apps/v1beta1", "kind": "Deployment"}, "apiVersion"),
        (
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}},
            "metadata.namespace",
        ),
    ],
)
def test_kinds_and_scope_are_checked_first(demo, alice, manifest, field):
    with pytest.raises(ValidationFailed) as error:
        submit(alice, demo, manifest)
    assert [p.field_path for p in error.value.problems] == [field]


def test_creating_an_existing_object_is_refused_at_the_name(demo, alice):
    with pytest.raises(AlreadyExists) as error:
        submit(alice, demo, config_map("storefront-config", "shop", {}))
    assert error.value.field == "metadata.name"


def current(instance, kind, namespace, name) -> Workload:
    return Workload.objects.get(instance=instance, kind=kind, namespace=namespace, name=name)


def fresh_config(instance, name: str) -> Workload:
    """A ConfigMap created in Karmada behind the console's back, then mirrored.

    The sandbox lives for the whole module, so each test edits an object of its own.
    """
    with client_for(instance) as client:
        raw = client.create_resource(config_map(name, "shop", {"THEME": "autumn"})).raw
    return sync.upsert_workload(instance, raw)


def edited_config(row: Workload, **data) -> dict:
    manifest = services.editable(row.raw)
    manifest["data"] = {**manifest.get("data", {}), **data}
    # What a user pastes: no Karmada claim labels (the replace keeps them anyway).
    manifest["metadata"].pop("labels", None)
    return manifest


def test_update_replaces_the_object_and_keeps_karmadas_claim(demo, alice):
    row = current(demo, "ConfigMap", "shop", "storefront-config")  # claimed by storefront
    claim = {k: v for k, v in row.raw["metadata"]["labels"].items() if "karmada.io" in k}
    assert claim
    before, after = row.raw["data"]["THEME"], f"{row.raw['data']['THEME']}!"
    operation = run(submit(alice, demo, edited_config(row, THEME=after), row.resource_version))
    assert operation.state == Outcome.SUCCEEDED, operation.message
    stored = in_karmada(demo, "v1", "ConfigMap", "shop", "storefront-config")
    assert stored["data"]["THEME"] == after
    assert claim.items() <= stored["metadata"]["labels"].items()
    assert current(demo, "ConfigMap", "shop", "storefront-config").raw["data"]["THEME"] == after
    entry = AuditEntry.objects.get(action="workload.update", outcome=Outcome.SUCCEEDED)
    assert {"path": "data.THEME", "before": before, "after": after} in entry.changes


def test_stale_resource_version_is_refused_with_the_diff(demo, alice):
    row = fresh_config(demo, "stale-config")
    with pytest.raises(StaleEdit) as error:
        submit(alice, demo, edited_config(row, THEME="spring"), "1")
    stale = error.value
    assert stale.status == 409 and "someone else since you opened it" in stale.message
    assert stale.current["data"]["THEME"] == "autumn"
    assert stale.resource_version == row.resource_version
    assert {"path": "data.THEME", "before": "autumn", "after": "spring"} in stale.diff
    assert not Operation.objects.filter(verb__startswith="workload").exists()


def test_stale_edit_names_the_console_user_who_won(demo, alice, dave):
    row = fresh_config(demo, "contested-config")
    opened = row.resource_version
    run(submit(alice, demo, edited_config(row, THEME="winter"), opened))
    with pytest.raises(StaleEdit, match="changed by alice since you opened it"):
        submit(dave, demo, edited_config(row, THEME="summer"), opened)


def test_karmada_conflict_fails_the_operation_with_the_diff(demo, alice):
    row = fresh_config(demo, "raced-config")
    operation = submit(alice, demo, edited_config(row, THEME="winter"), row.resource_version)
    with client_for(demo) as client:  # someone with kubectl gets there first
        client.patch_resource(
            "v1", "ConfigMap", "shop", "raced-config", {"data": {"THEME": "neon"}}
        )
    operation = run(operation)
    assert operation.state == Outcome.FAILED
    assert "changed in Karmada since you opened it; reload" in operation.message
    conflict = operation.payload["conflict"]
    assert {"path": "data.THEME", "before": "neon", "after": "winter"} in conflict["diff"]
    assert in_karmada(demo, "v1", "ConfigMap", "shop", "raced-config")["data"]["THEME"] == "neon"
    # The inventory shows Karmada's version at once, so a reload offers the right one.
    assert current(demo, "ConfigMap", "shop", "raced-config").raw["data"]["THEME"] == "neon"


def test_running_the_task_twice_changes_nothing(demo, alice):
    operation = submit(alice, demo, config_map("twice", "shop", {"a": "1"}))
    run(operation)
    Operation.objects.filter(pk=operation.pk).update(state=Outcome.PENDING)  # a redelivery
    assert run(operation).state == Outcome.SUCCEEDED  # Karmada already holds it: done


def test_secret_data_is_never_stored_in_clear(demo, alice):
    manifest = secret("api-token", "shop", {"token": "czNjcjN0LXZhbHVl"})
    operation = submit(alice, demo, manifest)
    assert "czNjcjN0LXZhbHVl" not in str(Operation.objects.get(pk=operation.pk).payload)
    operation = run(operation)
    assert operation.state == Outcome.SUCCEEDED, operation.message
    assert not operation.payload["sealed"]  # forgotten once it is in Karmada
    assert in_karmada(demo, "v1", "Secret", "shop", "api-token")["data"] == manifest["data"]
    stored = current(demo, "Secret", "shop", "api-token")
    assert "data" not in stored.raw
    entry = AuditEntry.objects.get(action="workload.create", name="api-token")
    assert entry.after["data"] == REDACTED and "czNjcjN0LXZhbHVl" not in str(entry.changes)


def test_delete_removes_it_from_karmada_and_the_inventory(demo, alice):
    run(submit(alice, demo, config_map("short-lived", "shop", {"a": "1"})))
    operation = services.delete_object(
        actor=alice, instance=demo, kind="ConfigMap", namespace="shop", name="short-lived"
    )
    assert operation.verb == "workload.delete"
    assert run(operation).state == Outcome.SUCCEEDED
    assert not Workload.objects.filter(instance=demo, name="short-lived").exists()
    with pytest.raises(KarmadaNotFound):
        in_karmada(demo, "v1", "ConfigMap", "shop", "short-lived")
    entry = AuditEntry.objects.get(action="workload.delete")
    assert entry.before["data"] == {"a": "1"} and entry.after is None


def test_delete_spares_an_object_created_again_under_the_same_name(demo, alice):
    run(submit(alice, demo, config_map("reborn", "shop", {"a": "1"})))
    operation = services.delete_object(
        actor=alice, instance=demo, kind="ConfigMap", namespace="shop", name="reborn"
    )
    # Before the task runs, someone deletes it and creates a new one with the same name.
    with client_for(demo) as client:
        client.delete_resource("v1", "ConfigMap", "shop", "reborn")
        client.create_resource(config_map("reborn", "shop", {"b": "2"}))
    failed = run(operation)
    assert failed.state == Outcome.FAILED and "created again" in failed.message
    assert in_karmada(demo, "v1", "ConfigMap", "shop", "reborn")["data"] == {"b": "2"}


def test_delete_of_an_object_replaced_since_the_user_saw_it_is_refused(demo, alice):
    kwargs = {"instance": demo, "kind": "Deployment", "namespace": "shop", "name": "storefront"}
    with pytest.raises(StaleEdit) as refused:
        services.delete_object(actor=alice, expected_uid="the-one-alice-saw", **kwargs)
    assert "created again" in refused.value.message
    assert not Operation.objects.filter(verb="workload.delete").exists()


def test_delete_is_refused_for_viewers_and_strangers(demo, bob, carol):
    kwargs = {"instance": demo, "kind": "Deployment", "namespace": "shop", "name": "storefront"}
    with pytest.raises(NotAllowed):
        services.delete_object(actor=bob, **kwargs)
    with pytest.raises(NotAllowed):
        services.delete_object(actor=carol, **kwargs)
    assert not Operation.objects.filter(verb__startswith="workload").exists()


def test_writes_are_refused_while_the_instance_is_unreachable(demo, alice):
    KarmadaInstance.objects.filter(pk=demo.pk).update(health=Health.UNREACHABLE)
    instance = KarmadaInstance.objects.get(pk=demo.pk)
    with pytest.raises(InstanceUnreachable):
        submit(alice, instance, config_map("later", "shop", {"a": "1"}))


def test_deletion_impact_names_the_clusters(demo):
    storefront = current(demo, "Deployment", "shop", "storefront")
    impact = services.deletion_impact(storefront)
    placed = {p.cluster_name: p.replicas for p in storefront.binding.placements.all()}
    assert impact.clusters == placed and not impact.preserved
    assert all(name in impact.summary for name in placed)
    assert impact.summary.startswith("Karmada deletes Deployment shop/storefront from")


def test_a_task_for_a_vanished_object_says_so(demo, alice):
    run(submit(alice, demo, config_map("vanishing", "shop", {"a": "1"})))
    row = current(demo, "ConfigMap", "shop", "vanishing")
    operation = submit(alice, demo, edited_config(row, a="2"), row.resource_version)
    with client_for(demo) as client:
        client.delete_resource("v1", "ConfigMap", "shop", "vanishing")
    operation = run(operation)
    assert operation.state == Outcome.FAILED and "no longer exists" in operation.message


def test_audit_after_holds_what_was_submitted(demo, alice):
    manifest = config_map("audited", "shop", {"k": "v"})
    run(submit(alice, demo, copy.deepcopy(manifest)))
    entry = AuditEntry.objects.get(action="workload.create", name="audited")
    assert entry.after == manifest


def test_unreachable_karmada_puts_the_operation_back_for_a_retry(demo, alice):
    operation = submit(alice, demo, config_map("retried", "shop", {"a": "1"}))
    kubeconfig = yaml.safe_load(demo.kubeconfig_text())
    working = copy.deepcopy(kubeconfig)
    kubeconfig["clusters"][0]["cluster"]["server"] = "http://127.0.0.1:9"  # nothing listens
    demo.set_kubeconfig(yaml.safe_dump(kubeconfig))
    demo.save(update_fields=["kubeconfig_encrypted"])
    with pytest.raises(KarmadaUnavailable):
        tasks.apply_object_change(operation_id=operation.pk)
    operation.refresh_from_db()
    assert operation.state == Outcome.PENDING  # Celery retries it with backoff
    demo.set_kubeconfig(yaml.safe_dump(working))
    demo.save(update_fields=["kubeconfig_encrypted"])
    assert run(operation).state == Outcome.SUCCEEDED


def test_check_object_answers_problems_without_queueing(demo, alice, bob):
    good = config_map("checked", "shop", {"a": "1"})
    assert services.check_object(actor=alice, instance=demo, manifest=good) == []
    [refused] = services.check_object(actor=bob, instance=demo, manifest=good)
    assert refused.field_path == "metadata.namespace" and "not change it" in refused.message
    bad = {**good, "data": {"a": 1}}
    [problem] = services.check_object(actor=alice, instance=demo, manifest=bad)
    assert (problem.field_path, problem.message) == ("data.a", "Must be a string.")
    assert not Operation.objects.filter(verb__startswith="workload").exists()


def test_fields_older_members_do_not_know_warn_without_blocking(demo, alice):
    """The demo's control plane runs 1.32; two members run 1.29, which lacks
    spec.trafficDistribution (1.30+): Karmada takes the Service, their copies would not apply."""
    manifest = service("nearby", "shop")
    manifest["spec"]["trafficDistribution"] = "PreferClose"
    [warning] = services.check_object(actor=alice, instance=demo, manifest=manifest)
    old = MemberCluster.objects.filter(instance=demo, kubernetes_version__startswith="v1.29")
    assert warning.warning and warning.field_path == "spec.trafficDistribution"
    assert all(f"{c.name} (1.29)" in warning.message for c in old) and old.exists()
    assert run(submit(alice, demo, manifest)).state == Outcome.SUCCEEDED
