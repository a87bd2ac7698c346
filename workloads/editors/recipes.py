"""One-click override recipes: small pure functions that draft an override policy.

Each recipe takes the resource template it overrides (a manifest dict: apiVersion, kind,
metadata.name/namespace, and the pod spec where the recipe needs it), the instance's clusters
(Cluster objects as dicts: metadata.name/labels, spec.region/provider/zone) and its own inputs.
It returns an OverridePolicy draft (a ClusterOverridePolicy for a cluster-scoped template) or
raises InvalidInput naming the input at fault. Patches that depend on the template's current
shape (container and env indexes) are computed from the template as it is now.

`RECIPES` maps a slug to a `Recipe` (title, description, inputs declared as editor `Field`s),
so a page can list them, render their inputs (`recipe.form()`, named `recipe.<slug>.<input>`)
and call `recipe.draft(template, clusters, values)` with the values `recipe.values(post_data)`
read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kairship_ui.errors import InvalidInput
from karmada_semantics.overrides.image import IMAGE_KINDS
from karmada_semantics.selectors import cluster_matches
from workloads.validation import Problem

from . import paths
from .form import Data, read_form
from .schema import Field, Section, join

Object = Mapping[str, Any]
API_VERSION = "policy.karmada.io/v1alpha1"
# Kinds whose replicas live at spec.replicas even when the template leaves it to the default.
REPLICA_KINDS = {("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"), ("apps/v1", "ReplicaSet")}


def _meta(obj: Object) -> Mapping[str, Any]:
    return obj.get("metadata") or {}


def _policy_name(template: Object, suffix: str) -> str:
    """`<template>-<suffix>`, cut to the 253 characters a name may have."""
    return f"{_meta(template).get('name', '')}-{suffix}"[:253].rstrip("-.")


def _draft(template: Object, suffix: str, rules: list[dict[str, Any]]) -> dict[str, Any]:
    """An override policy selecting exactly `template`, with `rules`."""
    namespace = _meta(template).get("namespace") or ""
    selector = {
        "apiVersion": template.get("apiVersion", ""),
        "kind": template.get("kind", ""),
        "name": _meta(template).get("name", ""),
    }
    metadata = {"name": _policy_name(template, suffix)}
    if namespace:
        selector["namespace"] = metadata["namespace"] = namespace
    return {
        "apiVersion": API_VERSION,
        "kind": "OverridePolicy" if namespace else "ClusterOverridePolicy",
        "metadata": metadata,
        "spec": {"resourceSelectors": [selector], "overrideRules": rules},
    }


def _field_target(key: str, value: str) -> dict[str, Any]:
    return {
        "fieldSelector": {"matchExpressions": [{"key": key, "operator": "In", "values": [value]}]}
    }


def _check_targets(
    clusters: Sequence[Object], key: str, wanted: Mapping[str, Any], field: str
) -> None:
    """Every `wanted` value of cluster field `key` (region, provider) has a cluster."""
    if not wanted:
        raise InvalidInput(f"Give at least one {key}.", field=field)
    for value in wanted:
        if not any(cluster_matches(c, _field_target(key, value)) for c in clusters):
            known = sorted({str((c.get("spec") or {}).get(key) or "") for c in clusters} - {""})
            raise InvalidInput(
                f"No cluster has {key} {value!r}; the clusters' {key}s are: "
                f"{', '.join(known) or 'none set'}.",
                field=field,
            )


def _pod_spec_pointer(template: Object) -> str | None:
    """Where the pod spec is, as a JSON pointer; None for kinds without one."""
    kind, spec = template.get("kind"), template.get("spec") or {}
    if kind == "Pod":
        return "/spec"
    if kind == "CronJob":
        return "/spec/jobTemplate/spec/template/spec"
    return "/spec/template/spec" if isinstance(spec.get("template"), Mapping) else None


def _at(obj: Object, pointer: str) -> Any:
    node: Any = obj
    for part in pointer.strip("/").split("/"):
        node = node.get(part) if isinstance(node, Mapping) else None
    return node


def _kind_text(template: Object) -> str:
    return f"{template.get('kind') or 'resource'} {_meta(template).get('name', '')}".strip()


def regional_image_registry(
    template: Object, clusters: Sequence[Object], registries: Mapping[str, str]
) -> dict[str, Any]:
    """One rule per region: every image of the template pulled from that region's registry.

    Containers of the kinds Karmada knows are found by Karmada (so new containers follow); init
    containers, and the containers of other kinds (CronJob), are named by path. Raises
    InvalidInput for a region no cluster is in, an empty registry or a template without images.
    """
    _check_targets(clusters, "region", registries, "registries")
    pointer = _pod_spec_pointer(template)
    if pointer is None:
        raise InvalidInput(f"{_kind_text(template)} has no container images.")
    found_by_karmada = template.get("kind") in IMAGE_KINDS
    lists = ("initContainers",) if found_by_karmada else ("initContainers", "containers")
    image_paths = [
        f"{pointer}/{key}/{index}/image"
        for key in lists
        for index, container in enumerate(_at(template, f"{pointer}/{key}") or [])
        if isinstance(container, Mapping) and container.get("image")
    ]
    if not found_by_karmada and not image_paths:
        raise InvalidInput(f"{_kind_text(template)} has no container images.")
    rules = []
    for region, registry in registries.items():
        registry = str(registry or "").strip().rstrip("/")
        if not registry:
            raise InvalidInput(f"Give a registry for region {region!r}.", field="registries")
        change = {"component": "Registry", "operator": "replace", "value": registry}
        named = [{**change, "predicate": {"path": path}} for path in image_paths]
        images = [change, *named] if found_by_karmada else named
        target = _field_target("region", region)
        rules.append({"targetCluster": target, "overriders": {"imageOverrider": images}})
    return _draft(template, "regional-registry", rules)


def fewer_replicas(
    template: Object, clusters: Sequence[Object], label_selector: Mapping[str, str], replicas: int
) -> dict[str, Any]:
    """`replicas` replicas in the clusters carrying every label of `label_selector`.

    The JSON patch replaces spec.replicas, or adds it when the template leaves it to the
    default. Raises InvalidInput for no labels, labels no cluster has, a negative count or a
    template without replicas.
    """
    target = {"labelSelector": {"matchLabels": dict(label_selector)}}
    if not label_selector:
        raise InvalidInput("Give at least one cluster label.", field="label_selector")
    if not any(cluster_matches(c, target) for c in clusters):
        labels = ", ".join(f"{k}={v}" for k, v in label_selector.items())
        raise InvalidInput(f"No cluster has the labels {labels}.", field="label_selector")
    if isinstance(replicas, bool) or not isinstance(replicas, int) or replicas < 0:
        raise InvalidInput("Enter a whole number of replicas, 0 or more.", field="replicas")
    spec = template.get("spec")
    has_field = isinstance(spec, Mapping) and "replicas" in spec
    if not has_field and (template.get("apiVersion"), template.get("kind")) not in REPLICA_KINDS:
        raise InvalidInput(f"{_kind_text(template)} has no replicas.")
    operator = "replace" if has_field else "add"
    change = {"path": "/spec/replicas", "operator": operator, "value": replicas}
    rule = {"targetCluster": target, "overriders": {"plaintext": [change]}}
    return _draft(template, "replicas", [rule])


def _env_change(container_pointer: str, container: Object, name: str, value: str) -> dict[str, Any]:
    """The JSON patch setting env `name`: replace its entry, append to env, or create env.

    An `add` at `/env/-` fails when the container has no env list, and an `add` at `/env`
    would overwrite every variable already there, so the operation follows the template.
    """
    entry = {"name": name, "value": value}
    env = container.get("env")
    if not isinstance(env, list):
        return {"path": f"{container_pointer}/env", "operator": "add", "value": [entry]}
    # Of duplicate names the kubelet uses the last, so that is the one to replace.
    indexes = [i for i, e in enumerate(env) if isinstance(e, Mapping) and e.get("name") == name]
    if indexes:
        path = f"{container_pointer}/env/{indexes[-1]}"
        return {"path": path, "operator": "replace", "value": entry}
    return {"path": f"{container_pointer}/env/-", "operator": "add", "value": entry}


def env_per_provider(
    template: Object,
    clusters: Sequence[Object],
    container: str,
    name: str,
    values: Mapping[str, str],
) -> dict[str, Any]:
    """One rule per cloud provider setting environment variable `name` of `container`.

    Raises InvalidInput for an unknown container, a name with '=' or none, or a provider no
    cluster has.
    """
    name = str(name or "").strip()
    if not name or "=" in name:
        raise InvalidInput("Give a variable name without '='.", field="name")
    _check_targets(clusters, "provider", values, "values")
    pointer = _pod_spec_pointer(template)
    found = _at(template, f"{pointer}/containers") if pointer else None
    containers: list[Any] = found if isinstance(found, list) else []
    names = [c.get("name") if isinstance(c, Mapping) else None for c in containers]
    if container not in names:
        listed = ", ".join(str(n) for n in names if n) or "none"
        raise InvalidInput(
            f"{_kind_text(template)} has no container {container!r}; its containers: {listed}.",
            field="container",
        )
    index = names.index(container)
    container_pointer = f"{pointer}/containers/{index}"
    rules = [
        {
            "targetCluster": _field_target("provider", provider),
            "overriders": {
                "plaintext": [_env_change(container_pointer, containers[index], name, str(value))]
            },
        }
        for provider, value in values.items()
    ]
    return _draft(template, f"env-{name.lower().replace('_', '-')}", rules)


@dataclass(frozen=True)
class Recipe:
    """A recipe as a page lists it; `inputs` are named after `build`'s keyword arguments."""

    slug: str
    title: str
    description: str
    inputs: tuple[Field, ...]
    build: Callable[..., dict[str, Any]]

    @property
    def prefix(self) -> str:
        """Where its inputs sit in a page's form, apart from the editor's own fields."""
        return f"recipe.{self.slug}"

    def form(self) -> tuple[Section, ...]:
        """The recipe's inputs as an editor form, named `recipe.<slug>.<input>`."""
        inputs = tuple(replace(f, path=join(self.prefix, f.path)) for f in self.inputs)
        return (Section(self.title, inputs, help=self.description),)

    def values(self, data: Data) -> tuple[dict[str, Any], list[Problem]]:
        """The input values posted in `data`, and those that could not be read."""
        read, problems = read_form(self.form(), data, {})
        return paths.get(read, self.prefix) or {}, problems

    def draft(
        self, template: Object, clusters: Sequence[Object], values: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The policy draft for these input values. Raises InvalidInput at the input's page
        name (a missing input too)."""
        for spec in self.inputs:
            if values.get(spec.path) in (None, "", {}):
                raise InvalidInput(f"{spec.label}: required.", field=join(self.prefix, spec.path))
        kwargs = {spec.path: values[spec.path] for spec in self.inputs}
        return self.build(template, clusters, **kwargs)


RECIPES: dict[str, Recipe] = {
    recipe.slug: recipe
    for recipe in (
        Recipe(
            "regional-image-registry",
            "Pull images from a registry in each region",
            "Clusters of each region pull every image of the workload (init containers too) "
            "from that region's registry: registry.example.com/team/app:1.2 becomes "
            "mirror.eu.example.com/team/app:1.2. Images without a registry (nginx:1.25) get "
            "it in front, so a Docker Hub mirror may need the library/ prefix.",
            (
                Field(
                    "registries",
                    "Registry per region",
                    "map",
                    placeholder="eu-west-1=mirror.eu.example.com",
                    help="One region=registry per line; regions are the clusters' spec.region.",
                ),
            ),
            regional_image_registry,
        ),
        Recipe(
            "fewer-replicas",
            "Run fewer replicas in some clusters",
            "Clusters carrying the labels run this many replicas, whatever share the "
            "scheduler gives them (for example 1 in every environment=staging cluster).",
            (
                Field(
                    "label_selector",
                    "Clusters labelled",
                    "map",
                    placeholder="environment=staging",
                    help="Clusters with every one of these labels.",
                ),
                Field("replicas", "Replicas", "number", placeholder="1"),
            ),
            fewer_replicas,
        ),
        Recipe(
            "env-per-provider",
            "Set an environment variable per cloud provider",
            "Sets one environment variable of a container to a value per cloud provider "
            "(spec.provider of the clusters), replacing it where the template already sets it. "
            "The patch names the container and variable by position, so run the recipe again "
            "after reordering the template's containers or variables.",
            (
                Field("container", "Container", placeholder="app"),
                Field("name", "Variable", placeholder="OBJECT_STORE_URL"),
                Field(
                    "values",
                    "Value per provider",
                    "map",
                    placeholder="aws=https://s3.amazonaws.com",
                    help="One provider=value per line.",
                ),
            ),
            env_per_provider,
        ),
    )
}
