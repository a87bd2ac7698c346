"""The override policy form covers every CRD field, and form -> object -> form is lossless."""

import json

import pytest

from tests.shared_paths import VECTORS_DIR
from workloads.editors import override_form
from workloads.editors.form import BoundGroup, bind_form, read_form
from workloads.validation import Problem, validate_override_policy

from .editor_helpers import crd_spec, form_paths, leaf_paths, posted


@pytest.mark.parametrize(
    "crd, cluster_scoped",
    [
        ("policy.karmada.io_overridepolicies.yaml", False),
        ("policy.karmada.io_clusteroverridepolicies.yaml", True),
    ],
)
def test_the_override_form_covers_every_field_of_the_crd_and_no_other(crd, cluster_scoped):
    covered = {
        path for section in override_form(cluster_scoped) for path in form_paths(section.fields)
    }
    spec_fields = {"spec" + p for p in leaf_paths(crd_spec(crd))}
    assert spec_fields - covered == set()
    metadata = {"metadata.name", "metadata.labels"} | (
        set() if cluster_scoped else {"metadata.namespace"}
    )
    assert covered - spec_fields == metadata


def test_the_deprecated_single_rule_has_the_same_overriders_as_a_rule():
    sections = {s.title: s for s in override_form()}
    rule_fields = form_paths(sections["Override rules"].fields)
    deprecated = sections["Deprecated: single rule"]
    assert deprecated.advanced
    assert {p.replace("spec.overrideRules[].", "spec.") for p in rule_fields} == form_paths(
        deprecated.fields
    )


HEADER = {"apiVersion": "policy.karmada.io/v1alpha1"}


def vector_policies():
    for path in sorted((VECTORS_DIR / "overrides").glob("*.json")):
        scenario = json.loads(path.read_text())["input"]
        policies = scenario.get("overridePolicies", []) + scenario.get(
            "clusterOverridePolicies", []
        )
        for policy in policies:
            yield pytest.param(policy, id=f"{path.stem}-{policy['metadata']['name']}")


def without_empty_containers(obj):
    """The form writes no empty list or map (Karmada reads them as unset); "" values stay."""
    if isinstance(obj, dict):
        kept = {k: without_empty_containers(v) for k, v in obj.items()}
        return {k: v for k, v in kept.items() if v is not None and v not in ({}, [])}
    if isinstance(obj, list):
        return [without_empty_containers(v) for v in obj]
    return obj


POLICIES = list(vector_policies())


def test_the_vectors_hold_override_policies_of_both_kinds():
    kinds = {p.values[0]["kind"] for p in POLICIES}
    assert len(POLICIES) >= 25
    assert kinds == {"OverridePolicy", "ClusterOverridePolicy"}


@pytest.mark.parametrize("policy", POLICIES)
def test_a_vector_policy_survives_form_round_trip_without_its_base(policy):
    sections = override_form(cluster_scoped=policy["kind"] == "ClusterOverridePolicy")
    bound, unplaced = bind_form(sections, policy)
    read, problems = read_form(sections, posted(bound), base=HEADER | {"kind": policy["kind"]})
    assert problems == []
    assert unplaced == []
    assert read == {**HEADER, **without_empty_containers(policy)}


RULE_ONE = {
    "targetCluster": {"labelSelector": {"matchLabels": {"env": "prod"}}},
    "overriders": {"imageOverrider": [{"component": "Tag", "operator": "replace", "value": "2"}]},
}
RULE_TWO = {
    "targetCluster": {
        "fieldSelector": {
            "matchExpressions": [{"key": "region", "operator": "In", "values": ["eu-west-1"]}]
        }
    },
    "overriders": {
        "plaintext": [{"path": "/spec/replicas", "operator": "replace", "value": 2}],
        "fieldOverrider": [
            {
                "fieldPath": "/data/app.yaml",
                "yaml": [{"subPath": "/log/level", "operator": "replace", "value": "debug"}],
            }
        ],
    },
}
POLICY = {
    "apiVersion": "policy.karmada.io/v1alpha1",
    "kind": "OverridePolicy",
    "metadata": {"name": "web", "namespace": "shop", "annotations": {"kept": "yes"}},
    "spec": {
        "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}],
        "overrideRules": [RULE_ONE, RULE_TWO],
    },
}


LEGACY = {
    "apiVersion": "policy.karmada.io/v1alpha1",
    "kind": "ClusterOverridePolicy",
    "metadata": {"name": "mirror"},
    "spec": {
        "targetCluster": {"clusterNames": ["member1"], "exclude": ["member2"]},
        "overriders": {
            "imageOverrider": [
                {
                    "predicate": {
                        "path": "/spec/jobTemplate/spec/template/spec/containers/0/image"
                    },
                    "component": "Registry",
                    "operator": "replace",
                    "value": "mirror.example.com",
                }
            ],
            "commandOverrider": [{"containerName": "app", "operator": "add", "value": ["-v"]}],
            "annotationsOverrider": [{"operator": "remove", "value": {"old": ""}}],
        },
    },
}


def test_a_deprecated_single_rule_policy_survives_form_round_trip():
    sections = override_form(cluster_scoped=True)
    bound, _ = bind_form(sections, LEGACY)
    read, problems = read_form(sections, posted(bound), base=HEADER | {"kind": LEGACY["kind"]})
    assert problems == []
    assert read == LEGACY


def read_after(data_change, base=POLICY):
    sections = override_form()
    bound, _ = bind_form(sections, base)
    return read_form(sections, {**posted(bound), **data_change}, base)


def test_fields_the_form_does_not_cover_are_kept_from_the_base():
    read, problems = read_after({})
    assert problems == []
    assert read == POLICY


