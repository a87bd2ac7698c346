"""JSON schemas for the served kinds, loaded once and cached.

Built-in kinds use the schemas the `kubernetes-validate` package ships (one Kubernetes version),
Karmada CRD kinds their CRD's openAPIV3Schema, and Cluster the aggregated API's swagger.json.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from karmada_sandbox.registry import CRDS_DIR, ResourceType, crd_documents, storage_version

KUBERNETES_VERSION = "1.32"
_K8S_SCHEMA_DIR = (
    Path(str(resources.files("kubernetes_validate")))
    / "kubernetes-json-schema"
    / f"v{KUBERNETES_VERSION}.0-local-strict"
)
_SWAGGER = CRDS_DIR / "openapi" / "swagger.json"
_CLUSTER_DEF = "com.github.karmada-io.karmada.pkg.apis.cluster.v1alpha1.Cluster"


@dataclass(frozen=True)
class Schema:
    """A root schema plus the definitions its `$ref`s point into (by last path segment)."""

    root: dict[str, Any]
    definitions: dict[str, Any]

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """Follow `$ref` chains (any of the three sources' spellings) to a concrete node."""
        seen = 0
        while "$ref" in node and seen < 32:
            name = node["$ref"].rsplit("/", 1)[-1]
            node = self.definitions.get(name, {})
            seen += 1
        return node


@functools.cache
def _k8s_definitions() -> dict[str, Any]:
    with (_K8S_SCHEMA_DIR / "_definitions.json").open() as fh:
        return json.load(fh)["$defs"]


@functools.cache
def _swagger_definitions() -> dict[str, Any]:
    with _SWAGGER.open() as fh:
        return json.load(fh)["definitions"]


def _k8s_file(rtype: ResourceType) -> Path:
    group = rtype.group.split(".", 1)[0]
    suffix = f"{group}-{rtype.version}" if group else rtype.version
    return _K8S_SCHEMA_DIR / f"{rtype.kind.lower()}-{suffix}.json"


@functools.cache
def schema_for(rtype: ResourceType) -> Schema | None:
    """The schema of a served kind, or None when none is known. Cached."""
    if rtype.crd:
        crd = crd_documents().get((rtype.group, rtype.plural))
        if crd is None:
            return None
        root = storage_version(crd).get("schema", {}).get("openAPIV3Schema", {})
        return Schema(root, {})
    if rtype.group == "cluster.karmada.io" and rtype.kind == "Cluster":
        defs = _swagger_definitions()
        return Schema(defs[_CLUSTER_DEF], defs)
    path = _k8s_file(rtype)
    if not path.exists():
        return None
    with path.open() as fh:
        return Schema(json.load(fh), _k8s_definitions())
