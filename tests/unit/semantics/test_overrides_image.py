"""imageOverrider and Karmada's image reference parsing."""

import pytest

from karmada_semantics.overrides import apply_overrides
from karmada_semantics.overrides.image import ImageError, override_image, parse_image

CLUSTER = {"metadata": {"name": "member1"}}
DIGEST = "sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"


def rewrite(image, component, operator, value=None):
    overrider = {"component": component, "operator": operator}
    if value is not None:
        overrider["value"] = value
    return override_image(image, overrider)


def workload(kind, images, init_images=()):
    pod_spec = {
        "containers": [{"name": f"c{i}", "image": image} for i, image in enumerate(images)],
        "initContainers": [
            {"name": f"i{i}", "image": image} for i, image in enumerate(init_images)
        ],
    }
    if kind == "Pod":
        spec = pod_spec
    elif kind == "CronJob":
        spec = {"jobTemplate": {"spec": {"template": {"spec": pod_spec}}}}
    else:
        spec = {"template": {"spec": pod_spec}}
    return {
        "apiVersion": "v1",
        "kind": kind,
        "metadata": {"name": "w", "namespace": "default"},
        "spec": spec,
    }


def apply_image(resource, overrider):
    policy = {
        "metadata": {"name": "img", "namespace": "default"},
        "spec": {"overrideRules": [{"overriders": {"imageOverrider": [overrider]}}]},
    }
    return apply_overrides(resource, CLUSTER, [policy], [])


def test_image_registry_replace_adds_no_library_prefix():
    assert (
        rewrite("nginx:1.25", "Registry", "replace", "harbor.corp:5000")
        == "harbor.corp:5000/nginx:1.25"
    )


def test_registry_add_concatenates_onto_the_host():
    assert rewrite("docker.io/library/nginx:1.25", "Registry", "add", "-mirror.local") == (
        "docker.io-mirror.local/library/nginx:1.25"
    )


def test_registry_remove_strips_the_host_only():
    assert (
        rewrite("quay.io/prometheus/node-exporter:v1", "Registry", "remove")
        == "prometheus/node-exporter:v1"
    )


@pytest.mark.parametrize(
    ("image", "host"),
    [
        ("registry.local:5000/team/app:1.0", "registry.local:5000"),
        ("localhost:5000/app", "localhost:5000"),
        ("10.0.0.5:8443/ns/app:v1", "10.0.0.5:8443"),
        ("library/nginx", ""),
        ("nginx", ""),
    ],
)
def test_registry_is_recognised_only_with_dot_colon_or_localhost(image, host):
    assert parse_image(image).hostname == host


def test_tag_and_digest_reference_keeps_only_the_tag_on_rewrite():
    image = f"hub.example.com/library/redis:7.2@{DIGEST}"
    assert (
        rewrite(image, "Repository", "replace", "platform/app")
        == "hub.example.com/platform/app:7.2"
    )


def test_digest_only_reference_keeps_its_digest_under_repository_rewrite():
    image = f"ghcr.example.com/acme/api@{DIGEST}"
    assert (
        rewrite(image, "Repository", "replace", "platform/app")
        == f"ghcr.example.com/platform/app@{DIGEST}"
    )


def test_tag_replace_on_a_digest_image_replaces_the_digest():
    assert rewrite(f"nginx@{DIGEST}", "Tag", "replace", "1.27") == "nginx:1.27"


def test_tag_add_appends_to_an_existing_tag():
    assert rewrite("app:1.0", "Tag", "add", "-fips") == "app:1.0-fips"


def test_tag_add_producing_an_invalid_tag_is_a_silent_noop():
    assert rewrite("app", "Tag", "add", "-fips") == "app"
    assert rewrite(f"app@{DIGEST}", "Tag", "add", "-fips") == f"app@{DIGEST}"


def test_tag_remove_drops_the_tag():
    assert rewrite("ghcr.io/acme/tools:2.0", "Tag", "remove") == "ghcr.io/acme/tools"


def test_repository_add_appends_to_the_path():
    assert rewrite("docker.io/library/postgres:16.2", "Repository", "add", "-hardened") == (
        "docker.io/library/postgres-hardened:16.2"
    )


def test_invalid_reference_reports_distributions_message():
    with pytest.raises(
        ImageError,
        match=r"failed to parse image value\(bad::ref\), error: invalid reference format",
    ):
        rewrite("bad::ref", "Tag", "replace", "1")


def test_uppercase_repository_reports_lowercase_rule():
    with pytest.raises(ImageError, match="repository name must be lowercase"):
        parse_image("Nginx:1.0")


def test_without_predicate_every_container_changes_but_not_init_containers():
    result = apply_image(
        workload("Deployment", ["nginx:1", "redis:7"], ["busybox:1"]),
        {"component": "Registry", "operator": "replace", "value": "mirror.io"},
    )
    spec = result.manifest["spec"]["template"]["spec"]
    assert [c["image"] for c in spec["containers"]] == ["mirror.io/nginx:1", "mirror.io/redis:7"]
    assert spec["initContainers"][0]["image"] == "busybox:1"


def test_cronjob_without_predicate_is_unchanged_yet_listed_as_applied():
    resource = workload("CronJob", ["nginx:1"])
    result = apply_image(
        resource, {"component": "Registry", "operator": "replace", "value": "mirror.io"}
    )
    assert result.manifest == resource
    assert [e["policyName"] for e in result.applied_overrides] == ["img"]


def test_predicate_changes_only_the_image_it_points_at():
    result = apply_image(
        workload("Deployment", ["nginx:1"], ["busybox:1", "alpine:3"]),
        {
            "predicate": {"path": "/spec/template/spec/initContainers/1/image"},
            "component": "Registry",
            "operator": "replace",
            "value": "mirror.io",
        },
    )
    spec = result.manifest["spec"]["template"]["spec"]
    assert [c["image"] for c in spec["initContainers"]] == ["busybox:1", "mirror.io/alpine:3"]
    assert spec["containers"][0]["image"] == "nginx:1"


def test_predicate_index_past_the_end_panics_like_karmada():
    result = apply_image(
        workload("Deployment", ["nginx:1"]),
        {
            "predicate": {"path": "/spec/template/spec/containers/3/image"},
            "component": "Tag",
            "operator": "remove",
        },
    )
    assert result.error == "panic: runtime error: index out of range [3] with length 1"
    assert result.manifest is None


def test_predicate_to_a_missing_field_fails_the_application():
    result = apply_image(
        workload("Pod", ["nginx:1"]),
        {
            "predicate": {"path": "/spec/containers/0/missing"},
            "component": "Tag",
            "operator": "remove",
        },
    )
    assert result.error == (
        "failed to obtain imageValue with predicate path(/spec/containers/0/missing), "
        "error: failed to convert path(missing) to string"
    )


def test_invalid_image_fails_the_whole_application():
    result = apply_image(
        workload("Pod", ["NOT VALID"]), {"component": "Tag", "operator": "replace", "value": "1"}
    )
    assert result.error == "failed to parse image value(NOT VALID), error: invalid reference format"
    assert result.applied_overrides == []
