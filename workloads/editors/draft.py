"""What an editor request holds: the object being edited, from the form or from the YAML text.

Every editor request posts both the form inputs and the YAML text; `_source` says which one the
user just changed. The form is read against `_base` (the object it was rendered from), so fields
it does not show survive; the YAML text replaces the object outright.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from workloads.preview.manifests import to_yaml
from workloads.validation import Problem, yaml_problems

from .form import Data, read_form
from .schema import Section


@dataclass
class Draft:
    """`source` is what the request changed: "form", "yaml", "recipe", or "new" for a page
    opening. `broken`: the YAML text cannot be read, so `obj` is still the last good object."""

    obj: dict[str, Any]
    yaml_text: str
    source: str
    problems: list[Problem] = field(default_factory=list)
    broken: bool = False


def _base(data: Data) -> dict[str, Any]:
    try:
        base = json.loads(data.get("_base") or "{}")
    except ValueError:
        return {}
    return base if isinstance(base, dict) else {}


def read_draft(sections: Sequence[Section], data: Data) -> Draft:
    """The draft an editor request describes (`_source`: "form", else the YAML text)."""
    base = _base(data)
    if data.get("_source") == "form":
        obj, problems = read_form(sections, data, base)
        return Draft(obj, to_yaml(obj), "form", problems)
    text = str(data.get("_yaml") or "")
    problems = yaml_problems(text)
    if problems:
        return Draft(base, text, "yaml", problems, broken=True)
    return Draft(yaml.safe_load(text), text, "yaml")


def new_draft(obj: Mapping[str, Any]) -> Draft:
    """The draft a page opens with."""
    return Draft(dict(obj), to_yaml(obj), "new")
