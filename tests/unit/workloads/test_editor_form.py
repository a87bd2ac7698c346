"""The editor forms: every CRD field has an input, and form -> object -> form is lossless."""

import json

import pytest

from tests.shared_paths import VECTORS_DIR
from workloads.editors.form import bind_form, read_form
from workloads.editors.propagation import propagation_form
from workloads.editors.schema import Field, Section
from workloads.validation import Problem

from .editor_helpers import crd_spec, form_paths, leaf_paths, posted


@pytest.mark.parametrize(
    "crd, cluster_scoped",
    [
        ("policy.karmada.io_propagationpolicies.yaml", False),
        ("policy.karmada.io_clusterpropagationpolicies.yaml", True),
    ],
)
def test_the_propagation_form_covers_every_field_of_the_crd(crd, cluster_scoped):
    covered = {
        path for section in propagation_form(cluster_scoped) for path in form_paths(section.fields)
    }
    missing = {"spec" + p for p in leaf_paths(crd_spec(crd))} - covered
    assert not missing


HEADER = {"apiVersion": "policy.karmada.io/v1alpha1"}


def vector_policies():
    for path in sorted((VECTORS_DIR / "scheduling").glob("*.json")):
        policy = json.loads(path.read_text())["input"].get("propagationPolicy")
        if policy:
            yield pytest.param(policy, id=path.stem)


@pytest.mark.parametrize("policy", list(vector_policies())[:60])
def test_a_policy_survives_form_round_trip_without_its_base(policy):
    sections = propagation_form()
    bound, _ = bind_form(sections, policy)
    read, problems = read_form(sections, posted(bound), base=HEADER | {"kind": policy.get("kind")})
    assert problems == []
    assert read == {**HEADER, **without_falsy_defaults(policy)}


def without_falsy_defaults(obj):
    """The form does not write `false` or empty values: Karmada reads them as unset."""
    if isinstance(obj, dict):
        kept = {k: without_falsy_defaults(v) for k, v in obj.items()}
        return {
            k: v
            for k, v in kept.items()
            if v is not False and v is not None and v not in ({}, [], "")
        }
    if isinstance(obj, list):
        return [without_falsy_defaults(v) for v in obj]
    return obj


POLICY = {
    "apiVersion": "policy.karmada.io/v1alpha1",
    "kind": "PropagationPolicy",
    "metadata": {"name": "web", "namespace": "shop", "annotations": {"kept": "yes"}},
    "spec": {
        "resourceSelectors": [
            {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
            {"apiVersion": "v1", "kind": "Service", "name": "web"},
        ],
        "placement": {"clusterAffinity": {"clusterNames": ["member1", "member2"]}},
    },
}


def test_fields_the_form_does_not_cover_are_kept_from_the_base():
    sections = propagation_form()
    bound, _ = bind_form(sections, POLICY)
    read, _ = read_form(sections, posted(bound), POLICY)
    assert read == POLICY


def test_add_and_remove_rows():
    sections = propagation_form()
    bound, _ = bind_form(sections, POLICY)
    data = posted(bound)
    read, _ = read_form(sections, {**data, "_remove": "spec.resourceSelectors[0]"}, POLICY)
    assert [s["kind"] for s in read["spec"]["resourceSelectors"]] == ["Service"]
    group = "spec.placement.clusterTolerations"
    read, _ = read_form(sections, {**data, "_add": group}, POLICY)
    assert read["spec"]["placement"]["clusterTolerations"] == [{}]


def test_rows_are_renumbered_and_problems_follow_them():
    sections = propagation_form()
    data = {
        "spec.resourceSelectors[0]": "1",
        "spec.resourceSelectors[0].kind": "Deployment",
        "spec.resourceSelectors[3]": "1",
        "spec.resourceSelectors[3].kind": "Service",
        "spec.resourceSelectors[3].labelSelector.matchLabels": "no-equals-sign",
    }
    read, problems = read_form(sections, data, {})
    assert [s["kind"] for s in read["spec"]["resourceSelectors"]] == ["Deployment", "Service"]
    assert [p.field_path for p in problems] == [
        "spec.resourceSelectors[1].labelSelector.matchLabels"
    ]


def test_bad_values_are_reported_at_their_input():
    sections = propagation_form()
    data = {"spec.priority": "high", "spec.preemption": "Always"}
    read, problems = read_form(sections, data, {})
    assert {p.field_path: p.message for p in problems} == {
        "spec.priority": "Enter a whole number.",
    }
    assert read["spec"] == {"preemption": "Always"}


def test_a_select_keeps_a_stored_value_it_does_not_list():
    # Karmada may know values this console does not; the schema check judges them.
    sections = propagation_form()
    read, problems = read_form(sections, {"spec.preemption": "Sometimes"}, {})
    assert problems == [] and read["spec"]["preemption"] == "Sometimes"


def test_problems_land_on_the_input_at_or_above_their_path():
    sections = propagation_form()
    problems = [
        Problem("spec.placement.clusterAffinity.clusterNames[1]", "No cluster named ghost."),
        Problem("spec.resourceSelectors[0].apiVersion", "Required."),
        Problem("status", "Somewhere else."),
    ]
    bound, unplaced = bind_form(sections, POLICY, problems)
    by_name = {f.name: f for s in bound for f in s.fields}
    assert by_name["spec.placement.clusterAffinity.clusterNames"].problems == [
        "No cluster named ghost."
    ]
    selectors = by_name["spec.resourceSelectors"]
    assert {f.name: f.problems for f in selectors.items[0].fields}[
        "spec.resourceSelectors[0].apiVersion"
    ] == ["Required."]
    assert unplaced == [problems[2]]


def test_cluster_pickers_keep_names_the_instance_does_not_have():
    sections = propagation_form()
    bound, _ = bind_form(sections, POLICY, clusters=[{"name": "member1"}])
    picker = {f.name: f for s in bound for f in s.fields}[
        "spec.placement.clusterAffinity.clusterNames"
    ]
    assert [o["name"] for o in picker.options] == ["member1", "member2"]
    assert picker.options[1]["missing"]


def test_int_or_string_inputs_keep_numbers_numbers_and_names_names():
    sections = (
        Section("Ports", (Field("port", "Port", "intstr"), Field("name", "Name", "intstr"))),
    )
    read, problems = read_form(sections, {"port": "8080", "name": "http"}, {})
    assert problems == [] and read == {"port": 8080, "name": "http"}


def test_a_problem_about_a_whole_row_lands_on_that_row():
    sections = propagation_form()
    problems = [Problem("spec.resourceSelectors[1]", "Matches nothing.")]
    bound, unplaced = bind_form(sections, POLICY, problems)
    selectors = {f.name: f for s in bound for f in s.fields}["spec.resourceSelectors"]
    assert unplaced == [] and selectors.items[1].problems == ["Matches nothing."]


def test_lines_inputs_keep_commas_inside_values():
    sections = (Section("Args", (Field("args", "Args", "lines"),)),)
    read, _ = read_form(sections, {"args": "--suites=a,b\n--verbose\n"}, {})
    assert read == {"args": ["--suites=a,b", "--verbose"]}
