"""Workload template forms: starters validate, form -> object -> form is lossless, edits change
exactly what was edited, and fields the form does not cover survive."""

import copy

import pytest

from workloads.editors import paths, starter_manifest, workload_form
from workloads.editors.form import BoundGroup, bind_form, read_form
from workloads.editors.schema import Group
from workloads.editors.workload import WORKLOAD_KINDS, sync_selector
from workloads.kinds import CLUSTER_TEMPLATE_KIND_NAMES, TEMPLATE_KINDS
from workloads.validation import Problem, validate_manifest

from .editor_helpers import posted

KINDS = list(WORKLOAD_KINDS)


def round_trip(manifest: dict, edits: dict | None = None, base: dict | None = None):
    """Bind `manifest` to its kind's form, post it back (with `edits`), read it onto `base`."""
    sections = workload_form(manifest["kind"])
    bound, unplaced = bind_form(sections, manifest)
    assert unplaced == []
    data = {**posted(bound), **(edits or {})}
    return read_form(sections, data, manifest if base is None else base)


def test_the_kinds_are_the_mirrored_template_kinds():
    assert {kind: api_version for api_version, kind in TEMPLATE_KINDS} == WORKLOAD_KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_every_form_starts_with_name_namespace_labels_and_annotations(kind):
    first = workload_form(kind)[0]
    namespace = [] if kind in CLUSTER_TEMPLATE_KIND_NAMES else ["metadata.namespace"]
    assert [f.path for f in first.fields] == [
        "metadata.name",
        *namespace,
        "metadata.labels",
        "metadata.annotations",
    ]


def filled(fields) -> dict:
    """An object with every input of `fields` set (one row per group)."""
    sample = {"number": 1, "checkbox": True, "list": ["x"], "map": {"a": "b"}, "yaml": "x"}
    obj: dict = {}
    for spec in fields:
        if isinstance(spec, Group):
            value = [filled(spec.fields)]
        elif spec.widget == "select":
            value = spec.choices[0]
        else:
            value = sample.get(spec.widget, "x")
        paths.put(obj, spec.path, value)
    return obj


@pytest.mark.parametrize("kind", KINDS)
def test_every_input_edits_a_field_kubernetes_knows(kind):
    fields = [f for section in workload_form(kind) for f in section.fields]
    manifest = {"apiVersion": WORKLOAD_KINDS[kind], "kind": kind, **filled(fields)}
    unknown = [p for p in validate_manifest(manifest) if p.message == "Unknown field."]
    assert unknown == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_starter_is_valid(kind):
    manifest = starter_manifest(kind, name="web", namespace="shop")
    assert manifest["apiVersion"] == WORKLOAD_KINDS[kind]
    namespace = {} if kind in CLUSTER_TEMPLATE_KIND_NAMES else {"namespace": "shop"}
    assert manifest["metadata"] == {"name": "web", **namespace, "labels": {"app": "web"}}
    assert validate_manifest(manifest) == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_starter_survives_the_form(kind):
    manifest = starter_manifest(kind, name="web", namespace="shop")
    assert round_trip(manifest) == (manifest, [])


@pytest.mark.parametrize("kind", KINDS)
def test_the_form_shows_everything_a_starter_sets_but_the_selector(kind):
    manifest = starter_manifest(kind, name="web", namespace="shop")
    header = {"apiVersion": manifest["apiVersion"], "kind": kind}
    read, problems = round_trip(manifest, base=header)
    assert problems == []
    assert sync_selector(read) == manifest


def test_an_unknown_kind_has_no_form_or_starter():
    with pytest.raises(ValueError, match="No guided form for kind 'Pod'"):
        workload_form("Pod")
    with pytest.raises(ValueError, match="No guided form for kind 'Pod'"):
        starter_manifest("Pod", name="web", namespace="shop")


