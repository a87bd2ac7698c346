"""`validate_manifest`, `yaml_problems` and `locate`: manifests and YAML text, at field and line."""

import yaml

from workloads.validation import Problem, locate, validate_manifest, yaml_problems

from .builders import deployment, propagation_policy


def test_valid_manifest_has_no_problems():
    assert validate_manifest(deployment()) == []


def test_unknown_field_at_its_path():
    manifest = deployment()
    manifest["spec"]["template"]["spec"]["containers"][0]["imagePullPolicyy"] = "Always"
    assert validate_manifest(manifest) == [
        Problem("spec.template.spec.containers[0].imagePullPolicyy", "Unknown field.")
    ]


def test_wrong_type_at_its_path():
    manifest = deployment()
    manifest["spec"]["replicas"] = "three"
    assert validate_manifest(manifest) == [Problem("spec.replicas", "Must be an integer.")]


def test_field_unknown_to_an_older_member_version():
    manifest = deployment()
    manifest["spec"]["template"]["spec"]["schedulingGates"] = [{"name": "wait"}]
    assert validate_manifest(manifest, "1.30") == []
    assert validate_manifest(manifest, "v1.25.4") == [
        Problem("spec.template.spec.schedulingGates", "Unknown field.")
    ]


def test_kind_missing_from_the_version():
    manifest = {"apiVersion": "batch/v1beta1", "kind": "CronJob", "metadata": {"name": "x"}}
    (problem,) = validate_manifest(manifest, "1.29")
    assert problem.field_path == "kind"
    assert problem.message == "Kubernetes 1.29 has no CronJob in batch/v1beta1."


def test_version_older_than_every_schema():
    (problem,) = validate_manifest(deployment(), "1.20")
    assert "oldest is 1.25" in problem.message


def test_missing_kind_and_name_are_required():
    assert validate_manifest({"apiVersion": "v1"}) == [Problem("kind", "Required.")]
    config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}}
    assert validate_manifest(config) == [Problem("metadata.name", "Required.")]


def test_karmada_kinds_are_checked_against_their_crd():
    policy = propagation_policy()
    policy["spec"]["priority"] = "high"
    assert validate_manifest(policy) == [Problem("spec.priority", "Must be an integer.")]


def test_yaml_parse_error_has_its_line():
    text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: [1\n"
    (problem,) = yaml_problems(text)
    assert problem.line == 5
    assert problem.message.startswith("Invalid YAML:")


def test_yaml_duplicate_key_has_its_line():
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n"
    assert yaml_problems(text) == [Problem("", "Duplicate key 'name'.", 5)]


def test_yaml_must_hold_one_object():
    assert (
        yaml_problems("a: 1\n---\nb: 2\n")[0].message == "Expected one object, found 2 documents."
    )
    assert yaml_problems("- 1\n")[0].message.startswith("Expected a Kubernetes object")


def test_locate_puts_schema_problems_on_their_line():
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: 1\n"
    assert locate(text, validate_manifest(yaml.safe_load(text))) == [
        Problem("data.x", "Must be a string.", 6)
    ]


def test_locate_falls_back_to_the_nearest_existing_parent():
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n"
    assert locate(text, [Problem("metadata.name", "Required.")]) == [
        Problem("metadata.name", "Required.", 3)
    ]
