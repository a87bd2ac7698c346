"""Watches: events, resume from a resourceVersion, bounds, bookmarks, and relist on 410 Gone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from karmada_gateway import (
    KarmadaClient,
    KarmadaGone,
    PropagationPolicy,
    Reflector,
    Snapshot,
    WatchEvent,
)
from karmada_sandbox.server import SandboxServer

from .conftest import TEST_NAMESPACE

WATCH_NAMESPACE = "gateway-watch"


def policy(name: str, **labels: str) -> dict[str, Any]:
    return {
        "metadata": {"name": name, "namespace": WATCH_NAMESPACE, "labels": labels},
        "spec": {
            "resourceSelectors": [{"apiVersion": "v1", "kind": "ConfigMap", "name": name}],
            "placement": {},
        },
    }


@pytest.fixture(scope="module")
def watched(karmada: KarmadaClient) -> KarmadaClient:
    karmada.apply_resource(
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": WATCH_NAMESPACE}}
    )
    return karmada


@pytest.fixture
def short_history(sandbox: SandboxServer) -> Iterator[None]:
    """Make the sandbox keep only two events, so older resourceVersions are Gone."""
    kept = sandbox.control_plane.history_limit
    sandbox.control_plane.history_limit = 2
    yield
    sandbox.control_plane.history_limit = kept


def now_version(client: KarmadaClient) -> str:
    return client.list_propagation_policies(WATCH_NAMESPACE, limit=1).resource_version


def events(client: KarmadaClient, since: str, count: int, **kwargs: Any) -> list[WatchEvent]:
    stream = client.watch(
        "PropagationPolicy",
        WATCH_NAMESPACE,
        since=since,
        timeout_seconds=kwargs.pop("timeout_seconds", 5),
        max_events=count,
        **kwargs,
    )
    return [event for event in stream if event.type != "BOOKMARK"]


def test_watch_sees_added_modified_deleted(watched: KarmadaClient) -> None:
    start = now_version(watched)
    watched.create_propagation_policy(policy("w1"))
    watched.patch_propagation_policy(WATCH_NAMESPACE, "w1", {"spec": {"priority": 3}})
    watched.delete_propagation_policy(WATCH_NAMESPACE, "w1")
    seen = events(watched, start, 3)
    assert [e.type for e in seen] == ["ADDED", "MODIFIED", "DELETED"]
    assert all(isinstance(e.object, PropagationPolicy) for e in seen)
    assert seen[1].object.priority == 3  # type: ignore[attr-defined]
    assert seen[1].resource_version == seen[1].object.resource_version


def test_watch_resumes_after_the_given_resource_version(watched: KarmadaClient) -> None:
    start = now_version(watched)
    watched.create_propagation_policy(policy("w2"))
    first = events(watched, start, 1)[0]
    watched.patch_propagation_policy(WATCH_NAMESPACE, "w2", {"metadata": {"labels": {"v": "2"}}})
    resumed = events(watched, first.resource_version, 1)
    assert [(e.type, e.object.labels.get("v")) for e in resumed] == [("MODIFIED", "2")]
    watched.delete_propagation_policy(WATCH_NAMESPACE, "w2")


def test_watch_without_since_starts_with_current_objects(watched: KarmadaClient) -> None:
    watched.create_propagation_policy(policy("w3"))
    initial = events(watched, "", 1, label_selector=None)
    assert initial[0].type == "ADDED"
    watched.delete_propagation_policy(WATCH_NAMESPACE, "w3")


def test_max_events_ends_the_watch_early(watched: KarmadaClient) -> None:
    start = now_version(watched)
    for name in ("w4", "w5", "w6"):
        watched.create_propagation_policy(policy(name))
    started = time.monotonic()
    seen = events(watched, start, 2, timeout_seconds=30)
    assert [e.object.name for e in seen] == ["w4", "w5"]
    assert time.monotonic() - started < 5
    for name in ("w4", "w5", "w6"):
        watched.delete_propagation_policy(WATCH_NAMESPACE, name)


def test_timeout_ends_a_quiet_watch(watched: KarmadaClient) -> None:
    started = time.monotonic()
    assert events(watched, now_version(watched), 10, timeout_seconds=1) == []
    assert time.monotonic() - started < 5


def test_label_selector_filters_watch_events(watched: KarmadaClient) -> None:
    start = now_version(watched)
    watched.create_propagation_policy(policy("w7", team="red"))
    watched.create_propagation_policy(policy("w8", team="blue"))
    seen = events(watched, start, 1, label_selector="team=blue")
    assert [e.object.name for e in seen] == ["w8"]
    for name in ("w7", "w8"):
        watched.delete_propagation_policy(WATCH_NAMESPACE, name)


def test_quiet_watch_gets_bookmarks_with_a_resource_version(watched: KarmadaClient) -> None:
    since = now_version(watched)
    stream = watched.watch("PropagationPolicy", WATCH_NAMESPACE, since=since, timeout_seconds=8)
    bookmark = next(e for e in stream if e.type == "BOOKMARK")
    stream.close()
    assert int(bookmark.resource_version) >= int(since)


def test_watch_from_forgotten_version_is_gone(watched: KarmadaClient, short_history: None) -> None:
    old = now_version(watched)
    for i in range(4):
        watched.apply_resource(
            {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": {"name": f"churn-{i}", "namespace": TEST_NAMESPACE},
            }
        )
    with pytest.raises(KarmadaGone):
        events(watched, old, 1)


def test_reflector_lists_then_streams(watched: KarmadaClient) -> None:
    watched.create_propagation_policy(policy("r1"))
    reflector = Reflector(watched, "PropagationPolicy", WATCH_NAMESPACE)
    run = reflector.run(timeout_seconds=5, max_events=1)
    snapshot = next(run)
    assert isinstance(snapshot, Snapshot)
    assert "r1" in [item.name for item in snapshot.items]
    assert reflector.resource_version == snapshot.resource_version
    watched.create_propagation_policy(policy("r2"))
    event = next(run)
    assert isinstance(event, WatchEvent)
    assert (event.type, event.object.name) == ("ADDED", "r2")
    assert reflector.resource_version == event.resource_version
    assert list(run) == []
    for name in ("r1", "r2"):
        watched.delete_propagation_policy(WATCH_NAMESPACE, name)


def test_reflector_resumes_from_a_stored_version(watched: KarmadaClient) -> None:
    stored = now_version(watched)
    watched.create_propagation_policy(policy("r3"))
    reflector = Reflector(watched, "PropagationPolicy", WATCH_NAMESPACE, resource_version=stored)
    items = list(reflector.run(timeout_seconds=5, max_events=1))
    assert [(type(i).__name__, getattr(i, "type", "")) for i in items] == [("WatchEvent", "ADDED")]
    assert reflector.relists == 0
    watched.delete_propagation_policy(WATCH_NAMESPACE, "r3")


def test_reflector_relists_when_its_version_is_gone(
    watched: KarmadaClient, short_history: None
) -> None:
    watched.create_propagation_policy(policy("r4"))
    stale = now_version(watched)
    for i in range(4):
        watched.apply_resource(
            {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": {"name": f"churn-r-{i}", "namespace": TEST_NAMESPACE},
            }
        )
    reflector = Reflector(
        watched, "PropagationPolicy", WATCH_NAMESPACE, resource_version=stale, page_size=1
    )
    run = reflector.run(timeout_seconds=3, max_events=1)
    snapshot = next(run)
    assert isinstance(snapshot, Snapshot)
    assert reflector.relists == 1
    assert "r4" in [item.name for item in snapshot.items]
    assert int(reflector.resource_version or 0) > int(stale)
    run.close()
    watched.delete_propagation_policy(WATCH_NAMESPACE, "r4")
