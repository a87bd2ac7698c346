"""Declarative editor forms: fields named by the object path they edit.

A form is a tuple of `Section`s holding `Field`s (one input) and `Group`s (a repeatable list
of items with fields of their own). Paths are relative: a section's to the object, a group's
fields to one item. Input names are the absolute paths (`spec.resourceSelectors[0].kind`), so
validation problems, which carry the same paths, land on the input that caused them.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDGETS = (
    "text",
    "number",
    "intstr",
    "select",
    "checkbox",
    "list",
    "lines",
    "map",
    "clusters",
    "yaml",
)


@dataclass(frozen=True)
class Field:
    """One input. `intstr`: a number or a name (Kubernetes' IntOrString); `list`:
    comma-separated values; `lines`: one value per line (values may hold commas); `map`:
    `key=value` lines; `clusters`: a picker of the instance's clusters; `yaml`: a YAML value
    (any shape). A `select` keeps a stored value it does not list (the schema judges it)."""

    path: str
    label: str
    widget: str = "text"
    choices: tuple[str, ...] = ()
    help: str = ""
    placeholder: str = ""
    advanced: bool = False  # folded under "More options" unless it holds a value

    def __post_init__(self) -> None:
        if self.widget not in WIDGETS:
            raise ValueError(f"unknown widget {self.widget!r}")


@dataclass(frozen=True)
class Group:
    """A list at `path` whose items are edited with `fields`; rows can be added and removed."""

    path: str
    label: str
    fields: tuple[Field | Group, ...]
    add_label: str = "Add"
    help: str = ""
    advanced: bool = False


@dataclass(frozen=True)
class Section:
    """A titled part of the form; `advanced` sections start folded unless they hold a value."""

    title: str
    fields: tuple[Field | Group, ...]
    help: str = ""
    advanced: bool = False


def join(prefix: str, path: str) -> str:
    """`join("spec.items[0]", "name")` -> `spec.items[0].name`."""
    if not prefix:
        return path
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


def label_selector(path: str, noun: str, example: str = "app=web") -> tuple[Field | Group, ...]:
    """matchLabels and matchExpressions of a Kubernetes label selector at `path`."""
    return (
        Field(join(path, "matchLabels"), f"{noun} labels", "map", placeholder=example),
        Group(
            join(path, "matchExpressions"),
            f"{noun} label expressions",
            (
                Field("key", "Key"),
                Field("operator", "Operator", "select", ("In", "NotIn", "Exists", "DoesNotExist")),
                Field("values", "Values", "list", placeholder="a, b"),
            ),
            add_label="Add expression",
            advanced=True,
        ),
    )


def cluster_affinity(path: str) -> tuple[Field | Group, ...]:
    """Karmada's ClusterAffinity at `path`: names, exclusions, label and field selectors."""
    return (
        Field(join(path, "clusterNames"), "Clusters", "clusters", help="Only these clusters."),
        Field(join(path, "exclude"), "Exclude", "clusters", help="Not these.", advanced=True),
        *label_selector(join(path, "labelSelector"), "Cluster", "env=prod"),
        Group(
            join(path, "fieldSelector.matchExpressions"),
            "Cluster fields",
            (
                Field("key", "Field", "select", ("provider", "region", "zone")),
                Field("operator", "Operator", "select", ("In", "NotIn")),
                Field("values", "Values", "list", placeholder="eu-west-1, eu-central-1"),
            ),
            add_label="Add field expression",
            advanced=True,
        ),
    )


def policy_metadata(cluster_scoped: bool) -> Section:
    """Name, namespace (namespaced kinds) and labels of a policy."""
    fields: tuple[Field | Group, ...] = (Field("metadata.name", "Name"),)
    if not cluster_scoped:
        fields += (Field("metadata.namespace", "Namespace"),)
    fields += (Field("metadata.labels", "Labels", "map", placeholder="team=shop"),)
    return Section("Policy", fields)


def resource_selectors(cluster_scoped: bool) -> Group:
    """`spec.resourceSelectors` of a policy; an empty namespace means different things per scope."""
    namespace_help = (
        "Empty: any namespace, and cluster-scoped resources."
        if cluster_scoped
        else "Empty: the policy's namespace."
    )
    return Group(
        "spec.resourceSelectors",
        "Resource selectors",
        (
            Field("apiVersion", "API version", placeholder="apps/v1"),
            Field("kind", "Kind", placeholder="Deployment"),
            Field("name", "Name", help="Empty: every name."),
            Field("namespace", "Namespace", help=namespace_help),
            *label_selector("labelSelector", "Resource"),
        ),
        add_label="Add resource selector",
    )