def shop_deployment() -> dict:
    """Two containers with command, args (one with a comma), ports, env and resources, plus
    fields the form does not cover (volumes, tolerations, mounts, env from a Secret, status)."""
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
            "name": "shop",
            "namespace": "shop",
            "uid": "4f0c1e2a",
            "resourceVersion": "7",
            "labels": {"app": "shop", "team": "payments"},
            "annotations": {"example.com/notes": "first line\nsecond line\n"},
        },
        "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "shop"}},
            "strategy": {
                "type": "RollingUpdate",
                "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1},
            },
            "template": {
                "metadata": {"labels": {"app": "shop", "tier": "web"}},
                "spec": {
                    "containers": [
                        {
                            "name": "web",
                            "image": "registry.example.com/shop:2.3",
                            "imagePullPolicy": "IfNotPresent",
                            "command": ["/bin/shop"],
                            "args": ["--listen=:8080", "--features=cart,checkout"],
                            "ports": [
                                {"name": "http", "containerPort": 8080, "protocol": "TCP"},
                                {"name": "metrics", "containerPort": 9090},
                            ],
                            "env": [
                                {"name": "LOG_LEVEL", "value": "debug"},
                                {
                                    "name": "DB_PASSWORD",
                                    "valueFrom": {"secretKeyRef": {"name": "db", "key": "pw"}},
                                },
                            ],
                            "resources": {
                                "requests": {"cpu": "250m", "memory": "256Mi"},
                                "limits": {"cpu": "1", "memory": "512Mi"},
                            },
                            "volumeMounts": [{"name": "cache", "mountPath": "/cache"}],
                        },
                        {
                            "name": "sidecar",
                            "image": "envoyproxy/envoy:v1.30",
                            "args": ["-c", "/etc/envoy/envoy.yaml"],
                            "resources": {"limits": {"memory": "128Mi"}},
                        },
                    ],
                    "volumes": [{"name": "cache", "emptyDir": {}}],
                    "tolerations": [{"key": "dedicated", "operator": "Exists"}],
                },
            },
        },
        "status": {"replicas": 3},
    }


def test_a_rich_deployment_survives_the_form():
    manifest = shop_deployment()
    assert validate_manifest(manifest) == []
    assert round_trip(manifest) == (manifest, [])


def test_the_form_does_not_cover_what_the_yaml_editor_is_for():
    manifest = shop_deployment()
    header = {"apiVersion": "apps/v1", "kind": "Deployment"}
    read, _ = round_trip(manifest, base=header)
    pod = read["spec"]["template"]["spec"]
    assert "volumes" not in pod and "tolerations" not in pod
    assert "volumeMounts" not in pod["containers"][0]
    assert pod["containers"][0]["env"][1] == {"name": "DB_PASSWORD"}


def test_editing_the_image_and_replicas_changes_exactly_those():
    manifest = shop_deployment()
    edits = {
        "spec.replicas": ["5"],
        "spec.template.spec.containers[1].image": ["envoyproxy/envoy:v1.31"],
    }
    expected = copy.deepcopy(manifest)
    expected["spec"]["replicas"] = 5
    expected["spec"]["template"]["spec"]["containers"][1]["image"] = "envoyproxy/envoy:v1.31"
    assert round_trip(manifest, edits) == (expected, [])


