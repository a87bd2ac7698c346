"""The inventory mirrors templates, bindings, Works and policies from the demo sandbox."""

from datetime import timedelta

import pytest
from django.utils import timezone

from clusters import services, watchers
from clusters import sync as sync_handlers
from clusters.karmada import client_for
from clusters.models import SyncState
from karmada_gateway import KarmadaUnavailable
from karmada_sandbox.seed.builders import config_map
from tenants.models import TenantNamespace
from workloads import sync
from workloads.models import Placement, Policy, ResourceBinding, Work, Workload, WorkloadState
from workloads.queries import workloads_on_cluster

pytestmark = pytest.mark.django_db


def watch(instance, seconds: float, key: str) -> None:
    """One watch chunk, retried once when the connection drops (as the Watcher thread does)."""
    try:
        watchers.watch_once(instance, seconds=seconds, key=key)
    except KarmadaUnavailable:
        watchers.watch_once(instance, seconds=seconds, key=key)


def test_templates_have_columns_policy_and_tenant(demo, tenant_a):
    storefront = Workload.objects.get(instance=demo, kind="Deployment", name="storefront")
    assert (storefront.namespace, storefront.api_version) == ("shop", "apps/v1")
    assert storefront.desired_replicas == 6 and storefront.tenant == tenant_a
    assert (storefront.policy_kind, storefront.policy_name) == ("PropagationPolicy", "storefront")
    assert storefront.policy == Policy.objects.get(instance=demo, name="storefront")
    assert storefront.created is not None


def test_binding_placements_and_works_are_linked(demo):
    storefront = Workload.objects.get(instance=demo, kind="Deployment", name="storefront")
    binding = storefront.binding
    assert binding.kind == "ResourceBinding" and binding.replicas == 6
    assert binding.scheduled == "True" and binding.state != WorkloadState.UNSCHEDULABLE
    placements = list(binding.placements.all())
    assert placements and sum(p.replicas for p in placements) == 6
    assert all(p.cluster is not None and p.tenant_id == storefront.tenant_id for p in placements)
    works = Work.objects.filter(binding=binding)
    assert {w.cluster_name for w in works} == {p.cluster_name for p in placements}
    assert all(w.tenant_id == storefront.tenant_id for w in works)


def test_workloads_on_cluster_is_one_query(demo, django_assert_num_queries):
    placement = Placement.objects.filter(instance=demo).select_related("cluster").first()
    with django_assert_num_queries(1):
        rows = list(workloads_on_cluster(placement.cluster))
    assert placement.pk in {row.pk for row in rows}
    assert all(row.binding.workload is None or row.binding.workload.name for row in rows)


def test_cluster_scoped_objects_belong_to_no_tenant(demo):
    role = Workload.objects.get(instance=demo, kind="ClusterRole", name="kairship-viewer")
    crb = ResourceBinding.objects.get(instance=demo, kind="ClusterResourceBinding")
    assert crb.tenant is None and crb.namespace == ""
    assert role.tenant is None and role.namespace == "" and role.binding == crb
    assert (role.policy_kind, role.policy_name) == ("ClusterPropagationPolicy", "platform-rbac")
    cpp = Policy.objects.get(instance=demo, kind="ClusterPropagationPolicy")
    assert cpp.tenant is None and cpp.name == "platform-rbac"


def test_secret_data_is_never_mirrored(demo):
    secret = Workload.objects.get(instance=demo, kind="Secret", name="payments-db")
    assert "data" not in secret.raw and "stringData" not in secret.raw
    assert "c2FuZGJveA==" not in str(secret.raw)
    for work in Work.objects.filter(instance=demo, binding__name__startswith="payments-db"):
        assert "c2FuZGJveA==" not in str(work.raw)


def test_override_policies_are_mirrored(demo, tenant_a):
    mirror = Policy.objects.get(instance=demo, name="storefront-eu-mirror")
    assert mirror.kind == "OverridePolicy" and mirror.tenant == tenant_a and mirror.is_override
    assert mirror.selected_kinds == ["Deployment"]


def test_unchanged_resource_version_is_skipped(demo):
    storefront = Workload.objects.get(instance=demo, name="storefront", kind="Deployment")
    assert sync.upsert_workload(demo, storefront.raw) is None
    assert sync.upsert_binding(demo, storefront.binding.raw) is None


def test_resync_repairs_drift(demo):
    Workload.objects.filter(instance=demo, name="cart").delete()
    Workload.objects.filter(instance=demo, name="storefront", kind="Deployment").update(
        resource_version="0", desired_replicas=99
    )
    ResourceBinding.objects.filter(instance=demo, name="cart-deployment").delete()
    assert services.resync_instance(demo.pk) >= 3
    storefront = Workload.objects.get(instance=demo, name="storefront", kind="Deployment")
    assert storefront.desired_replicas == 6
    cart = Workload.objects.get(instance=demo, name="cart")
    assert cart.binding.name == "cart-deployment" and cart.binding.placements.count() == 2


