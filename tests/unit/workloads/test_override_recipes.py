"""Override recipes: each draft passes validation and gives every cluster the intended manifest."""

import copy
import inspect

import pytest

from kairship_ui.errors import InvalidInput
from karmada_semantics.overrides import apply_overrides
from workloads.editors import override_form
from workloads.editors.form import bind_form, read_form
from workloads.editors.recipes import (
    RECIPES,
    env_per_provider,
    fewer_replicas,
    regional_image_registry,
)
from workloads.validation import validate_override_policy

from .editor_helpers import posted


def cluster(name, *, region, provider, environment):
    return {
        "apiVersion": "cluster.karmada.io/v1alpha1",
        "kind": "Cluster",
        "metadata": {"name": name, "labels": {"environment": environment}},
        "spec": {"region": region, "provider": provider, "zone": f"{region}a"},
    }


CLUSTERS = [
    cluster("eu-prod", region="eu-west-1", provider="aws", environment="production"),
    cluster("eu-staging", region="eu-west-1", provider="gcp", environment="staging"),
    cluster("us-prod", region="us-east-1", provider="aws", environment="production"),
    cluster("ap-edge", region="ap-south-1", provider="onprem", environment="staging"),
]


def deployment(*, replicas=6, env=None):
    """Deployment shop/web: an init container, a sidecar, then `app` (with `env` if given)."""
    app = {"name": "app", "image": "registry.example.com/team/app:1.2"}
    if env is not None:
        app["env"] = env
    spec = {
        "selector": {"matchLabels": {"app": "web"}},
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {
                "initContainers": [{"name": "migrate", "image": "busybox:1.36"}],
                "containers": [{"name": "proxy", "image": "nginx:1.25"}, app],
            },
        },
    }
    if replicas is not None:
        spec["replicas"] = replicas
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": spec,
    }


def manifests(draft, template):
    """The manifest each cluster receives, once the draft is checked like the editor does."""
    assert validate_override_policy(draft, clusters=CLUSTERS, templates=[template]) == []
    cluster_scoped = draft["kind"] == "ClusterOverridePolicy"
    ops, cops = ([], [draft]) if cluster_scoped else ([draft], [])
    received = {}
    for member in CLUSTERS:
        result = apply_overrides(template, member, ops, cops)
        assert (result.error, result.admission_denied) == (None, None)
        received[member["metadata"]["name"]] = result.manifest
    return received


def images(manifest, pod="/spec/template/spec"):
    spec = manifest
    for part in pod.strip("/").split("/"):
        spec = spec[part]
    return [c["image"] for c in spec.get("initContainers", []) + spec["containers"]]


# regional_image_registry

REGISTRIES = {"eu-west-1": "mirror.eu.example.com", "us-east-1": "mirror.us.example.com/"}


def test_each_region_pulls_every_image_from_its_registry():
    template = deployment()
    draft = regional_image_registry(template, CLUSTERS, REGISTRIES)
    received = manifests(draft, template)
    eu = ["busybox:1.36", "nginx:1.25", "team/app:1.2"]
    assert images(received["eu-prod"]) == [f"mirror.eu.example.com/{i}" for i in eu]
    assert images(received["eu-staging"]) == images(received["eu-prod"])
    assert images(received["us-prod"]) == [f"mirror.us.example.com/{i}" for i in eu]
    assert received["ap-edge"] == template
    assert draft["kind"] == "OverridePolicy"
    assert draft["metadata"] == {"name": "web-regional-registry", "namespace": "shop"}


def test_only_the_images_change():
    template = deployment()
    received = manifests(regional_image_registry(template, CLUSTERS, REGISTRIES), template)
    unchanged = copy.deepcopy(received["eu-prod"])
    pod = unchanged["spec"]["template"]["spec"]
    for container, original in zip(
        pod["initContainers"] + pod["containers"],
        ["busybox:1.36", "nginx:1.25", "registry.example.com/team/app:1.2"],
        strict=True,
    ):
        container["image"] = original
    assert unchanged == template


