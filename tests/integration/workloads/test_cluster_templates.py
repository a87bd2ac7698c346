"""Cluster-scoped templates (StorageClasses, ClusterRoles, ClusterRoleBindings): mirrored,
previewed under ClusterPropagationPolicies, and written by platform operators only."""

import copy
import json

import pytest
import yaml
from django.urls import reverse

from kairship_ui.models import Operation
from workloads import tasks
from workloads.models import Policy, Workload
from workloads.preview.inventory import preview_draft_policy

from .test_editor_pages import post, yaml_of

pytestmark = pytest.mark.django_db


def new_template_url(demo, kind: str, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"instance": demo.pk, "kind": kind, **params}.items())
    return f"{reverse('workloads:workload_new')}?{query}"


def test_an_operator_creates_a_storage_class_in_the_guided_form(client_for, olga, demo):
    url = new_template_url(demo, "StorageClass", name="fast")
    page = client_for(olga).get(url).content.decode()
    assert 'name="provisioner"' in page and 'name="volumeBindingMode"' in page
    assert 'name="metadata.namespace"' not in page
    starter = yaml.safe_load(yaml_of(page))
    assert "namespace" not in starter["metadata"]
    answer = post(client_for(olga), url, _action="apply", _yaml=yaml.safe_dump(starter))
    assert answer.status_code == 200, answer.content.decode()
    operation = Operation.objects.get(verb="workload.create", name="fast")
    tasks.apply_object_change(operation_id=operation.pk)
    operation.refresh_from_db()
    assert operation.state == "succeeded", operation.message
    fast = Workload.objects.get(instance=demo, kind="StorageClass", name="fast")
    assert fast.namespace == "" and fast.tenant is None


def test_a_cluster_role_binding_form_reads_back_its_subjects(client_for, olga, demo):
    url = new_template_url(demo, "ClusterRoleBinding", name="viewers")
    page = client_for(olga).get(url).content.decode()
    assert 'name="roleRef.name" value="viewers"' in page
    answer = post(
        client_for(olga),
        url,
        _source="form",
        _base=json.dumps(yaml.safe_load(yaml_of(page))),
        **{
            "metadata.name": "viewers",
            "roleRef.name": "kairship-viewer",
            "roleRef.kind": "ClusterRole",
            "roleRef.apiGroup": "rbac.authorization.k8s.io",
            "subjects[0]": "1",
            "subjects[0].kind": "Group",
            "subjects[0].name": "sre",
            "subjects[0].apiGroup": "rbac.authorization.k8s.io",
        },
    )
    written = yaml.safe_load(yaml_of(answer.content.decode()))
    assert written["roleRef"]["name"] == "kairship-viewer"
    assert written["subjects"] == [
        {"kind": "Group", "name": "sre", "apiGroup": "rbac.authorization.k8s.io"}
    ]


def test_tenants_neither_see_nor_write_cluster_templates(client_for, alice, olga, demo):
    chooser = client_for(alice).get(reverse("workloads:workload_new")).content.decode()
    assert "<option>Deployment</option>" in chooser and "StorageClass" not in chooser
    assert client_for(alice).get(new_template_url(demo, "StorageClass")).status_code == 404
    role = Workload.objects.get(instance=demo, kind="ClusterRole", name="kairship-viewer")
    listed = reverse("workloads:workload_list") + "?kind=ClusterRole"
    assert "kairship-viewer" not in client_for(alice).get(listed).content.decode()
    assert "kairship-viewer" in client_for(olga).get(listed).content.decode()
    detail = reverse("workloads:workload_detail", args=[role.pk])
    assert client_for(alice).get(detail).status_code == 404
    api = client_for(alice).get("/api/workloads/?kind=ClusterRole").json()
    assert api["count"] == 0


def test_a_cluster_propagation_policy_previews_the_cluster_templates_it_selects(demo, olga):
    draft = copy.deepcopy(Policy.objects.get(instance=demo, name="platform-rbac").raw)
    draft["spec"]["placement"] = {"clusterAffinity": {"clusterNames": ["aws-us-east"]}}
    previews = preview_draft_policy(demo, draft, user=olga)
    assert [p.workload_key for p in previews] == ["ClusterRole//kairship-viewer"]
    preview = previews[0]
    assert preview.claim.by_draft and [c.name for c in preview.clusters] == ["aws-us-east"]
    role = Workload.objects.get(instance=demo, kind="ClusterRole", name="kairship-viewer")
    running = {p.cluster_name for p in role.binding.placements.all()}
    assert preview.changes.removed == sorted(running - {"aws-us-east"})


def test_kinds_without_replicas_show_no_replica_count(client_for, olga, demo):
    role = Workload.objects.get(instance=demo, kind="ClusterRole", name="kairship-viewer")
    detail = client_for(olga).get(reverse("workloads:workload_detail", args=[role.pk]))
    total = detail.content.decode().split("data-ready-total>", 1)[1].split("</div>", 1)[0]
    assert "—" in total and " / " not in total
    listed = client_for(olga).get(reverse("workloads:workload_list") + "?kind=ClusterRole")
    row = listed.content.decode().split("data-ready-total>", 1)[1].split("</td>", 1)[0]
    assert "—" in row and " / " not in row