def test_a_cronjob_edits_the_pods_of_its_job_template():
    manifest = starter_manifest("CronJob", name="report", namespace="shop")
    containers = "spec.jobTemplate.spec.template.spec.containers"
    read, problems = round_trip(manifest, {f"{containers}[0].image": ["busybox:1.37"]})
    assert problems == []
    job_pods = read["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    assert job_pods["containers"][0]["image"] == "busybox:1.37"
    assert job_pods["restartPolicy"] == "OnFailure"


def test_replicas_that_are_not_a_number_are_a_problem_at_their_input():
    manifest = starter_manifest("Deployment", name="web", namespace="shop")
    read, problems = round_trip(manifest, {"spec.replicas": ["two"]})
    assert problems == [Problem("spec.replicas", "Enter a whole number.")]
    bound, unplaced = bind_form(workload_form("Deployment"), read, problems)
    assert unplaced == []
    replicas = {f.name: f for s in bound for f in s.fields}["spec.replicas"]
    assert replicas.problems == ["Enter a whole number."]


def test_schema_problems_land_on_the_container_inputs():
    manifest = starter_manifest("Deployment", name="web", namespace="shop")
    del manifest["spec"]["template"]["spec"]["containers"][0]["name"]
    problems = validate_manifest(manifest)
    assert [p.field_path for p in problems] == ["spec.template.spec.containers[0].name"]
    bound, unplaced = bind_form(workload_form("Deployment"), manifest, problems)
    assert unplaced == []
    group = next(f for f in bound[-1].fields if isinstance(f, BoundGroup))
    name = {f.name: f for f in group.items[0].fields}["spec.template.spec.containers[0].name"]
    assert name.problems == ["Required."]


def test_removing_a_container_keeps_the_uncovered_fields_of_the_others():
    manifest = shop_deployment()
    manifest["spec"]["template"]["spec"]["containers"][1]["volumeMounts"] = [
        {"name": "cache", "mountPath": "/var/cache/envoy"}
    ]
    read, problems = round_trip(manifest, {"_remove": "spec.template.spec.containers[0]"})
    assert problems == []
    (sidecar,) = read["spec"]["template"]["spec"]["containers"]
    assert sidecar == manifest["spec"]["template"]["spec"]["containers"][1]
    assert read["spec"]["template"]["spec"]["volumes"] == [{"name": "cache", "emptyDir": {}}]


def test_a_target_port_stays_a_number_or_a_name():
    manifest = starter_manifest("Service", name="web", namespace="shop")
    manifest["spec"]["ports"].append({"name": "admin", "port": 8443, "targetPort": 8443})
    read, problems = round_trip(manifest)
    assert problems == []
    assert [p["targetPort"] for p in read["spec"]["ports"]] == ["http", 8443]
    read, _ = round_trip(manifest, {"spec.ports[1].targetPort": ["9443"]})
    assert read["spec"]["ports"][1]["targetPort"] == 9443


def test_config_map_values_may_span_lines():
    manifest = starter_manifest("ConfigMap", name="web", namespace="shop")
    manifest["data"] = {"app.conf": "listen 8080;\nroot /srv;\n", "RETRIES": "3", "DEBUG": "true"}
    assert round_trip(manifest) == (manifest, [])


def test_a_secret_form_never_shows_stored_values_and_keeps_them():
    secret = starter_manifest("Secret", name="db", namespace="shop")
    secret["data"] = {"password": "czNjcmV0"}
    bound, _ = bind_form(workload_form("Secret"), secret)
    assert all("czNjcmV0" not in str(f.value) for section in bound for f in section.fields)
    read, problems = round_trip(secret, {"stringData": ["user: shop"]})
    assert problems == []
    assert read["data"] == {"password": "czNjcmV0"}
    assert read["stringData"] == {"user": "shop"}


def test_an_autoscaler_keeps_metrics_the_form_does_not_edit():
    hpa = starter_manifest("HorizontalPodAutoscaler", name="web", namespace="shop")
    pods_metric = {
        "type": "Pods",
        "pods": {
            "metric": {"name": "requests_per_second"},
            "target": {"type": "AverageValue", "averageValue": "100"},
        },
    }
    hpa["spec"]["metrics"].append(pods_metric)
    assert validate_manifest(hpa) == []
    assert round_trip(hpa) == (hpa, [])


@pytest.mark.parametrize("kind", ["Deployment", "StatefulSet", "DaemonSet"])
def test_on_create_the_selector_follows_the_pod_labels(kind):
    manifest = starter_manifest(kind, name="web", namespace="shop")
    read, _ = round_trip(manifest, {"spec.template.metadata.labels": ["app=web\ntier=front"]})
    synced = sync_selector(read)
    assert synced["spec"]["selector"] == {"matchLabels": {"app": "web", "tier": "front"}}
    assert read["spec"]["selector"] == {"matchLabels": {"app": "web"}}  # a copy was changed
    assert validate_manifest(synced) == []


def test_sync_selector_leaves_kinds_without_a_pod_selector_alone():
    job = starter_manifest("Job", name="once", namespace="shop")
    assert sync_selector(job) == job
    deployment = starter_manifest("Deployment", name="web", namespace="shop")
    del deployment["spec"]["template"]["metadata"]["labels"]
    assert sync_selector(deployment) == deployment