def test_a_cronjob_has_its_images_named_by_path():
    template = {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": "nightly", "namespace": "shop"},
        "spec": {
            "schedule": "0 3 * * *",
            "jobTemplate": {
                "spec": {
                    "template": {
                        "spec": {
                            "containers": [{"name": "job", "image": "team/report:7"}],
                            "restartPolicy": "Never",
                        }
                    }
                }
            },
        },
    }
    draft = regional_image_registry(template, CLUSTERS, {"us-east-1": "mirror.us.example.com"})
    received = manifests(draft, template)
    pod = "/spec/jobTemplate/spec/template/spec"
    assert images(received["us-prod"], pod) == ["mirror.us.example.com/team/report:7"]
    assert images(received["eu-prod"], pod) == ["team/report:7"]


def test_a_region_without_clusters_is_refused_with_the_known_regions():
    with pytest.raises(InvalidInput) as refused:
        regional_image_registry(deployment(), CLUSTERS, {"sa-east-1": "mirror.sa.example.com"})
    assert refused.value.field == "registries"
    assert refused.value.message == (
        "No cluster has region 'sa-east-1'; the clusters' regions are: "
        "ap-south-1, eu-west-1, us-east-1."
    )


def test_an_empty_registry_and_a_template_without_images_are_refused():
    with pytest.raises(InvalidInput) as refused:
        regional_image_registry(deployment(), CLUSTERS, {"eu-west-1": " "})
    assert refused.value.field == "registries"
    config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}}
    with pytest.raises(InvalidInput, match="ConfigMap cfg has no container images"):
        regional_image_registry(config, CLUSTERS, {"eu-west-1": "mirror.eu.example.com"})


# fewer_replicas


@pytest.mark.parametrize("replicas, operator", [(6, "replace"), (None, "add")])
def test_clusters_with_the_label_run_the_given_replicas(replicas, operator):
    template = deployment(replicas=replicas)
    draft = fewer_replicas(template, CLUSTERS, {"environment": "staging"}, 1)
    received = manifests(draft, template)
    assert {name: m["spec"].get("replicas") for name, m in received.items()} == {
        "eu-prod": replicas,
        "eu-staging": 1,
        "us-prod": replicas,
        "ap-edge": 1,
    }
    [rule] = draft["spec"]["overrideRules"]
    assert rule["overriders"]["plaintext"][0]["operator"] == operator


def test_a_cluster_scoped_template_gets_a_cluster_override_policy():
    template = {
        "apiVersion": "example.com/v1",
        "kind": "EdgeGateway",
        "metadata": {"name": "gateway"},
        "spec": {"replicas": 4},
    }
    draft = fewer_replicas(template, CLUSTERS, {"environment": "production"}, 2)
    assert draft["kind"] == "ClusterOverridePolicy"
    assert draft["metadata"] == {"name": "gateway-replicas"}
    received = manifests(draft, template)
    assert [m["spec"]["replicas"] for m in received.values()] == [2, 4, 2, 4]


@pytest.mark.parametrize(
    "template, labels, replicas, field, message",
    [
        (deployment(), {}, 1, "label_selector", "Give at least one cluster label."),
        (
            deployment(),
            {"environment": "qa"},
            1,
            "label_selector",
            "No cluster has the labels environment=qa.",
        ),
        (
            deployment(),
            {"environment": "staging"},
            -1,
            "replicas",
            "Enter a whole number of replicas, 0 or more.",
        ),
        (
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}},
            {"environment": "staging"},
            1,
            None,
            "ConfigMap cfg has no replicas.",
        ),
    ],
)
def test_fewer_replicas_refuses_what_cannot_work(template, labels, replicas, field, message):
    with pytest.raises(InvalidInput) as refused:
        fewer_replicas(template, CLUSTERS, labels, replicas)
    assert (refused.value.field, refused.value.message) == (field, message)


# env_per_provider

VALUES = {"aws": "https://s3.amazonaws.com", "gcp": "https://storage.googleapis.com"}
OTHER = {"name": "LOG_LEVEL", "value": "info"}
FROM_SECRET = {"name": "STORE_URL", "valueFrom": {"secretKeyRef": {"name": "s", "key": "url"}}}


