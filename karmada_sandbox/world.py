"""The simulated Karmada: member clusters plus controllers reacting to the control plane.

`SandboxServer` creates one `KarmadaWorld` over its control-plane store. Controllers run on a
background thread after `start()`; tests call `settle()` instead (it processes every pending
controller action now, deterministically) and `advance(seconds)` to move world time forward.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial

from karmada_sandbox import faults
from karmada_sandbox import seed as seeds
from karmada_sandbox.controllers import (
    appfailover,
    binding,
    bindingstatus,
    clusters,
    clusterstatus,
    dependencies,
    detector,
    eviction,
    execution,
    namespaces,
    rebalancer,
    rollout,
    scheduler,
    taintpolicy,
    tokens,
    workstatus,
)
from karmada_sandbox.controllers.base import CONTROL_PLANE, Context, Key, Settings, get
from karmada_sandbox.controllers.queue import WorkQueue
from karmada_sandbox.members import MemberCluster, MemberSpec
from karmada_sandbox.store import Conflict, NotFound, ObjectStore, WatchEvent

log = logging.getLogger(__name__)
CONTROLLERS = (
    clusterstatus,
    clusters,
    taintpolicy,
    namespaces,
    detector,
    dependencies,
    rebalancer,
    scheduler,
    eviction,
    appfailover,
    binding,
    execution,
    rollout,
    workstatus,
    bindingstatus,
    tokens,
)
_BY_NAME = {module.NAME: module for module in CONTROLLERS}
_SLICE_SECONDS = 0.05
_MAX_CONFLICT_RETRIES = 5


class KarmadaWorld:
    """Member clusters and simulated Karmada controllers around one control-plane store."""

    def __init__(
        self,
        control_plane: ObjectStore,
        seed: str = "empty",
        clock: Callable[[], float] = time.monotonic,
        settings: Settings | None = None,
    ) -> None:
        self.control_plane = control_plane
        self.members: dict[str, MemberCluster] = {}
        self._clock = clock
        self._offset = 0.0
        self._clock0 = clock()
        self._wall0 = datetime.now(UTC).replace(microsecond=0)
        self._inbox: deque[tuple[str, WatchEvent]] = deque()
        self._wake = threading.Event()
        self._lock = threading.RLock()
        self._queue = WorkQueue()
        self._conflicts: dict[tuple[str, Key], int] = {}
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.ctx = Context(
            control_plane,
            self.members,
            settings or Settings(),
            self.now,
            self.stamp,
            self._enqueue,
            self.add_member,
        )
        self._unsubscribe = [control_plane.subscribe(partial(self._on_event, CONTROL_PLANE))]
        with self._lock:
            seeds.apply(self, seed)

    # -- time --------------------------------------------------------------------------------

    def now(self) -> float:
        """World time in seconds (the clock plus every `advance`)."""
        return self._clock() - self._clock0 + self._offset

    def stamp(self) -> str:
        """World time as an RFC 3339 timestamp, as Kubernetes writes them."""
        moment = self._wall0 + timedelta(seconds=int(self.now()))
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def advance(self, seconds: float) -> None:
        """Move world time forward (rollouts, heartbeats and grace periods see it)."""
        with self._lock:
            self._offset += seconds
        self._wake.set()

    # -- members -----------------------------------------------------------------------------

    def add_member(self, spec: MemberSpec, *, join: bool = True) -> MemberCluster:
        """Create a member cluster and (with `join`) register its Cluster on the control plane."""
        with self._lock:
            member = MemberCluster(spec)
            self.members[spec.name] = member
            self._unsubscribe.append(member.store.subscribe(partial(self._on_event, spec.name)))
            if join and get(self.control_plane, self.ctx.types.cluster, None, spec.name) is None:
                self.control_plane.create(self.ctx.types.cluster, member.cluster_object())
            return member

    def proxy_store(self, cluster_name: str) -> ObjectStore:
        """The member's own store, for the Cluster proxy. Raises KeyError for unknown names."""
        return self.members[cluster_name].store

    def is_reachable(self, cluster_name: str) -> bool:
        """Whether the member's API server answers (False for unknown names)."""
        member = self.members.get(cluster_name)
        return bool(member and member.reachable)

    def apply_fault(self, cluster_name: str, fault: dict) -> dict:
        """Inject a fault (see `karmada_sandbox.faults`). Raises KeyError, ValueError."""
        with self._lock:
            state = faults.apply_fault(self.ctx, self.members[cluster_name], fault)
        self._wake.set()
        return state

    def fault_states(self) -> list[dict]:
        """Every member's fault state, sorted by name."""
        with self._lock:
            return [self.members[name].fault_state() for name in sorted(self.members)]

    def describe_members(self) -> dict:
        """The `GET /sandbox/v1/clusters` answer: every member with its fault state."""
        return {"kind": "MemberClusterList", "items": self.fault_states()}

    # -- running -----------------------------------------------------------------------------

    def start(self) -> KarmadaWorld:
        """Run the controllers on a background thread."""
        if self._thread is None:
            self._stopping.clear()
            self._thread = threading.Thread(target=self._loop, name="karmada-world", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the background thread and stop listening to the stores."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()

    def settle(self, timeout: float = 5.0) -> None:
        """Process every event and every queued action that is due now, until nothing is left."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._step() and time.monotonic() < deadline:
                pass

    def _loop(self) -> None:
        while not self._stopping.is_set():
            with self._lock:
                slice_end = time.monotonic() + _SLICE_SECONDS
                while self._step() and time.monotonic() < slice_end:
                    pass
                due = self._queue.next_due()
                busy = bool(self._inbox) or self._queue.has_ready()
            wait = 0.0 if busy else 0.5 if due is None else min(0.5, max(due - self.now(), 0))
            self._wake.wait(wait)
            self._wake.clear()

    def _step(self) -> bool:
        """Dispatch pending events, then run one due queue item. Returns whether work was done."""
        dispatched = False
        while self._inbox:
            source, event = self._inbox.popleft()
            dispatched = True
            self.ctx.observe(source, event)
            for module in CONTROLLERS:
                module.on_event(self.ctx, source, event)
        item = self._queue.pop(self.now())
        if item is None:
            return dispatched or bool(self._inbox)
        self._run(*item)
        return True

    def _run(self, name: str, key: Key) -> None:
        try:
            _BY_NAME[name].reconcile(self.ctx, key)
            self._conflicts.pop((name, key), None)
        except NotFound:
            self._conflicts.pop((name, key), None)
        except Conflict:
            tries = self._conflicts.get((name, key), 0) + 1
            self._conflicts[(name, key)] = tries
            delay = 0.0 if tries < _MAX_CONFLICT_RETRIES else self.ctx.settings.retry_delay
            self._enqueue(name, key, delay)
        except Exception:
            log.exception("controller %s failed on %s", name, key)
            self._enqueue(name, key, self.ctx.settings.retry_delay)

    def _enqueue(self, name: str, key: Key, delay: float = 0.0) -> None:
        self._queue.add((name, key), None if delay <= 0 else self.now() + delay)

    def _on_event(self, source: str, event: WatchEvent) -> None:
        self._inbox.append((source, event))
        self._wake.set()
