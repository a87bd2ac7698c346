"""Template helpers shared by every page."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def live_socket(*topics: str | list[str]) -> str:
    """The websocket connection for this page's live fragments (htmx ws extension).

    Takes topics, or lists of topics; nothing is rendered without any.
    """
    flat = [t for item in topics for t in ([item] if isinstance(item, str) else item)]
    if not flat:
        return ""
    query = urlencode([("topic", topic) for topic in flat])
    return format_html(
        '<div id="live-socket" hx-ext="ws" ws-connect="/ws/live/?{}" hidden></div>', query
    )


@register.filter
def percent(part: float | int | None, whole: float | int | None) -> int:
    """part / whole as a whole percentage, 0 when unknown."""
    if not part or not whole:
        return 0
    return max(0, min(100, round(100 * float(part) / float(whole))))


@register.filter
def to_yaml(value: object) -> str:
    """A mirrored object as YAML for read-only views (secrets are never mirrored)."""
    import yaml

    return yaml.safe_dump(value, sort_keys=False, default_flow_style=False)


@register.filter
def live_list_dom_id(group: str) -> str:
    from kairship_ui.live import list_dom_id

    return list_dom_id(group)


@register.filter
def k8s_time(value: str | None):
    """A Kubernetes RFC 3339 timestamp as a datetime (for |naturaltime), or the text as is."""
    from django.utils.dateparse import parse_datetime

    return (parse_datetime(value) or value) if value else None


@register.filter
def diff_lines(diff: str) -> str:
    """A unified diff as lines marked for colouring: `<span class="diff-add|diff-del|diff-at">`."""
    marks = {"+": "diff-add", "-": "diff-del", "@": "diff-at"}
    lines = []
    for line in diff.splitlines():
        mark = "" if line[:3] in ("+++", "---") else marks.get(line[:1], "")
        html = format_html('<span class="{}">{}</span>', mark, line) if mark else escape(line)
        lines.append(html)
    return mark_safe("\n".join(lines))  # noqa: S308 - every line is escaped above
