"""Bounded watches that resume from a resourceVersion, and a Reflector that relists on 410 Gone.

A watch asks for bookmarks (`allowWatchBookmarks`), so an idle stream still advances the
resourceVersion worth persisting. A Celery task or long-running process runs
`Reflector.run(...)` in a loop, storing `reflector.resource_version` between runs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Unpack

from kubernetes.client.exceptions import ApiException

from karmada_gateway.core import ClientCore, model_for
from karmada_gateway.errors import (
    KarmadaError,
    KarmadaGone,
    KarmadaUnavailable,
    translate_api_exception,
)
from karmada_gateway.kinds import Kind
from karmada_gateway.models import KarmadaObject, Page, WatchEvent
from karmada_gateway.models.base import mapping
from karmada_gateway.resources import ListOptions

# The server ends a watch after timeoutSeconds; give it this long to say so before we give up.
READ_SLACK_SECONDS = 5.0


class WatchMethods(ClientCore):
    """`watch(kind, ...)`: one bounded watch stream; `list_objects` for any kind descriptor."""

    def list_objects(
        self, kind: Kind | str, namespace: str | None = None, **options: Unpack[ListOptions]
    ) -> Page[KarmadaObject]:
        """One page of any kind, each item as its typed model (ResourceObject for built-ins)."""
        resolved = self._kind(kind)
        raw, token, version, remaining = self._resources.list(resolved, namespace, **options)
        return Page(tuple(model_for(resolved, r) for r in raw), token, version, remaining)

    def watch(
        self,
        kind: Kind | str,
        namespace: str | None = None,
        *,
        since: str | None = None,
        timeout_seconds: int = 60,
        max_events: int | None = None,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> Iterator[WatchEvent]:
        """Yield changes after resourceVersion `since` (bookmarks included, type "BOOKMARK").

        Ends when the server closes the stream (after `timeout_seconds`) or after `max_events`.
        Raises KarmadaGone when `since` is too old (list again), other KarmadaErrors on failure.
        """
        resolved = self._kind(kind)
        query: list[tuple[str, str | int | bool]] = [
            ("watch", "true"),
            ("allowWatchBookmarks", "true"),
            ("timeoutSeconds", timeout_seconds),
        ]
        query += [("resourceVersion", since)] if since else []
        query += [("labelSelector", label_selector)] if label_selector else []
        query += [("fieldSelector", field_selector)] if field_selector else []
        path = resolved.collection_path(namespace)
        lines = self._transport.stream_lines(path, query, timeout_seconds + READ_SLACK_SECONDS)
        seen = 0
        try:
            for line in lines:
                event = _parse_event(resolved, line)
                yield event
                seen += event.type != "BOOKMARK"
                if max_events is not None and seen >= max_events:
                    return
        finally:
            # Also when the caller stops early: the half-read connection is closed at once.
            lines.close()


def _parse_event(kind: Kind, line: str) -> WatchEvent:
    """One watch line to a WatchEvent. Raises KarmadaGone / KarmadaError for ERROR events."""
    try:
        raw = json.loads(line)
    except ValueError as exc:
        raise KarmadaUnavailable("Karmada sent a watch event that is not JSON.") from exc
    event_type = str(mapping(raw).get("type", ""))
    obj = mapping(mapping(raw).get("object"))
    if event_type == "ERROR":
        raise _status_error(obj)
    obj.setdefault("apiVersion", kind.api_version)
    obj.setdefault("kind", kind.kind)
    version = str(mapping(obj.get("metadata")).get("resourceVersion", ""))
    return WatchEvent(event_type, model_for(kind, obj), version)


def _status_error(status: dict[str, Any]) -> KarmadaError:
    """The gateway error for a Status carried in a watch ERROR event."""
    code = status.get("code")
    exc = ApiException(status=code if isinstance(code, int) else 500, reason="watch error")
    exc.body = json.dumps(status)
    return translate_api_exception(exc)


@dataclass(frozen=True)
class Snapshot:
    """A full list of the watched objects: replace everything you hold with these (but what
    you stored after `listed_at`, when the list began, is newer than the list)."""

    items: tuple[KarmadaObject, ...]
    resource_version: str
    listed_at: datetime


class Reflector:
    """List, then watch from the list's resourceVersion; relist when it expires (410 Gone).

    Start from a persisted `resource_version` to skip the first list. After (or during) `run`,
    `resource_version` is the last version seen: persist it to resume later.
    """

    def __init__(
        self,
        client: WatchMethods,
        kind: Kind | str,
        namespace: str | None = None,
        *,
        resource_version: str | None = None,
        label_selector: str | None = None,
        page_size: int = 500,
    ) -> None:
        self._client = client
        self.kind = kind
        self.namespace = namespace
        self.resource_version = resource_version
        self.relists = 0
        self._label_selector = label_selector
        self._page_size = page_size

    def run(
        self, timeout_seconds: float = 60, max_events: int | None = None
    ) -> Iterator[Snapshot | WatchEvent]:
        """Yield a Snapshot whenever a (re)list happens, then the watch events (no bookmarks).

        Stops after about `timeout_seconds` or `max_events` events. Raises KarmadaError.
        """
        deadline = time.monotonic() + timeout_seconds
        seen = 0
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                if not self.resource_version:
                    yield self._relist()
                    continue
                for event in self._watch(int(max(1, remaining)), max_events, seen):
                    self.resource_version = event.resource_version or self.resource_version
                    if event.type != "BOOKMARK":
                        seen += 1
                        yield event
            except KarmadaGone:
                self.resource_version = None
                self.relists += 1
                continue
            if max_events is not None and seen >= max_events:
                return

    def _watch(self, timeout: int, max_events: int | None, seen: int) -> Iterator[WatchEvent]:
        """One watch call from the current resourceVersion, bounded by what is left."""
        left = None if max_events is None else max_events - seen
        return self._client.watch(
            self.kind,
            self.namespace,
            since=self.resource_version,
            timeout_seconds=timeout,
            max_events=left,
            label_selector=self._label_selector,
        )

    def _relist(self) -> Snapshot:
        """List every page; the first page's resourceVersion is where the watch resumes."""
        options: ListOptions = {"limit": self._page_size}
        if self._label_selector:
            options["label_selector"] = self._label_selector
        listed: list[KarmadaObject] = []
        version, listed_at = "", datetime.now(UTC)
        while True:
            page = self._client.list_objects(self.kind, self.namespace, **options)
            listed += page.items
            version = version or page.resource_version
            if not page.continue_token:
                break
            options["continue_token"] = page.continue_token
        self.resource_version = version
        return Snapshot(tuple(listed), version, listed_at)
