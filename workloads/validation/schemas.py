"""JSON-schema validation with messages at the field: Karmada CRDs and built-in kinds.

Karmada kinds use the openAPIV3Schema of their CRD (`KAIRSHIP_SHARED_DIR/karmada/crds`), closed
so that unknown fields are reported as the API server's strict field validation does. Built-in
kinds use the strict schemas `kubernetes-validate` ships per Kubernetes version.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from referencing import Registry, Resource

from .problems import Problem, dotted

SHARED_DIR = Path(
    os.environ.get("KAIRSHIP_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared")
)
CRDS_DIR = SHARED_DIR / "karmada" / "crds"
_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
}
_VERSION_DIR = re.compile(r"^v(\d+)\.(\d+)\.\d+-local-strict$")


def _closed(schema: Any) -> Any:
    """A copy of a structural schema where objects with known properties allow no others."""
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: _closed(value) for key, value in schema.items() if key != "properties"}
    if "properties" in schema:
        result["properties"] = {k: _closed(v) for k, v in schema["properties"].items()}
        if "additionalProperties" not in schema and not schema.get(
            "x-kubernetes-preserve-unknown-fields"
        ):
            result["additionalProperties"] = False
    return result


def _plural(kind: str) -> str:
    """The resource name of a Karmada kind (`PropagationPolicy` -> `propagationpolicies`)."""
    lower = kind.lower()
    return lower[:-1] + "ies" if lower.endswith("y") else lower + "s"


@functools.cache
def crd_validator(api_version: str, kind: str) -> jsonschema.protocols.Validator | None:
    """The validator of one Karmada kind at one version, loaded on first use; None if unknown."""
    group, _, version = api_version.partition("/")
    path = next(CRDS_DIR.glob(f"*/{group}_{_plural(kind)}.yaml"), None) if group else None
    if path is None:
        return None
    with path.open() as fh:
        crd = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    for entry in crd["spec"]["versions"]:
        if entry["name"] == version and crd["spec"]["names"]["kind"] == kind:
            return jsonschema.Draft7Validator(_closed(entry["schema"]["openAPIV3Schema"]))
    return None


def crd_problems(obj: Mapping[str, Any]) -> list[Problem]:
    """Problems of a Karmada object against its CRD schema (unknown kinds are one problem)."""
    api_version, kind = str(obj.get("apiVersion", "")), str(obj.get("kind", ""))
    validator = crd_validator(api_version, kind)
    if validator is None:
        return [Problem("kind", f"Unknown Karmada kind {api_version}/{kind}.")]
    return schema_problems(validator, obj)


def _schema_root() -> Path:
    return Path(str(resources.files("kubernetes_validate"))) / "kubernetes-json-schema"


@functools.cache
def kubernetes_versions() -> tuple[tuple[int, int], ...]:
    """The Kubernetes versions (major, minor) with shipped schemas, oldest first."""
    found = (_VERSION_DIR.match(p.name) for p in _schema_root().iterdir())
    return tuple(sorted((int(m[1]), int(m[2])) for m in found if m))


def schema_version(requested: str | None) -> tuple[int, int]:
    """The newest shipped version not newer than `requested` ("1.29", "v1.29.3"; None = newest).

    Raises ValueError for a malformed version or one older than every shipped schema.
    """
    versions = kubernetes_versions()
    if not requested:
        return versions[-1]
    match = re.match(r"^v?(\d+)\.(\d+)", requested.strip())
    if match is None:
        raise ValueError(f"{requested!r} is not a Kubernetes version such as 1.31")
    wanted = (int(match[1]), int(match[2]))
    older = [v for v in versions if v <= wanted]
    if not older:
        raise ValueError(f"No schemas for Kubernetes {requested}; the oldest is 1.{versions[0][1]}")
    return older[-1]


# One Kubernetes version's definitions take ~10 MB; a control plane and its members rarely
# span more than a few versions.
@functools.lru_cache(maxsize=8)
def _kubernetes_registry(version: tuple[int, int]) -> Registry:
    directory = _schema_root() / f"v{version[0]}.{version[1]}.0-local-strict"
    with (directory / "_definitions.json").open() as fh:
        definitions = json.load(fh)
    return Resource.from_contents(definitions) @ Registry()


@functools.lru_cache(maxsize=128)
def kubernetes_validator(
    version: tuple[int, int], api_version: str, kind: str
) -> jsonschema.protocols.Validator | None:
    """The strict validator for a built-in kind at one Kubernetes version, None if unknown."""
    group_version = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    directory = _schema_root() / f"v{version[0]}.{version[1]}.0-local-strict"
    path = directory / f"{kind.lower()}-{group_version}.json"
    if not kind or not path.is_file():
        return None
    with path.open() as fh:
        schema = json.load(fh)
    return jsonschema.Draft202012Validator(schema, registry=_kubernetes_registry(version))


def schema_problems(
    validator: jsonschema.protocols.Validator, obj: Mapping[str, Any]
) -> list[Problem]:
    """Every schema error of `obj` as Problems, sorted by field."""
    found: list[Problem] = []
    for error in validator.iter_errors(obj):
        found.extend(problems_of(error))
    return sorted(set(found), key=lambda p: (p.field_path, p.message))


def problems_of(error: jsonschema.ValidationError) -> Iterator[Problem]:
    """One jsonschema error as Problems at the offending field, with a plain message."""
    parts = list(error.absolute_path)
    kind, expected = error.validator, error.validator_value
    if kind == "required":
        missing = re.search(r"'(.+?)' is a required property", error.message)
        yield Problem(dotted([*parts, missing[1] if missing else ""]), "Required.")
    elif kind == "additionalProperties" and isinstance(error.instance, Mapping):
        known = set((error.schema.get("properties") or {}).keys())
        for extra in sorted(set(error.instance) - known):
            yield Problem(dotted([*parts, extra]), "Unknown field.")
    elif kind in ("oneOf", "anyOf") and error.context:
        yield from problems_of(jsonschema.exceptions.best_match(error.context))
    else:
        yield Problem(dotted(parts), _message(str(kind), expected, error))


def _message(kind: str, expected: Any, error: jsonschema.ValidationError) -> str:
    if kind == "type":
        names = [
            _TYPE_NAMES.get(t, t)
            for t in ([expected] if isinstance(expected, str) else expected)
            if t != "null"
        ]
        return f"Must be {' or '.join(names)}."
    if kind == "enum":
        return "Must be one of: " + ", ".join(str(v) for v in expected) + "."
    messages = {
        "minimum": f"Must be at least {expected}.",
        "maximum": f"Must be at most {expected}.",
        "minLength": "Must not be empty."
        if expected == 1
        else f"Must be at least {expected} characters.",
        "maxLength": f"Must be at most {expected} characters.",
        "minItems": f"Must have at least {expected} item{'s' if expected != 1 else ''}.",
        "maxItems": f"Must have at most {expected} items.",
        "pattern": f"Must match the pattern {expected}.",
    }
    text = str(error.message)
    return messages.get(kind, text[:1].upper() + text[1:])
