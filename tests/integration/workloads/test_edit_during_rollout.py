"""Edits stay possible while Karmada writes status onto the template (as it does all through a
rollout): only a change of what the user edits makes an edit stale."""

import copy
from contextlib import suppress

import pytest
import yaml
from django.urls import reverse

from clusters.karmada import client_for
from kairship_ui.models import Operation, Outcome
from karmada_gateway import KarmadaConflict
from workloads import services, sync, tasks
from workloads.models import Workload
from workloads.services import StaleEdit, fingerprint

from .test_editor_pages import yaml_of

pytestmark = pytest.mark.django_db


def cart(demo) -> Workload:
    return Workload.objects.get(instance=demo, kind="Deployment", namespace="shop", name="cart")


def status_moves(demo, mirror: bool = True) -> None:
    """Karmada aggregates member status onto the template: new resourceVersion, same content."""
    with client_for(demo) as client:
        for _ in range(5):  # the sandbox's own controllers write this status too
            raw = client.get_resource("apps/v1", "Deployment", "shop", "cart").raw
            status = raw.get("status") or {}
            raw["status"] = {
                **status,
                "observedGeneration": status.get("observedGeneration", 0) + 1,
            }
            with suppress(KarmadaConflict):
                moved = client.update_resource_status(raw).raw
                break
    if mirror:
        sync.upsert_workload(demo, moved)


def replicas_edit(row: Workload, replicas: int) -> dict:
    manifest = copy.deepcopy(services.editable(row.raw))
    manifest["spec"]["replicas"] = replicas
    return manifest


def submit(alice, demo, manifest, opened: Workload):
    return services.submit_object(
        actor=alice,
        instance=demo,
        manifest=manifest,
        expected_resource_version=opened.resource_version,
        expected_content=fingerprint(opened.raw),
    )


def run(operation):
    tasks.apply_object_change(operation_id=operation.pk)
    operation.refresh_from_db()
    return operation


def in_karmada(demo) -> dict:
    with client_for(demo) as client:
        return client.get_resource("apps/v1", "Deployment", "shop", "cart").raw


def test_status_written_since_the_editor_opened_does_not_make_the_edit_stale(demo, alice):
    opened = cart(demo)
    status_moves(demo)
    assert cart(demo).resource_version != opened.resource_version
    operation = run(submit(alice, demo, replicas_edit(opened, 5), opened))
    assert operation.state == Outcome.SUCCEEDED, operation.message
    assert in_karmada(demo)["spec"]["replicas"] == 5


def test_status_written_while_the_task_waits_does_not_fail_it(demo, alice):
    opened = cart(demo)
    operation = submit(alice, demo, replicas_edit(opened, 4), opened)
    status_moves(demo, mirror=False)  # Karmada moved on; the inventory has not seen it yet
    assert run(operation).state == Outcome.SUCCEEDED, operation.message
    assert in_karmada(demo)["spec"]["replicas"] == 4


def test_a_change_of_content_is_still_stale(demo, alice, dave):
    opened = cart(demo)
    run(submit(dave, demo, replicas_edit(opened, 7), opened))
    with pytest.raises(StaleEdit, match="changed by dave"):
        submit(alice, demo, replicas_edit(opened, 3), opened)


def test_a_change_of_content_while_the_task_waits_fails_it(demo, alice):
    opened = cart(demo)
    operation = submit(alice, demo, replicas_edit(opened, 2), opened)
    with client_for(demo) as client:
        client.patch_resource("apps/v1", "Deployment", "shop", "cart", {"spec": {"replicas": 9}})
    failed = run(operation)
    assert failed.state == Outcome.FAILED and "changed in Karmada" in failed.message
    assert in_karmada(demo)["spec"]["replicas"] == 9


def test_the_editor_page_carries_what_it_opened(client_for, alice, demo):
    opened = cart(demo)
    url = reverse("workloads:workload_edit", args=[opened.pk])
    page = client_for(alice).get(url).content.decode()
    assert f'name="_content" value="{fingerprint(opened.raw)}"' in page
    # It follows the workload's live fragment, which carries the same fingerprint.
    assert f'<div id="workload-{opened.pk}-status" data-content=' in page
    assert f"topic=workload.{opened.pk}" in page
    detail = client_for(alice).get(reverse("workloads:workload_detail", args=[opened.pk]))
    assert f'data-content="{fingerprint(opened.raw)}"' in detail.content.decode()
    # The YAML reads as people write it.
    assert yaml_of(page).startswith("apiVersion: apps/v1\nkind: Deployment\nmetadata:")
    status_moves(demo)
    answer = client_for(alice).post(
        url,
        {
            "_action": "apply",
            "_yaml": yaml.safe_dump(replicas_edit(opened, 6)),
            "_resource_version": opened.resource_version,
            "_content": fingerprint(opened.raw),
        },
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200, answer.content.decode()
    assert run(Operation.objects.get(verb="workload.update")).state == Outcome.SUCCEEDED
