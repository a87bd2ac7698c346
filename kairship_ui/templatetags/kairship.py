"""Template helpers shared by every page."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def live_socket(*topics: str) -> str:
    """The websocket connection for this page's live fragments (htmx ws extension)."""
    query = urlencode([("topic", topic) for topic in topics])
    return format_html(
        '<div id="live-socket" hx-ext="ws" ws-connect="/ws/live/?{}" hidden></div>', query
    )


@register.filter
def percent(part: float | int | None, whole: float | int | None) -> int:
    """part / whole as a whole percentage, 0 when unknown."""
    if not part or not whole:
        return 0
    return max(0, min(100, round(100 * float(part) / float(whole))))
