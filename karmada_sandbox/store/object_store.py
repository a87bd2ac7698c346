"""`ObjectStore`: the thread-safe in-memory object store behind one sandbox API server."""

from __future__ import annotations

import builtins
import itertools
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from karmada_sandbox.api.selectors import fields_match, parse_field_selector, parse_label_selector
from karmada_sandbox.registry import Registry, ResourceType
from karmada_sandbox.store.errors import AlreadyExists, Gone, NotFound, conflict, resource_name
from karmada_sandbox.store.objects import (
    Entry,
    Key,
    RawEvent,
    WatchEvent,
    check_preconditions,
    dumps,
    field_lookup,
    loads,
    merge_update,
    now_rfc3339,
    prepare_identity,
)


class ObjectStore:
    """Objects of one API server, keyed by resource type, namespace and name. Thread-safe."""

    def __init__(self, registry: Registry, *, history_limit: int = 20000) -> None:
        self.registry = registry
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._objects: dict[ResourceType, dict[Key, Entry]] = {}
        self._by_uid: dict[str, tuple[ResourceType, Key]] = {}
        self._dependents: dict[str, set[tuple[ResourceType, Key]]] = {}
        self._rv = 100
        self._history: deque[RawEvent] = deque(maxlen=history_limit)
        self._pending: deque[RawEvent] = deque()
        self._subscribers: list[Callable[[WatchEvent], None]] = []
        self._dispatch_lock = threading.RLock()
        self._dispatching: int | None = None

    # -- reading -----------------------------------------------------------------------------

    @property
    def resource_version(self) -> str:
        """The store's latest resourceVersion."""
        return str(self._rv)

    @property
    def history_limit(self) -> int:
        """How many watch events are kept (older resourceVersions get Gone)."""
        return self._history.maxlen or 0

    @history_limit.setter
    def history_limit(self, limit: int) -> None:
        with self._lock:
            self._history = deque(self._history, maxlen=limit)

    def _key(self, rtype: ResourceType, namespace: str | None, name: str) -> Key:
        return ((namespace or "") if rtype.namespaced else "", name)

    def _not_found(self, rtype: ResourceType, name: str) -> NotFound:
        return NotFound(f'{resource_name(rtype)} "{name}" not found', rtype=rtype, name=name)

    def get_raw(self, rtype: ResourceType, namespace: str | None, name: str) -> bytes:
        """The stored JSON of one object. Raises NotFound."""
        entry = self._objects.get(rtype, {}).get(self._key(rtype, namespace, name))
        if entry is None:
            raise self._not_found(rtype, name)
        return entry.raw

    def get(self, rtype: ResourceType, namespace: str | None, name: str) -> dict[str, Any]:
        """A copy of one object. Raises NotFound."""
        return loads(self.get_raw(rtype, namespace, name))

    def select(
        self,
        rtype: ResourceType,
        namespace: str | None = None,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> tuple[list[tuple[Key, bytes]], str]:
        """Matching (key, JSON) pairs sorted by namespace/name, and the list resourceVersion.

        Raises ValueError for a malformed selector.
        """
        labels_ok = parse_label_selector(label_selector)
        terms = parse_field_selector(field_selector)
        with self._lock:
            entries = self._objects.get(rtype, {})
            rv = str(self._rv)
            pairs = [(k, e) for k, e in entries.items() if not namespace or k[0] == namespace]
        pairs.sort(key=lambda pair: pair[0])
        out = []
        for key, entry in pairs:
            if labels_ok is not None and not labels_ok(entry.labels):
                continue
            if terms and not fields_match(terms, field_lookup(key, entry)):
                continue
            out.append((key, entry.raw))
        return out, rv

    def list(
        self,
        rtype: ResourceType,
        namespace: str | None = None,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> tuple[list[dict[str, Any]], str]:
        """Copies of the matching objects and the list resourceVersion. Raises ValueError."""
        pairs, rv = self.select(rtype, namespace, label_selector, field_selector)
        return [loads(raw) for _, raw in pairs], rv

    def count(self, rtype: ResourceType) -> int:
        """How many objects of a type are stored."""
        return len(self._objects.get(rtype, {}))

    # -- writing -----------------------------------------------------------------------------

    def create(self, rtype: ResourceType, obj: dict[str, Any]) -> dict[str, Any]:
        """Store a new object, filling uid, resourceVersion, generation and creationTimestamp.

        Raises AlreadyExists, or Invalid without a name (or a namespaced type's namespace).
        """
        obj = loads(dumps(obj))
        meta = obj.setdefault("metadata", {})
        prepare_identity(rtype, obj, meta)
        with self._lock:
            key = self._key(rtype, meta.get("namespace"), meta["name"])
            if key in self._objects.get(rtype, {}):
                raise AlreadyExists(
                    f'{resource_name(rtype)} "{meta["name"]}" already exists',
                    rtype=rtype,
                    name=meta["name"],
                )
            meta["uid"] = str(uuid.uuid4())
            meta["generation"] = 1
            meta["creationTimestamp"] = now_rfc3339()
            for stale in ("deletionTimestamp", "deletionGracePeriodSeconds", "managedFields"):
                meta.pop(stale, None)
            self._write(rtype, key, obj, "ADDED")
        self._dispatch()
        return obj

    def update(
        self,
        rtype: ResourceType,
        obj: dict[str, Any],
        *,
        subresource: str | None = None,
        keep_status: bool = False,
    ) -> dict[str, Any]:
        """Replace an object (or only its status with subresource="status").

        A non-empty metadata.resourceVersion must match (else Conflict); generation grows when
        anything outside metadata and status changes; keep_status keeps the stored status (the
        HTTP main resource of a type with a status subresource). An object being deleted whose
        finalizers are all gone is removed. Raises NotFound, Conflict.
        """
        new = loads(dumps(obj))
        meta = new.get("metadata") or {}
        with self._lock:
            key = self._key(rtype, meta.get("namespace"), meta.get("name", ""))
            entry = self._objects.get(rtype, {}).get(key)
            if entry is None:
                raise self._not_found(rtype, key[1])
            given_rv = meta.get("resourceVersion")
            if given_rv and str(given_rv) != str(entry.rv):
                raise conflict(rtype, key[1])
            old = loads(entry.raw)
            new = merge_update(rtype, old, new, subresource, keep_status)
            if new == old:
                return new
            if new["metadata"].get("deletionTimestamp") and not new["metadata"].get("finalizers"):
                self._remove(rtype, key, new)
            else:
                self._write(rtype, key, new, "MODIFIED")
        self._dispatch()
        return new

    def delete(
        self,
        rtype: ResourceType,
        namespace: str | None,
        name: str,
        *,
        preconditions: dict[str, Any] | None = None,
        orphan: bool = False,
    ) -> dict[str, Any]:
        """Delete an object: with finalizers it only gets a deletionTimestamp, else it is removed.

        Dependents (by ownerReferences) and a namespace's contents are deleted too, unless
        `orphan`. Returns the last state. Raises NotFound, Conflict (failed preconditions).
        """
        with self._lock:
            key = self._key(rtype, namespace, name)
            entry = self._objects.get(rtype, {}).get(key)
            if entry is None:
                raise self._not_found(rtype, name)
            obj = loads(entry.raw)
            check_preconditions(rtype, obj, preconditions or {})
            result = self._delete_locked(rtype, key, obj, orphan)
        self._dispatch()
        return result

    def _delete_locked(
        self, rtype: ResourceType, key: Key, obj: dict[str, Any], orphan: bool
    ) -> dict[str, Any]:
        meta = obj["metadata"]
        if rtype.kind == "Namespace" and rtype.group == "" and not orphan:
            self._delete_namespace_contents(key[1])
        if meta.get("finalizers"):
            if not meta.get("deletionTimestamp"):
                meta["deletionTimestamp"] = now_rfc3339()
                meta["deletionGracePeriodSeconds"] = 0
                self._write(rtype, key, obj, "MODIFIED")
            return obj
        self._remove(rtype, key, obj, orphan=orphan)
        return obj

    def _delete_namespace_contents(self, namespace: str) -> None:
        for rtype, entries in list(self._objects.items()):
            if not rtype.namespaced:
                continue
            for key in [k for k in entries if k[0] == namespace]:
                if key in entries:
                    self._delete_locked(rtype, key, loads(entries[key].raw), False)

    def _remove(
        self, rtype: ResourceType, key: Key, obj: dict[str, Any], *, orphan: bool = False
    ) -> None:
        self._rv += 1
        obj["metadata"]["resourceVersion"] = str(self._rv)
        entry = self._objects[rtype].pop(key)
        self._by_uid.pop(entry.uid, None)
        self._unlink_owners(rtype, key, entry)
        self._record(RawEvent(self._rv, "DELETED", rtype, key, entry.labels, dumps(obj)))
        if not orphan:
            self._collect_dependents(entry.uid)

    def _collect_dependents(self, owner_uid: str) -> None:
        """Delete objects whose owners are all gone (the garbage collector's job)."""
        for rtype, key in list(self._dependents.pop(owner_uid, ())):
            entry = self._objects.get(rtype, {}).get(key)
            if entry is not None and not any(u in self._by_uid for u in entry.owners):
                self._delete_locked(rtype, key, loads(entry.raw), False)

    def _unlink_owners(self, rtype: ResourceType, key: Key, entry: Entry) -> None:
        for owner in entry.owners:
            dependents = self._dependents.get(owner)
            if dependents is not None:
                dependents.discard((rtype, key))
                if not dependents:
                    del self._dependents[owner]

    def _write(self, rtype: ResourceType, key: Key, obj: dict[str, Any], event_type: str) -> None:
        self._rv += 1
        obj["metadata"]["resourceVersion"] = str(self._rv)
        raw = dumps(obj)
        entry = Entry(obj, raw)
        entries = self._objects.setdefault(rtype, {})
        previous = entries.get(key)
        if previous is not None:
            self._unlink_owners(rtype, key, previous)
        entries[key] = entry
        self._by_uid[entry.uid] = (rtype, key)
        for owner in entry.owners:
            self._dependents.setdefault(owner, set()).add((rtype, key))
        before = previous.labels if previous is not None and event_type == "MODIFIED" else None
        self._record(RawEvent(self._rv, event_type, rtype, key, entry.labels, raw, before))

    def _record(self, event: RawEvent) -> None:
        self._history.append(event)
        if self._subscribers:
            self._pending.append(event)
        self._changed.notify_all()

    # -- watching ----------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[WatchEvent], None]) -> Callable[[], None]:
        """Call `callback` after every change (outside the store lock, in order).

        Returns a function that unsubscribes.
        """
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def _dispatch(self) -> None:
        # A callback that writes re-enters here; the outer loop delivers its events in order.
        if not self._pending or self._dispatching == threading.get_ident():
            return
        with self._dispatch_lock:
            self._dispatching = threading.get_ident()
            try:
                while True:
                    with self._lock:
                        if not self._pending:
                            return
                        event = self._pending.popleft()
                        callbacks = list(self._subscribers)
                    for callback in callbacks:
                        callback(WatchEvent(event.type, event.resource, loads(event.raw)))
            finally:
                self._dispatching = None

    def raw_events_since(self, resource_version: str) -> builtins.list[RawEvent]:
        """History events after `resource_version`, oldest first. Raises Gone, ValueError."""
        rv = int(resource_version)
        with self._lock:
            oldest_known = self._rv - len(self._history)
            if rv < oldest_known:
                raise Gone(f"too old resource version: {rv} ({oldest_known + 1})")
            newer = max(0, self._rv - rv)
            # Walk from the newest end: a caught-up watcher only pays for what it missed.
            recent = list(itertools.islice(reversed(self._history), newer))
        recent.reverse()
        return recent

    def events_since(self, resource_version: str) -> builtins.list[WatchEvent]:
        """Copies of the events after `resource_version`. Raises Gone if it is too old."""
        return [
            WatchEvent(e.type, e.resource, loads(e.raw))
            for e in self.raw_events_since(resource_version)
        ]

    def wait_for_change(self, after_rv: int, timeout: float) -> bool:
        """Block until the resourceVersion passes `after_rv` or `timeout`; True on change."""
        with self._lock:
            return self._changed.wait_for(lambda: self._rv > after_rv, timeout)

    def iter_all(self) -> Iterator[tuple[ResourceType, Key, bytes]]:
        """Every stored object's type, key and JSON (a snapshot)."""
        with self._lock:
            snapshot = [
                (t, k, e.raw) for t, entries in self._objects.items() for k, e in entries.items()
            ]
        yield from snapshot
