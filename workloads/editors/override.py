"""The OverridePolicy / ClusterOverridePolicy form: every field of Karmada's CRD.

The overriders appear twice, in each override rule and in the deprecated single-rule form
(`spec.targetCluster` + `spec.overriders`), so one builder, `overriders(path)`, declares them.
"""

from __future__ import annotations

from .schema import (
    Field,
    Group,
    Section,
    cluster_affinity,
    join,
    policy_metadata,
    resource_selectors,
)

OPERATORS = ("add", "remove", "replace")
LIST_OPERATORS = ("add", "remove")

_POINTER = (
    "A JSON pointer (RFC 6901): '/' between fields and list indexes, '~1' for a '/' in a key."
)


def _patch_operations(path: str, label: str) -> Group:
    """The subPath / operator / value changes of a fieldOverrider's embedded document."""
    return Group(
        path,
        label,
        (
            Field("subPath", "Path in the document", placeholder="/server/port", help=_POINTER),
            Field(
                "operator",
                "Operation",
                "select",
                OPERATORS,
                help="add creates or overwrites (a list index or '-' inserts); replace needs the "
                "field to exist; remove deletes it.",
            ),
            Field(
                "value",
                "Value",
                "yaml",
                placeholder="8443",
                help="Any YAML value; empty for remove.",
            ),
        ),
        add_label="Add change",
    )


def overriders(path: str) -> tuple[Group, ...]:
    """Karmada's Overriders at `path`, in the order Karmada applies them within a rule."""
    return (
        Group(
            join(path, "imageOverrider"),
            "Image changes",
            (
                Field(
                    "component",
                    "Part of the image",
                    "select",
                    ("Registry", "Repository", "Tag"),
                    help="Images read [registry/]repository[:tag|@digest]. Registry: the part "
                    "before the first '/' when it has a '.' or ':' or is localhost "
                    "(registry.example.com:5000 in registry.example.com:5000/team/app:1.2; "
                    "nginx:1.25 and team/app have none). Repository: the path after it "
                    "(team/app). Tag: the part after ':' (1.2), or the @sha256 digest.",
                ),
                Field(
                    "operator",
                    "Operation",
                    "select",
                    OPERATORS,
                    help="add appends the value to that part (tag 1.2 + '-debug' gives "
                    "1.2-debug); replace sets it (a missing registry is added in front); "
                    "remove drops it.",
                ),
                Field(
                    "value",
                    "Value",
                    placeholder="registry.example.com",
                    help="Required for add and replace.",
                ),
                Field(
                    "predicate.path",
                    "Only the image at",
                    placeholder="/spec/template/spec/initContainers/0/image",
                    help="Empty: every container's image (not init containers) of a Pod, "
                    "Deployment, ReplicaSet, DaemonSet, StatefulSet or Job; other kinds are left "
                    "alone, so a CronJob needs a path here.",
                ),
            ),
            add_label="Add image change",
        ),
        *(
            Group(
                join(path, key),
                label,
                (
                    Field("containerName", "Container", placeholder="app"),
                    Field(
                        "operator",
                        "Operation",
                        "select",
                        LIST_OPERATORS,
                        help=f"add appends these items (creating the {noun} if the container has "
                        "none); remove drops every item equal to one of them.",
                    ),
                    Field("value", "Items", "lines", placeholder=placeholder),
                ),
                add_label=f"Add {noun} change",
                help="Only for the containers (not init containers) of a Pod, Deployment, "
                "ReplicaSet, DaemonSet, StatefulSet or Job, matched by name.",
            )
            for key, label, noun, placeholder in (
                ("commandOverrider", "Command changes", "command", "/bin/sh, -c"),
                ("argsOverrider", "Argument changes", "args", "--log-level=debug, --port=8080"),
            )
        ),
        *(
            Group(
                join(path, key),
                label,
                (
                    Field(
                        "operator",
                        "Operation",
                        "select",
                        OPERATORS,
                        help=f"add sets these {noun} (overwriting a value already there); "
                        f"replace only changes {noun} the resource already has; remove deletes "
                        "the listed keys (write key= , the value is ignored).",
                    ),
                    Field("value", noun.capitalize(), "map", placeholder=placeholder),
                ),
                add_label=f"Add {noun} change",
                help=f"The resource's own metadata.{noun}, not its pod template's.",
            )
            for key, label, noun, placeholder in (
                ("labelsOverrider", "Label changes", "labels", "team=shop"),
                ("annotationsOverrider", "Annotation changes", "annotations", "owner=platform"),
            )
        ),
        Group(
            join(path, "fieldOverrider"),
            "Changes inside a JSON or YAML document",
            (
                Field(
                    "fieldPath",
                    "Field holding the document",
                    placeholder="/data/config.yaml",
                    help="A text field whose content is JSON or YAML, such as a ConfigMap key. "
                    + _POINTER,
                ),
                _patch_operations("json", "JSON changes"),
                _patch_operations("yaml", "YAML changes"),
            ),
            add_label="Add document change",
            help="The document is parsed, changed and written back as text. Fill either the "
            "JSON or the YAML changes, matching the document's format.",
        ),
        Group(
            join(path, "plaintext"),
            "JSON patch changes",
            (
                Field(
                    "path",
                    "Path",
                    placeholder="/spec/replicas",
                    help=_POINTER + " A final '/-' appends to a list that must already exist.",
                ),
                Field(
                    "operator",
                    "Operation",
                    "select",
                    OPERATORS,
                    help="add creates or overwrites a field (its parent must exist) or inserts "
                    "into a list; replace needs the field to exist; remove deletes it.",
                ),
                Field(
                    "value",
                    "Value",
                    "yaml",
                    placeholder="3",
                    help="Any YAML value: 3, true, a map or a list. Quote text that looks like a "
                    "number ('8080'). Empty for remove.",
                ),
            ),
            add_label="Add JSON patch change",
            help="Applied last within a rule, after the image, command, args, label, annotation "
            "and document changes above.",
        ),
    )


def _resources(cluster_scoped: bool) -> Section:
    scope = "every resource" if cluster_scoped else "every resource in the policy's namespace"
    return Section(
        "Resources it overrides",
        (resource_selectors(cluster_scoped),),
        help=f"No selector: {scope}. A resource matching any selector is overridden.",
    )


RULES = Section(
    "Override rules",
    (
        Group(
            "spec.overrideRules",
            "Override rules",
            (*cluster_affinity("targetCluster"), *overriders("overriders")),
            add_label="Add rule",
            help="Each rule changes what the clusters it targets receive (no target: every "
            "cluster). Rules apply in order, so a later rule's change wins.",
        ),
    ),
)

DEPRECATED = Section(
    "Deprecated: single rule",
    (*cluster_affinity("spec.targetCluster"), *overriders("spec.overriders")),
    help="Karmada's older form of one target and one set of changes, read only when there are "
    "no override rules and refused alongside them. Prefer an override rule.",
    advanced=True,
)


def override_form(cluster_scoped: bool = False) -> tuple[Section, ...]:
    """The sections of an OverridePolicy form (ClusterOverridePolicy: no namespace)."""
    return (policy_metadata(cluster_scoped), _resources(cluster_scoped), RULES, DEPRECATED)
