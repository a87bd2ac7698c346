"""Watch streams: events from a resourceVersion, bookmarks, 410 Gone, timeouts, Tables."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
from urllib.parse import urlencode, urlsplit

import pytest
from conftest import Api

from karmada_sandbox.api import watch
from karmada_sandbox.server import SandboxServer

DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments"
MERGE = "application/merge-patch+json"


class Stream:
    """Reads watch events from a streaming response on a background thread."""

    def __init__(self, api, path: str, **params: str) -> None:
        self.events: list[tuple[float, dict]] = []
        url = urlsplit(api.server.url)
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        query = urlencode({"watch": "true", **params})
        self.conn.request("GET", f"{path}?{query}", headers=dict(api.session.headers))
        self.response = self.conn.getresponse()
        self.done = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            while line := self.response.readline():
                if line.strip():
                    self.events.append((time.monotonic(), json.loads(line)))
        except Exception:  # the test shut the socket down mid-chunk
            pass
        self.done.set()

    def wait_for(self, predicate, timeout: float = 5.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for _, event in self.events:
                if predicate(event):
                    return event
            time.sleep(0.005)
        raise AssertionError(f"no matching event in {[e for _, e in self.events]}")

    def close(self) -> None:
        # Shutting the socket down unblocks the reader thread at once.
        with contextlib.suppress(OSError):
            self.conn.sock.shutdown(socket.SHUT_RDWR)
        self.conn.close()


def _named(name: str, kind: str):
    return lambda e: e["type"] == kind and e["object"]["metadata"].get("name") == name


def _list_rv(api) -> str:
    return api.get(DEPLOYMENTS).json()["metadata"]["resourceVersion"]


def test_watch_from_list_version_sees_changes_in_order(api, make_deployment):
    stream = Stream(api, DEPLOYMENTS, resourceVersion=_list_rv(api))
    try:
        api.post(DEPLOYMENTS, make_deployment("watch-order"))
        api.patch(f"{DEPLOYMENTS}/watch-order", {"spec": {"replicas": 3}}, MERGE)
        api.delete(f"{DEPLOYMENTS}/watch-order")
        stream.wait_for(_named("watch-order", "DELETED"))
        types = [
            e["type"] for _, e in stream.events if e["object"]["metadata"]["name"] == "watch-order"
        ]
        assert types == ["ADDED", "MODIFIED", "DELETED"]
    finally:
        stream.close()


def test_events_arrive_within_100ms(api, make_deployment):
    stream = Stream(api, DEPLOYMENTS, resourceVersion=_list_rv(api))
    try:
        time.sleep(0.2)
        sent = time.monotonic()
        api.post(DEPLOYMENTS, make_deployment("watch-fast"))
        stream.wait_for(_named("watch-fast", "ADDED"))
        received = next(t for t, e in stream.events if _named("watch-fast", "ADDED")(e))
        assert received - sent < 0.1
    finally:
        stream.close()


def test_watch_without_version_starts_with_existing_objects(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("watch-existing"))
    stream = Stream(api, DEPLOYMENTS)
    try:
        stream.wait_for(_named("watch-existing", "ADDED"))
    finally:
        stream.close()


def test_label_selector_filters_events(api, make_deployment):
    stream = Stream(api, DEPLOYMENTS, resourceVersion=_list_rv(api), labelSelector="team=red")
    try:
        api.post(DEPLOYMENTS, make_deployment("watch-blue", team="blue"))
        api.post(DEPLOYMENTS, make_deployment("watch-red", team="red"))
        stream.wait_for(_named("watch-red", "ADDED"))
        names = {e["object"]["metadata"]["name"] for _, e in stream.events}
        assert "watch-blue" not in names
    finally:
        stream.close()


def test_bookmarks_when_allowed(api, monkeypatch):
    monkeypatch.setattr(watch, "BOOKMARK_INTERVAL", 0.2)
    stream = Stream(api, DEPLOYMENTS, resourceVersion=_list_rv(api), allowWatchBookmarks="true")
    try:
        bookmark = stream.wait_for(lambda e: e["type"] == "BOOKMARK")
        assert bookmark["object"]["kind"] == "Deployment"
        assert bookmark["object"]["metadata"]["resourceVersion"]
    finally:
        stream.close()


def test_send_initial_events_ends_with_marked_bookmark(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("watch-initial"))
    stream = Stream(
        api,
        DEPLOYMENTS,
        sendInitialEvents="true",
        allowWatchBookmarks="true",
        resourceVersionMatch="NotOlderThan",
    )
    try:
        stream.wait_for(_named("watch-initial", "ADDED"))
        bookmark = stream.wait_for(lambda e: e["type"] == "BOOKMARK")
        annotations = bookmark["object"]["metadata"]["annotations"]
        assert annotations == {"k8s.io/initial-events-end": "true"}
    finally:
        stream.close()


def test_too_old_version_gets_gone_error(api, sandbox, make_deployment):
    old_rv = _list_rv(api)
    previous = sandbox.control_plane.history_limit
    sandbox.control_plane.history_limit = 2
    try:
        for index in range(4):
            api.post(DEPLOYMENTS, make_deployment(f"watch-gone-{index}"))
        stream = Stream(api, DEPLOYMENTS, resourceVersion=old_rv)
        error = stream.wait_for(lambda e: e["type"] == "ERROR")
        assert error["object"]["kind"] == "Status"
        assert error["object"]["code"] == 410
        assert stream.done.wait(5)
    finally:
        sandbox.control_plane.history_limit = previous


def test_timeout_seconds_ends_the_stream(api):
    started = time.monotonic()
    stream = Stream(api, DEPLOYMENTS, resourceVersion=_list_rv(api), timeoutSeconds="1")
    assert stream.done.wait(5)
    assert 0.9 < time.monotonic() - started < 4


@pytest.mark.parametrize(
    "accept", ["application/json;as=Table;v=v1;g=meta.k8s.io,application/json"]
)
def test_table_watch_sends_one_row_tables(api, make_deployment, accept):
    rv = _list_rv(api)
    response = api.get(
        DEPLOYMENTS,
        params={"watch": "true", "resourceVersion": rv},
        headers={"Accept": accept},
        stream=True,
        timeout=30,
    )
    try:
        api.post(DEPLOYMENTS, make_deployment("watch-table"))
        line = next(line for line in response.iter_lines() if line)
        event = json.loads(line)
        assert event["object"]["kind"] == "Table"
        assert event["object"]["rows"][0]["cells"][0] == "watch-table"
    finally:
        response.close()


def test_watch_in_other_namespace_is_silent(api, make_deployment):
    stream = Stream(
        api, "/apis/apps/v1/namespaces/kube-system/deployments", resourceVersion=_list_rv(api)
    )
    try:
        api.post(DEPLOYMENTS, make_deployment("watch-elsewhere"))
        time.sleep(0.3)
        assert stream.events == []
    finally:
        stream.close()


def test_stopping_the_server_ends_open_watches():
    with SandboxServer() as server:
        stream = Stream(Api(server), DEPLOYMENTS, resourceVersion="0")
        time.sleep(0.2)
    assert stream.done.wait(3)


def test_relabeling_moves_objects_in_and_out_of_a_selected_watch(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("watch-move", team="green"))
    stream = Stream(api, DEPLOYMENTS, resourceVersion=_list_rv(api), labelSelector="team=gold")
    try:
        path = f"{DEPLOYMENTS}/watch-move"
        api.patch(path, {"metadata": {"labels": {"team": "gold"}}}, MERGE)
        stream.wait_for(_named("watch-move", "ADDED"))
        api.patch(path, {"spec": {"replicas": 2}}, MERGE)
        stream.wait_for(_named("watch-move", "MODIFIED"))
        api.patch(path, {"metadata": {"labels": {"team": "green"}}}, MERGE)
        stream.wait_for(_named("watch-move", "DELETED"))
    finally:
        stream.close()


def test_store_events_since_returns_missed_events_oldest_first(sandbox, make_deployment):
    store = sandbox.control_plane
    dtype = store.registry.by_kind("apps/v1", "Deployment")
    start = store.resource_version
    store.create(dtype, make_deployment("watch-since"))
    store.delete(dtype, "default", "watch-since")
    events = [e for e in store.events_since(start) if e.object["metadata"]["name"] == "watch-since"]
    assert [e.type for e in events] == ["ADDED", "DELETED"]
    assert store.events_since(store.resource_version) == []


def test_connection_stays_usable_after_a_watch_times_out(api):
    url = urlsplit(api.server.url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    headers = dict(api.session.headers)
    try:
        conn.request("GET", f"{DEPLOYMENTS}?watch=true&timeoutSeconds=1", headers=headers)
        conn.getresponse().read()
        conn.request("GET", DEPLOYMENTS, headers=headers)
        assert json.loads(conn.getresponse().read())["kind"] == "DeploymentList"
    finally:
        conn.close()