@pytest.mark.parametrize(
    "env, expected",
    [
        (None, lambda entry: [entry]),
        ([], lambda entry: [entry]),
        ([OTHER], lambda entry: [OTHER, entry]),
        ([FROM_SECRET, OTHER], lambda entry: [entry, OTHER]),
    ],
    ids=["no-env", "empty-env", "other-variables", "variable-already-set"],
)
def test_each_provider_gets_its_value_whatever_env_the_container_has(env, expected):
    template = deployment(env=copy.deepcopy(env))
    draft = env_per_provider(template, CLUSTERS, "app", "STORE_URL", VALUES)
    received = manifests(draft, template)

    def app(name):
        return received[name]["spec"]["template"]["spec"]["containers"][1]

    for name, provider in [("eu-prod", "aws"), ("us-prod", "aws"), ("eu-staging", "gcp")]:
        assert app(name)["env"] == expected({"name": "STORE_URL", "value": VALUES[provider]})
        assert received[name]["spec"]["template"]["spec"]["containers"][0] == {
            "name": "proxy",
            "image": "nginx:1.25",
        }
    assert received["ap-edge"] == template
    assert draft["metadata"]["name"] == "web-env-store-url"


def test_the_same_draft_would_break_a_template_without_env_if_it_appended():
    """Why the recipe looks at env first: Karmada cannot append to a list that is missing."""
    template = deployment()
    draft = env_per_provider(template, CLUSTERS, "app", "STORE_URL", VALUES)
    change = draft["spec"]["overrideRules"][0]["overriders"]["plaintext"][0]
    assert change["path"] == "/spec/template/spec/containers/1/env"
    change["path"] += "/-"
    change["value"] = change["value"][0]
    result = apply_overrides(template, CLUSTERS[0], [draft], [])
    assert result.manifest is None
    assert "doc is missing path" in result.error


@pytest.mark.parametrize(
    "container, name, values, field",
    [
        ("db", "STORE_URL", VALUES, "container"),
        ("app", "STORE=URL", VALUES, "name"),
        ("app", "STORE_URL", {"azure": "x"}, "values"),
        ("app", "STORE_URL", {}, "values"),
    ],
)
def test_env_per_provider_refuses_what_cannot_work(container, name, values, field):
    with pytest.raises(InvalidInput) as refused:
        env_per_provider(deployment(), CLUSTERS, container, name, values)
    assert refused.value.field == field


def test_an_unknown_container_is_refused_with_the_template_containers():
    with pytest.raises(InvalidInput, match="its containers: proxy, app"):
        env_per_provider(deployment(), CLUSTERS, "db", "STORE_URL", VALUES)


# The registry


def test_every_recipe_declares_the_inputs_its_function_takes():
    assert set(RECIPES) == {"regional-image-registry", "fewer-replicas", "env-per-provider"}
    for slug, recipe in RECIPES.items():
        parameters = list(inspect.signature(recipe.build).parameters)
        assert parameters[:2] == ["template", "clusters"]
        assert [f.path for f in recipe.inputs] == parameters[2:]
        assert recipe.slug == slug and recipe.title and recipe.description


def test_a_recipe_drafts_from_its_posted_form():
    recipe = RECIPES["fewer-replicas"]
    posted = {
        "recipe.fewer-replicas.label_selector": "environment=staging",
        "recipe.fewer-replicas.replicas": "0",
    }
    values, problems = recipe.values(posted)
    assert problems == []
    draft = recipe.draft(deployment(), CLUSTERS, values)
    assert draft == fewer_replicas(deployment(), CLUSTERS, {"environment": "staging"}, 0)


def test_a_missing_input_is_refused_at_that_input():
    recipe = RECIPES["env-per-provider"]
    posted = {"recipe.env-per-provider.container": "app", "recipe.env-per-provider.values": "aws=x"}
    values, _ = recipe.values(posted)
    with pytest.raises(InvalidInput) as refused:
        recipe.draft(deployment(), CLUSTERS, values)
    assert (refused.value.field, refused.value.message) == (
        "recipe.env-per-provider.name",
        "Variable: required.",
    )


@pytest.mark.parametrize(
    "draft",
    [
        regional_image_registry(deployment(), CLUSTERS, REGISTRIES),
        fewer_replicas(deployment(replicas=None), CLUSTERS, {"environment": "staging"}, 1),
        env_per_provider(deployment(env=[OTHER]), CLUSTERS, "app", "STORE_URL", VALUES),
    ],
    ids=list(RECIPES),
)
def test_a_recipe_draft_opens_in_the_override_form_unchanged(draft):
    sections = override_form(cluster_scoped=draft["kind"] == "ClusterOverridePolicy")
    bound, _ = bind_form(sections, draft)
    header = {"apiVersion": draft["apiVersion"], "kind": draft["kind"]}
    read, problems = read_form(sections, posted(bound), header)
    assert problems == []
    assert read == draft
