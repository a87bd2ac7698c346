"""Editor forms for policies and workloads, declared field by field (see `schema`).

`read_form(sections, post_data, base)` turns a submitted form into the object;
`bind_form(sections, obj, problems, clusters=...)` prepares it for the templates in
`templates/workloads/editor/`.
"""

from .form import BoundField, BoundGroup, BoundSection, bind_form, read_form
from .override import override_form
from .propagation import propagation_form
from .schema import Field, Group, Section
from .workload import starter_manifest, workload_form

__all__ = [
    "BoundField",
    "BoundGroup",
    "BoundSection",
    "Field",
    "Group",
    "Section",
    "bind_form",
    "override_form",
    "propagation_form",
    "read_form",
    "starter_manifest",
    "workload_form",
]
