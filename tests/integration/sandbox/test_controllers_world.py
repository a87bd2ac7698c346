"""KarmadaWorld itself: background thread, settle, world time, queue behaviour."""

from __future__ import annotations

import time

from karmada_sandbox import seed
from karmada_sandbox.controllers.queue import WorkQueue
from karmada_sandbox.members import MemberSpec
from karmada_sandbox.registry import control_plane_registry
from karmada_sandbox.store import ObjectStore
from karmada_sandbox.world import KarmadaWorld


def _world(**kwargs) -> KarmadaWorld:
    world = KarmadaWorld(ObjectStore(control_plane_registry()), **kwargs)
    world.add_member(MemberSpec("one", "aws", "us-east-1"))
    return world


def _create_app(world: KarmadaWorld) -> None:
    store = world.control_plane
    for obj in (
        seed.namespace("app"),
        seed.deployment("web", "app", 1, "nginx", "10m", "8Mi"),
        seed.policy(
            "PropagationPolicy",
            "web",
            "app",
            [seed.selector("Deployment", "web", "apps/v1")],
            {"clusterAffinity": {"clusterNames": ["one"]}},
        ),
    ):
        store.create(store.registry.by_kind(obj["apiVersion"], obj["kind"]), obj)


def test_background_thread_propagates_without_settle():
    world = _world().start()
    try:
        _create_app(world)
        member = world.members["one"].store
        dtype = member.registry.by_kind("apps/v1", "Deployment")
        deadline = time.monotonic() + 10
        found = []
        while time.monotonic() < deadline and not found:
            found = member.list(dtype, "app")[0]
            time.sleep(0.02)
        assert [d["metadata"]["name"] for d in found] == ["web"]
    finally:
        world.stop()


def test_nothing_happens_before_settle_without_the_thread():
    world = _world(clock=lambda: 0.0)
    _create_app(world)
    store = world.control_plane
    rb = store.registry.by_kind("work.karmada.io/v1alpha2", "ResourceBinding")
    assert store.list(rb)[0] == []
    world.settle()
    assert [b["metadata"]["name"] for b in store.list(rb)[0]] == ["web-deployment"]


def test_settle_is_deterministic():
    results = []
    for _ in range(2):
        world = _world(clock=lambda: 0.0)
        world.add_member(MemberSpec("two", "gcp", "eu-west-1"))
        _create_app(world)
        world.settle()
        store = world.control_plane
        rb = store.registry.by_kind("work.karmada.io/v1alpha2", "ResourceBinding")
        results.append(store.get(rb, "app", "web-deployment")["spec"]["clusters"])
    assert results[0] == results[1]


def test_advance_moves_world_time_and_timestamps():
    world = _world(clock=lambda: 0.0)
    before = world.stamp()
    world.advance(90)
    assert world.now() == 90
    assert world.stamp() > before


def test_stop_detaches_from_the_stores():
    world = _world(clock=lambda: 0.0)
    world.settle()
    world.stop()
    _create_app(world)
    world.settle()
    store = world.control_plane
    rb = store.registry.by_kind("work.karmada.io/v1alpha2", "ResourceBinding")
    assert store.list(rb)[0] == []


def test_queue_deduplicates_and_keeps_the_earliest_due_time():
    queue = WorkQueue()
    queue.add(("c", ("a",)))
    queue.add(("c", ("a",)))
    queue.add(("c", ("b",)), at=5.0)
    queue.add(("c", ("b",)), at=3.0)
    assert queue.pop(0.0) == ("c", ("a",))
    assert queue.pop(0.0) is None
    assert queue.next_due() == 3.0
    assert queue.pop(3.0) == ("c", ("b",))
    assert queue.pop(10.0) is None
