"""The sync process's watchers hold a database connection only while applying what they
received: however many instances and kinds it watches, idle watchers hold none."""

import time
import uuid

import pytest
import yaml
from django.db import connection

from clusters import services, sync, watchers
from clusters.karmada import client_for
from clusters.models import KarmadaInstance, MemberCluster

pytestmark = pytest.mark.django_db(transaction=True)


def connections_to_this_database() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


def eventually(check, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def instance(sandbox):
    registered = KarmadaInstance(name="watched", is_sandbox=True)
    registered.set_kubeconfig(yaml.safe_dump(sandbox.kubeconfig()))
    registered.save()
    services.resync_instance(registered.pk)
    return registered


@pytest.fixture(autouse=True)
def quick_private_watches(monkeypatch):
    # Leases live in the shared Redis: keep this run's apart from any other's.
    monkeypatch.setattr(watchers, "LEASE_PREFIX", f"kairship:test-{uuid.uuid4().hex}:lease:")
    monkeypatch.setattr(watchers, "WATCH_CHUNK_SECONDS", 3)  # stop promptly at the end


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts PostgreSQL sessions")
def test_idle_watchers_hold_no_database_connection(instance):
    keys = [handler.key for handler in sync.handlers()]
    running = [watchers.Watcher(instance.pk, "test", key) for key in keys]
    for watcher in running:
        watcher.start()
    try:
        cluster = MemberCluster.objects.filter(instance=instance).first()
        time.sleep(2)  # every watcher is streaming by now
        with client_for(instance) as client:
            client.patch_cluster(cluster.name, {"metadata": {"labels": {"written": "once"}}})
        labelled = MemberCluster.objects.filter(pk=cluster.pk, labels__written="once")
        assert eventually(labelled.exists)
        # This test's own, and the few of watchers busy at that moment at most.
        assert len(keys) > 10 and connections_to_this_database() <= 4
    finally:
        for watcher in running:
            watcher.stop()
        for watcher in running:
            watcher.join(timeout=30)
