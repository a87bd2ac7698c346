"""The inventory mirrors Cluster objects: columns extracted, drift repaired, watch resumed."""

import pytest

from clusters import services, sync, watchers
from clusters.karmada import client_for
from clusters.models import ClusterState, MemberCluster, SyncState

pytestmark = pytest.mark.django_db


def test_resync_mirrors_every_demo_cluster_with_columns(instance):
    clusters = {c.name: c for c in MemberCluster.objects.filter(instance=instance)}
    assert len(clusters) >= 6
    ready = next(c for c in clusters.values() if c.state == ClusterState.READY)
    assert ready.provider and ready.region and ready.zones and ready.kubernetes_version
    assert ready.nodes_total > 0 and ready.cpu_allocatable_milli > 0
    assert ready.memory_allocatable_bytes > 0 and ready.pods_allocatable > 0
    assert any(c.state != ClusterState.READY for c in clusters.values())  # one is degraded


def test_unchanged_resource_version_is_skipped(instance):
    cluster = MemberCluster.objects.filter(instance=instance).first()
    assert sync.upsert_cluster(instance, cluster.raw) is None


def test_resync_repairs_drift(instance):
    MemberCluster.objects.filter(instance=instance).first().delete()
    stale = MemberCluster.objects.filter(instance=instance).first()
    MemberCluster.objects.filter(pk=stale.pk).update(resource_version="0", provider="drifted")
    changed = services.resync_instance(instance.pk)
    assert changed >= 2
    assert not MemberCluster.objects.filter(provider="drifted").exists()


def test_watch_picks_up_changes_and_resumes(instance, sandbox):
    watchers.watch_once(instance, seconds=2)
    resume_from = SyncState.objects.get(instance=instance).resource_version
    assert resume_from
    name = MemberCluster.objects.filter(instance=instance).first().name
    with client_for(instance) as client:
        client.patch_cluster(name, {"metadata": {"labels": {"watched": "yes"}}})
    watchers.watch_once(instance, seconds=3)
    assert MemberCluster.objects.get(instance=instance, name=name).labels.get("watched") == "yes"
    assert SyncState.objects.get(instance=instance).resource_version != resume_from
