"""One way to render pages and their fragments (see STYLE.md section 5)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx request that is not a boosted navigation wants just the named partial."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted


def render_page(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    partial: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render `template`, or `template#partial` when htmx asks for a fragment."""
    name = f"{template}#{partial}" if partial and wants_fragment(request) else template
    return render(request, name, context, status=status)