def test_add_a_plaintext_row_inside_the_second_rule():
    read, _ = read_after({"_add": "spec.overrideRules[1].overriders.plaintext"})
    rules = read["spec"]["overrideRules"]
    assert rules[1]["overriders"]["plaintext"] == [*RULE_TWO["overriders"]["plaintext"], {}]
    assert rules[0] == RULE_ONE


def test_add_a_first_row_to_a_group_the_rule_does_not_have_yet():
    read, _ = read_after({"_add": "spec.overrideRules[0].overriders.argsOverrider"})
    assert read["spec"]["overrideRules"][0]["overriders"]["argsOverrider"] == [{}]


def test_add_a_yaml_change_inside_a_document_change():
    read, _ = read_after({"_add": "spec.overrideRules[1].overriders.fieldOverrider[0].yaml"})
    field = read["spec"]["overrideRules"][1]["overriders"]["fieldOverrider"][0]
    assert field["yaml"] == [*RULE_TWO["overriders"]["fieldOverrider"][0]["yaml"], {}]


def test_remove_a_nested_row_and_a_whole_rule():
    read, _ = read_after({"_remove": "spec.overrideRules[1].overriders.fieldOverrider[0]"})
    assert "fieldOverrider" not in read["spec"]["overrideRules"][1]["overriders"]
    read, _ = read_after({"_remove": "spec.overrideRules[0]"})
    assert read["spec"]["overrideRules"] == [RULE_TWO]


def test_rows_after_a_removed_rule_are_renumbered_and_problems_follow_them():
    read, problems = read_after(
        {
            "_remove": "spec.overrideRules[0]",
            "spec.overrideRules[1].overriders.plaintext[0].value": "{unclosed",
        }
    )
    assert [p.field_path for p in problems] == [
        "spec.overrideRules[0].overriders.plaintext[0].value"
    ]
    assert read["spec"]["overrideRules"][0]["overriders"]["plaintext"] == [
        {"path": "/spec/replicas", "operator": "replace"}
    ]


def test_unreadable_values_are_reported_at_their_input():
    sections = override_form()
    rule = "spec.overrideRules[0].overriders"
    data = {
        "spec.overrideRules[0]": "1",
        f"{rule}.plaintext[0]": "1",
        f"{rule}.plaintext[0].value": "{unclosed",
        f"{rule}.labelsOverrider[0]": "1",
        f"{rule}.labelsOverrider[0].value": "team",
        "spec.overriders.fieldOverrider[0]": "1",
        "spec.overriders.fieldOverrider[0].json[0]": "1",
        "spec.overriders.fieldOverrider[0].json[0].value": "[a",
    }
    _, problems = read_form(sections, data, {})
    messages = {p.field_path: p.message for p in problems}
    assert messages.pop(f"{rule}.plaintext[0].value").startswith("Invalid YAML:")
    assert messages.pop("spec.overriders.fieldOverrider[0].json[0].value").startswith(
        "Invalid YAML:"
    )
    assert messages == {
        f"{rule}.labelsOverrider[0].value": "Write one key=value per line; 'team' has no '='."
    }


def test_an_operator_karmada_does_not_know_is_kept_for_validation_to_report():
    rule = "spec.overrideRules[1].overriders"
    read, problems = read_after({f"{rule}.plaintext[0].operator": "set"})
    assert problems == []
    assert read["spec"]["overrideRules"][1]["overriders"]["plaintext"][0]["operator"] == "set"
    found = validate_override_policy(read, clusters=[])
    bound, _ = bind_form(override_form(), read, found)
    assert bound_by_name(bound)[f"{rule}.plaintext[0].operator"].problems == [
        "Must be one of: add, remove, replace."
    ]


def bound_by_name(sections):
    found = {}

    def walk(fields):
        for bound in fields:
            found[bound.name] = bound
            if isinstance(bound, BoundGroup):
                for item in bound.items:
                    walk(item.fields)

    for section in sections:
        walk(section.fields)
    return found


def test_validation_problems_land_on_the_inputs_of_the_rule_they_concern():
    policy = json.loads(json.dumps(POLICY))
    rule = policy["spec"]["overrideRules"][1]
    rule["targetCluster"] = {"clusterNames": ["ghost"]}
    rule["overriders"]["labelsOverrider"] = [{"operator": "add", "value": {"bad key!": "x"}}]
    rule["overriders"]["fieldOverrider"][0]["json"] = [{"subPath": "/a", "operator": "remove"}]
    clusters = [{"metadata": {"name": "member1", "labels": {"env": "prod"}}, "spec": {}}]
    problems = validate_override_policy(policy, clusters=clusters)
    bound, unplaced = bind_form(override_form(), policy, problems)
    inputs = bound_by_name(bound)
    at = "spec.overrideRules[1]"
    assert inputs[f"{at}.targetCluster.clusterNames"].warnings == ["No cluster named 'ghost'."]
    assert inputs[f"{at}.overriders.labelsOverrider[0].value"].problems != []
    # Problems about a whole row land on that row.
    assert inputs[f"{at}.overriders.fieldOverrider"].items[0].problems == [
        "FieldOverrider has both YAML and JSON set. Only one is allowed."
    ]
    assert inputs["spec.overrideRules"].items[1].warnings == ["Selects none of the 1 clusters."]
    assert unplaced == []


def test_a_problem_outside_the_spec_is_left_for_the_page():
    problem = Problem("status", "Somewhere else.")
    _, unplaced = bind_form(override_form(), POLICY, [problem])
    assert unplaced == [problem]


def test_a_cluster_override_policy_has_no_namespace_input():
    names = {f.path for s in override_form(cluster_scoped=True) for f in s.fields}
    assert "metadata.namespace" not in names
    assert "metadata.namespace" in {f.path for s in override_form() for f in s.fields}
