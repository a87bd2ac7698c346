"""Steering clusters: labels, taints, cordon / drain and demo faults, through the gateway."""

import time

import pytest

from clusters import services, tasks
from clusters.models import ClusterState, Health, MemberCluster
from clusters.services.members import UNSCHEDULABLE, InstanceUnreachable
from kairship_ui.errors import InvalidInput, NotAllowed
from kairship_ui.models import AuditEntry, Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_cluster(instance):
    return MemberCluster.objects.filter(instance=instance, state=ClusterState.READY).first()


def run(operation):
    tasks.apply_cluster_change(operation_id=operation.pk)
    operation.refresh_from_db()
    return operation


def test_cordon_adds_the_unschedulable_taint_in_karmada(olga, ready_cluster):
    operation = run(services.cordon_cluster(actor=olga, cluster=ready_cluster))
    assert operation.state == Outcome.SUCCEEDED
    ready_cluster.refresh_from_db()
    assert {"key": UNSCHEDULABLE, "effect": "NoSchedule"} in ready_cluster.taints
    entry = AuditEntry.objects.get(action="cluster.taint")
    assert entry.instance == ready_cluster.instance and entry.name == ready_cluster.name


def test_uncordon_removes_it_again(olga, ready_cluster):
    run(services.cordon_cluster(actor=olga, cluster=ready_cluster))
    ready_cluster.refresh_from_db()
    run(services.uncordon_cluster(actor=olga, cluster=ready_cluster))
    ready_cluster.refresh_from_db()
    assert not any(t["key"] == UNSCHEDULABLE for t in ready_cluster.taints)


def test_labels_are_replaced(olga, ready_cluster):
    run(services.set_cluster_labels(actor=olga, cluster=ready_cluster, labels={"tier": "gold"}))
    ready_cluster.refresh_from_db()
    assert ready_cluster.labels == {"tier": "gold"}


def test_bad_taint_effect_is_refused_at_the_field(olga, ready_cluster):
    with pytest.raises(InvalidInput) as error:
        services.add_taint(actor=olga, cluster=ready_cluster, taint={"key": "a", "effect": "Nope"})
    assert error.value.field == "effect"


def test_tenants_cannot_steer(alice, ready_cluster):
    with pytest.raises(NotAllowed):
        services.cordon_cluster(actor=alice, cluster=ready_cluster)


def test_writes_are_refused_while_the_instance_is_unreachable(olga, ready_cluster):
    type(ready_cluster.instance).objects.filter(pk=ready_cluster.instance_id).update(
        health=Health.UNREACHABLE
    )
    ready_cluster = MemberCluster.objects.get(pk=ready_cluster.pk)
    with pytest.raises(InstanceUnreachable, match="unreachable"):
        services.cordon_cluster(actor=olga, cluster=ready_cluster)


def wait_for_state(cluster, state, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        services.resync_instance(cluster.instance_id)
        cluster.refresh_from_db()
        if cluster.state == state:
            return cluster
        time.sleep(0.1)
    raise AssertionError(f"{cluster} stayed {cluster.state}, wanted {state}")


def test_demo_fault_makes_the_cluster_not_ready_and_back(olga, ready_cluster):
    services.apply_demo_fault(actor=olga, cluster=ready_cluster, fault={"reachable": False})
    wait_for_state(ready_cluster, ClusterState.NOT_READY)
    services.apply_demo_fault(actor=olga, cluster=ready_cluster, fault={"ready": True})
    wait_for_state(ready_cluster, ClusterState.READY)
    assert AuditEntry.objects.filter(action="cluster.demo-fault").count() == 2


def test_demo_controls_refuse_real_instances(olga, ready_cluster):
    type(ready_cluster.instance).objects.filter(pk=ready_cluster.instance_id).update(
        is_sandbox=False
    )
    ready_cluster = MemberCluster.objects.get(pk=ready_cluster.pk)
    with pytest.raises(InvalidInput, match="sandbox"):
        services.apply_demo_fault(actor=olga, cluster=ready_cluster, fault={"ready": True})
