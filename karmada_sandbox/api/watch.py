"""Watch streams: JSON lines of ADDED / MODIFIED / DELETED / BOOKMARK / ERROR events."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from karmada_sandbox.api.errors import ApiError, bad_request
from karmada_sandbox.api.messages import ApiRequest, ApiResponse
from karmada_sandbox.api.selectors import (
    field_value,
    fields_match,
    parse_field_selector,
    parse_label_selector,
)
from karmada_sandbox.api.tables import table
from karmada_sandbox.registry import ResourceType
from karmada_sandbox.store import Gone, ObjectStore, RawEvent, dumps, loads

BOOKMARK_INTERVAL = 5.0
_MAX_TIMEOUT = 1800.0
_POLL = 0.5


class _Filter:
    """Which history events a watch delivers."""

    def __init__(self, rtype: ResourceType, namespace: str | None, req: ApiRequest) -> None:
        self.rtype, self.namespace = rtype, namespace or ""
        try:
            self.labels_ok = parse_label_selector(req.query.get("labelSelector"))
            self.terms = parse_field_selector(req.query.get("fieldSelector"))
        except ValueError as exc:
            raise bad_request(str(exc)) from exc

    def event_type(self, event: RawEvent) -> str | None:
        """The type this watch sees for a history event, or None when it sees nothing.

        With a label selector, a change that makes an object match arrives as ADDED and one
        that makes it stop matching as DELETED, as from kube-apiserver.
        """
        if event.resource != self.rtype or (self.namespace and event.key[0] != self.namespace):
            return None
        if self.terms and not fields_match(self.terms, _lookup(event)):
            return None
        if self.labels_ok is None:
            return event.type
        now = self.labels_ok(event.labels)
        if event.previous_labels is None:
            return event.type if now else None
        before = self.labels_ok(event.previous_labels)
        if now:
            return event.type if before else "ADDED"
        return "DELETED" if before else None


def _lookup(event: RawEvent) -> Callable[[str], str | None]:
    def lookup(path: str) -> str | None:
        if path == "metadata.name":
            return event.key[1]
        if path == "metadata.namespace":
            return event.key[0]
        return field_value(loads(event.raw), path)

    return lookup


class _Encoder:
    """Turns events into JSON lines, as raw objects or one-row Tables."""

    def __init__(self, rtype: ResourceType, req: ApiRequest) -> None:
        self.rtype = rtype
        self.as_table = req.wants_table()
        self.include = req.query.get("includeObject") or "Metadata"
        self.first = True

    def event(self, kind: str, raw: bytes) -> bytes:
        """One event line for a stored object's JSON."""
        if self.as_table and kind in ("ADDED", "MODIFIED", "DELETED"):
            obj = loads(raw)
            rv = (obj.get("metadata") or {}).get("resourceVersion", "")
            raw = dumps(table(self.rtype, [obj], rv, self.include, headers=self.first))
            self.first = False
        return b'{"type":"' + kind.encode() + b'","object":' + raw + b"}\n"

    def bookmark(self, rv: int, initial_end: bool = False) -> bytes:
        """A BOOKMARK line at `rv` (marking the end of initial events when asked)."""
        meta: dict[str, Any] = {"resourceVersion": str(rv)}
        if initial_end:
            meta["annotations"] = {"k8s.io/initial-events-end": "true"}
        obj = {"kind": self.rtype.kind, "apiVersion": self.rtype.api_version, "metadata": meta}
        return b'{"type":"BOOKMARK","object":' + dumps(obj) + b"}\n"


def _gone_line(message: str) -> bytes:
    status = ApiError(410, "Expired", message).status()
    return b'{"type":"ERROR","object":' + dumps(status) + b"}\n"


def watch_response(
    store: ObjectStore, req: ApiRequest, rtype: ResourceType, namespace: str | None
) -> ApiResponse:
    """A streaming answer for `?watch=true` on a collection. Raises ApiError on bad input."""
    flt = _Filter(rtype, namespace, req)
    try:
        timeout = min(float(req.query.get("timeoutSeconds") or _MAX_TIMEOUT), _MAX_TIMEOUT)
    except ValueError as exc:
        raise bad_request("timeoutSeconds must be a number") from exc
    stream = _stream(store, req, flt, _Encoder(rtype, req), timeout)
    return ApiResponse(stream=stream, headers={"Cache-Control": "no-cache"})


def _initial(
    store: ObjectStore, req: ApiRequest, flt: _Filter, enc: _Encoder
) -> tuple[list[bytes], int]:
    pairs, rv = store.select(
        flt.rtype,
        flt.namespace or None,
        req.query.get("labelSelector"),
        req.query.get("fieldSelector"),
    )
    lines = [enc.event("ADDED", raw) for _, raw in pairs]
    if req.flag("sendInitialEvents") and req.flag("allowWatchBookmarks"):
        lines.append(enc.bookmark(int(rv), initial_end=True))
    return lines, int(rv)


def _stream(
    store: ObjectStore, req: ApiRequest, flt: _Filter, enc: _Encoder, timeout: float
) -> Iterator[bytes]:
    start = req.query.get("resourceVersion", "")
    bookmarks = req.flag("allowWatchBookmarks")
    if req.flag("sendInitialEvents") or start in ("", "0"):
        lines, current = _initial(store, req, flt, enc)
        yield from lines
    else:
        try:
            current = int(start)
        except ValueError:
            yield _gone_line(f"invalid resource version: {start}")
            return
    deadline = time.monotonic() + timeout
    last_bookmark = time.monotonic()
    while time.monotonic() < deadline:
        try:
            events = store.raw_events_since(str(current))
        except Gone as exc:
            yield _gone_line(exc.message)
            return
        seen = ((flt.event_type(e), e) for e in events)
        chunk = [enc.event(kind, e.raw) for kind, e in seen if kind is not None]
        if events:
            current = events[-1].rv
        if chunk:
            yield b"".join(chunk)
        elif bookmarks and time.monotonic() - last_bookmark >= BOOKMARK_INTERVAL:
            last_bookmark = time.monotonic()
            yield enc.bookmark(current)
        else:
            # An empty chunk lets the handler notice a closed connection between events.
            yield b""
        if not events:
            store.wait_for_change(current, min(_POLL, max(0.0, deadline - time.monotonic())))