def test_namespace_ownership_change_moves_rows(demo, tenant_a, tenant_b):
    TenantNamespace.objects.filter(instance=demo, namespace="shop").update(tenant=tenant_b)
    sync.retenant_instance(demo.pk)
    assert not Workload.objects.filter(instance=demo, namespace="shop", tenant=tenant_a).exists()
    TenantNamespace.objects.get(instance=demo, namespace="shop").delete()  # signal re-resolves
    assert Workload.objects.filter(instance=demo, namespace="shop", tenant=None).exists()
    assert Placement.objects.filter(instance=demo, binding__namespace="shop", tenant=None).exists()


def test_watch_picks_up_template_changes_and_resumes(demo, sandbox):
    key = "apps/v1/Deployment"
    watch(demo, 2, key)
    resume_from = SyncState.objects.get(instance=demo, kind=key).resource_version
    assert resume_from
    with client_for(demo) as client:
        client.patch_resource(
            "apps/v1", "Deployment", "shop", "cart", {"spec": {"replicas": 3}}, patch_type="merge"
        )
    watch(demo, 3, key)
    assert Workload.objects.get(instance=demo, name="cart", kind="Deployment").desired_replicas == 3
    assert SyncState.objects.get(instance=demo, kind=key).resource_version != resume_from


def test_binding_watch_follows_rescheduling(demo, sandbox):
    watch(demo, 1, "ResourceBinding")
    with client_for(demo) as client:
        client.patch_resource(
            "apps/v1", "Deployment", "shop", "cart", {"spec": {"replicas": 4}}, patch_type="merge"
        )
    watch(demo, 3, "ResourceBinding")
    binding = ResourceBinding.objects.get(instance=demo, name="cart-deployment")
    assert binding.replicas == 8  # cart is Duplicated: both clusters run all four
    assert list(binding.placements.values_list("replicas", flat=True)) == [4, 4]


def test_expired_resource_version_relists_and_repairs(demo, sandbox):
    key = "apps/v1/Deployment"
    watch(demo, 1, key)
    Workload.objects.filter(instance=demo, name="storefront", kind="Deployment").delete()
    SyncState.objects.filter(instance=demo, kind=key).update(resource_version="1")
    kept = sandbox.control_plane.history_limit
    sandbox.control_plane.history_limit = 2  # "1" is now too old: the watch answers 410 Gone
    try:
        watch(demo, 1, key)
    finally:
        sandbox.control_plane.history_limit = kept
    assert Workload.objects.filter(instance=demo, name="storefront", kind="Deployment").exists()
    assert int(SyncState.objects.get(instance=demo, kind=key).resource_version) > 1


def test_cluster_workloads_fragment_lists_what_runs_there(demo, bob):
    from django.template.loader import render_to_string

    cart = Workload.objects.get(instance=demo, name="cart")
    cluster = cart.binding.placements.select_related("cluster").first().cluster
    html = render_to_string(
        "workloads/cluster_workloads.html",
        {"placements": workloads_on_cluster(cluster, bob)},
    )
    assert 'data-placement="shop/cart-deployment"' in html
    assert "payments-api" not in html  # bob cannot see tenant B's workloads


def test_placements_stored_before_their_cluster_are_linked_when_it_arrives(demo):
    instance = demo
    from clusters import sync
    from clusters.models import MemberCluster
    from workloads.models import Placement

    cluster = MemberCluster.objects.filter(instance=instance, placements__isnull=False).first()
    placements = Placement.objects.filter(cluster=cluster)
    count = placements.count()
    raw = cluster.raw
    cluster.delete()  # as if bindings had been mirrored before the Cluster object
    assert not Placement.objects.filter(
        cluster_name=raw["metadata"]["name"], cluster__isnull=False
    ).exists()
    relinked = sync.upsert_cluster(instance, raw)
    assert Placement.objects.filter(cluster=relinked).count() == count > 0


def test_a_relist_keeps_rows_stored_after_it_was_taken(demo):
    """The console mirrors its own writes at once; a list taken before one must not undo it."""
    listed_at = timezone.now()
    with client_for(demo) as client:
        listed = [obj.raw for obj in client.iter_resources("v1", "ConfigMap")]
        created = client.create_resource(config_map("after-the-list", "shop", {"a": "1"})).raw
    sync.upsert_workload(demo, {"apiVersion": "v1", "kind": "ConfigMap", **created})
    handler = sync_handlers.handler_for("v1/ConfigMap")
    typed = [{"apiVersion": "v1", "kind": "ConfigMap", **raw} for raw in listed]
    handler.replace(demo, typed, listed_at)
    assert Workload.objects.filter(instance=demo, name="after-the-list").exists()
    # What a list lacks and nobody stored since it began is gone, as before.
    Workload.objects.filter(instance=demo, name="storefront-config").update(synced_at=listed_at)
    handler.replace(
        demo,
        [t for t in typed if t["metadata"]["name"] != "storefront-config"],
        listed_at + timedelta(seconds=1),
    )
    assert not Workload.objects.filter(instance=demo, name="storefront-config").exists()
