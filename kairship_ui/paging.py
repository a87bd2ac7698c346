"""Pagination for list pages: a page of objects plus the query string to keep filters."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, queryset, per_page: int | None = None) -> dict:
    """Template context with `page_obj` and `query_without_page` (ends in '&' when not empty)."""
    paginator = Paginator(queryset, per_page or settings.KAIRSHIP_PAGE_SIZE)
    page: Page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return {"page_obj": page, "query_without_page": f"{encoded}&" if encoded else ""}
