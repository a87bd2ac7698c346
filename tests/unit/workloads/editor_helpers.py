"""Helpers for editor-form tests: what the browser posts, and the CRD fields a form must cover."""

import yaml

from tests.shared_paths import CRDS_DIR
from workloads.editors.form import BoundGroup


def posted(sections) -> dict[str, list[str]]:
    """What the browser posts for a bound form (mirrors templates/workloads/editor/)."""
    data: dict[str, list[str]] = {}

    def walk(fields):
        for bound in fields:
            if isinstance(bound, BoundGroup):
                for item in bound.items:
                    data[item.name] = ["1"]
                    walk(item.fields)
            elif bound.spec.widget == "clusters":
                data[bound.name] = list(bound.value)
            elif bound.spec.widget == "checkbox":
                if bound.value:
                    data[bound.name] = ["on"]
            else:
                data[bound.name] = [bound.value]

    for section in sections:
        walk(section.fields)
    return data


def leaf_paths(schema: dict, at: str = "") -> set[str]:
    """Every leaf field of a CRD schema, lists written as `[]`."""
    if schema.get("type") == "array":
        return leaf_paths(schema["items"], at + "[]")
    properties = schema.get("properties") or {}
    if not properties:
        return {at}
    return {p for key, sub in properties.items() for p in leaf_paths(sub, f"{at}.{key}")}


def form_paths(fields, at: str = "") -> set[str]:
    found = set()
    for spec in fields:
        path = f"{at}.{spec.path}" if at else spec.path
        if hasattr(spec, "fields"):
            found |= form_paths(spec.fields, path + "[]")
        else:
            found.add(path + ("[]" if spec.widget in ("clusters", "list", "lines") else ""))
    return found


def crd_spec(name: str) -> dict:
    crd = yaml.safe_load((CRDS_DIR / "policy" / name).read_text())
    return crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]
