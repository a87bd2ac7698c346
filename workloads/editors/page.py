"""Serve an editor page: the full page on GET, the refreshed parts on each htmx change, apply.

A view builds an `Editor` (what is edited, how to check, preview and apply it) and hands it to
`serve`. Every change answers with the form, plus the YAML (when the form changed), the
problems and the preview as out-of-band swaps, so the part the user is typing in is not replaced.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django_htmx.http import HttpResponseClientRedirect

from kairship_ui.errors import KairshipError
from workloads.preview.manifests import to_yaml
from workloads.validation import Problem, errors, locate

from .draft import Draft, new_draft, read_draft
from .form import bind_form
from .schema import Section

PAGE = "workloads/editor/page.html"
REFRESHED = ("editor-yaml", "editor-problems", "editor-preview")


@dataclass
class Editor:
    """One editor: `check(obj) -> problems`, `preview(obj) -> context for preview_template`,
    `apply(obj, resource_version, content) -> redirect URL` (the version and `fingerprint` of
    what the user opened; raises KairshipError, which may carry
    `.problems`), and optionally `recipe(slug, post_data) -> obj` to fill it from a recipe
    (raises KairshipError at the recipe's input)."""

    sections: Sequence[Section]
    initial: Mapping[str, Any]
    url: str
    heading: str
    crumbs: Sequence[tuple[str, str]]
    cancel_url: str
    apply_label: str
    check: Callable[[dict[str, Any]], list[Problem]]
    apply: Callable[[dict[str, Any], str, str], str]
    preview: Callable[[dict[str, Any]], dict[str, Any]] = lambda obj: {}
    recipe: Callable[[str, Any], dict[str, Any]] | None = None
    preview_template: str = ""
    resource_version: str = ""
    content: str = ""
    locked: Sequence[str] = ()
    clusters: Sequence[Mapping[str, Any]] = ()
    context: dict[str, Any] = field(default_factory=dict)


def _problems_json(problems: Sequence[Problem]) -> str:
    rows = [
        {
            "line": p.line,
            "message": p.message,
            "field": p.field_path,
            "severity": "warning" if p.warning else "error",
        }
        for p in problems
    ]
    # Inside <script>: keep "</" out of the text.
    return json.dumps(rows).replace("</", "<\\/")


def _context(editor: Editor, draft: Draft, problems: Sequence[Problem]) -> dict[str, Any]:
    sections, _ = bind_form(
        editor.sections, draft.obj, problems, clusters=editor.clusters, locked=editor.locked
    )
    located = locate(draft.yaml_text, problems)
    context = {
        "editor_url": editor.url,
        "heading": editor.heading,
        "crumbs": editor.crumbs,
        "cancel_url": editor.cancel_url,
        "apply_label": editor.apply_label,
        "resource_version": editor.resource_version,
        "content": editor.content,
        "sections": sections,
        "base_json": json.dumps(draft.obj),
        "yaml_text": draft.yaml_text,
        "yaml_broken": draft.broken,
        "problems": errors(located),
        "warnings": [p for p in located if p.warning],
        "problems_json": _problems_json(located),
        "preview_template": editor.preview_template,
        **editor.context,
    }
    if not draft.broken and not errors(problems):
        context.update(editor.preview(draft.obj))
    return context


def _problems(editor: Editor, draft: Draft) -> list[Problem]:
    if draft.broken:
        return draft.problems
    return draft.problems or editor.check(draft.obj)


def _refresh(request: HttpRequest, editor: Editor, draft: Draft) -> HttpResponse:
    context = _context(editor, draft, _problems(editor, draft))
    parts = [render_to_string(f"{PAGE}#editor-form", context, request)]
    for name in REFRESHED:
        if name == "editor-yaml" and draft.source == "yaml":
            continue  # the user is typing there; keep their cursor
        parts.append(render_to_string(f"{PAGE}#{name}", {**context, "oob": True}, request))
    return HttpResponse("".join(parts))


def _apply(request: HttpRequest, editor: Editor, draft: Draft) -> HttpResponse:
    problems = _problems(editor, draft)
    message, changes = "", []
    if not errors(problems):
        started = (request.POST.get("_resource_version", ""), request.POST.get("_content", ""))
        try:
            return HttpResponseClientRedirect(editor.apply(draft.obj, *started))
        except KairshipError as exc:
            problems = list(getattr(exc, "problems", None) or [])
            message, changes = exc.message, getattr(exc, "diff", None) or []
    context = {**_context(editor, draft, problems), "oob": True}
    refused = {**context, "message": message, "changes": changes}
    parts = [
        render_to_string("workloads/editor/refused.html", refused),
        render_to_string(f"{PAGE}#editor-problems", context, request),
    ]
    return HttpResponse("".join(parts), status=422)


def _from_recipe(editor: Editor, data) -> Draft:
    """The draft a recipe writes, or the current one with the recipe's refusal at its input."""
    try:
        obj = editor.recipe(data["_recipe"], data)  # type: ignore[misc]
    except KairshipError as exc:
        data["_source"] = "form"
        draft = read_draft(editor.sections, data)
        draft.problems.append(Problem(exc.field or "", exc.message))
        return draft
    return Draft(obj, to_yaml(obj), "recipe")


def serve(request: HttpRequest, editor: Editor) -> HttpResponse:
    """GET: the page with `editor.initial`; POST: a refresh, or apply when `_action=apply`."""
    if request.method != "POST":
        draft = new_draft(editor.initial)
        return render(request, PAGE, _context(editor, draft, editor.check(draft.obj)))
    data = request.POST.copy()
    if data.get("_recipe") and editor.recipe is not None:
        return _refresh(request, editor, _from_recipe(editor, data))
    if data.get("_action") == "apply":
        data["_source"] = "yaml"  # the YAML text is current once queued refreshes are done
        return _apply(request, editor, read_draft(editor.sections, data))
    return _refresh(request, editor, read_draft(editor.sections, data))
