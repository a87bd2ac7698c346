"""Server-side printing: `Table` answers with kubectl's usual columns."""

from __future__ import annotations

TABLE = (
    "application/json;as=Table;v=v1;g=meta.k8s.io,"
    "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
)
DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments"
POLICIES = "/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies"


def _table(api, path: str, **params: str) -> dict:
    response = api.get(path, headers={"Accept": TABLE}, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["kind"], body["apiVersion"]) == ("Table", "meta.k8s.io/v1")
    return body


def _columns(table: dict) -> list[str]:
    return [c["name"] for c in table["columnDefinitions"] if c["priority"] == 0]


def test_deployment_columns(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("tbl-web", replicas=3))
    table = _table(api, DEPLOYMENTS)
    assert _columns(table) == ["Name", "Ready", "Up-to-date", "Available", "Age"]
    row = next(r for r in table["rows"] if r["cells"][0] == "tbl-web")
    assert row["cells"][1:4] == ["0/3", 0, 0]
    assert row["object"]["kind"] == "PartialObjectMetadata"
    assert row["object"]["metadata"]["name"] == "tbl-web"


def test_wide_columns_have_priority_one(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("tbl-wide"))
    wide = [c["name"] for c in _table(api, DEPLOYMENTS)["columnDefinitions"] if c["priority"] == 1]
    assert wide == ["Containers", "Images", "Selector"]


def test_custom_resource_uses_printer_columns(api, make_policy):
    api.post(POLICIES, make_policy("tbl-pp", priority=5))
    table = _table(api, POLICIES)
    assert _columns(table) == ["Name", "CONFLICT-RESOLUTION", "PRIORITY", "AGE"]
    row = next(r for r in table["rows"] if r["cells"][0] == "tbl-pp")
    assert row["cells"][1:3] == ["Abort", 5]
    assert row["cells"][3].endswith("s")


def test_cluster_columns_read_the_ready_condition(api, sandbox):
    store = sandbox.control_plane
    ctype = store.registry.by_kind("cluster.karmada.io/v1alpha1", "Cluster")
    store.create(
        ctype,
        {
            "metadata": {"name": "tbl-member"},
            "spec": {"syncMode": "Push", "zones": ["z1", "z2"]},
            "status": {
                "kubernetesVersion": "v1.31.2",
                "conditions": [{"type": "Ready", "status": "True"}],
            },
        },
    )
    table = _table(api, "/apis/cluster.karmada.io/v1alpha1/clusters", includeObject="Object")
    assert _columns(table) == ["Name", "Version", "Mode", "Ready", "Age"]
    row = next(r for r in table["rows"] if r["cells"][0] == "tbl-member")
    # A running world may refresh the Cluster: compare with the object the row was made from.
    shown = row["object"]
    status = shown.get("status") or {}
    ready = next((c["status"] for c in status.get("conditions", []) if c["type"] == "Ready"), None)
    assert row["cells"][1:4] == [status.get("kubernetesVersion"), "Push", ready]
    zones = shown["spec"].get("zones")
    assert row["cells"][5] == (",".join(zones) if zones else None)


def test_single_object_table(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("tbl-one"))
    table = _table(api, f"{DEPLOYMENTS}/tbl-one")
    assert [r["cells"][0] for r in table["rows"]] == ["tbl-one"]


def test_include_object_embeds_the_full_object(api, make_deployment):
    api.post(DEPLOYMENTS, make_deployment("tbl-full"))
    table = _table(api, f"{DEPLOYMENTS}/tbl-full", includeObject="Object")
    assert table["rows"][0]["object"]["kind"] == "Deployment"


def test_builtin_kinds_have_their_columns(api):
    table = _table(api, "/api/v1/namespaces")
    assert _columns(table) == ["Name", "Status", "Age"]
    assert all(r["cells"][1] == "Active" for r in table["rows"])


def test_paged_table_keeps_continue_token(api, make_deployment):
    for index in range(3):
        api.post(DEPLOYMENTS, make_deployment(f"tbl-page-{index}"))
    table = _table(api, DEPLOYMENTS, limit="1")
    assert table["metadata"]["continue"]
    assert len(table["rows"]) == 1


def test_events_lead_with_last_seen(api):
    event = {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": "tbl-event", "namespace": "default"},
        "involvedObject": {"kind": "Deployment", "name": "web", "namespace": "default"},
        "reason": "ScaledUp",
        "message": "scaled to 3",
        "type": "Normal",
    }
    assert api.post("/api/v1/namespaces/default/events", event).status_code == 201
    table = _table(api, "/api/v1/namespaces/default/events")
    assert _columns(table) == ["Last Seen", "Type", "Reason", "Object", "Message"]
    row = next(r for r in table["rows"] if r["cells"][-1] == "tbl-event")
    assert row["cells"][1:5] == ["Normal", "ScaledUp", "deployment/web", "scaled to 3"]
