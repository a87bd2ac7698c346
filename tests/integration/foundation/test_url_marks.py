"""Every view is marked @scoped(action) or @public, or is a DRF view requiring authentication."""

from django.contrib.admin.sites import AdminSite
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.permissions import IsAuthenticated


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if isinstance(getattr(pattern, "urlconf_name", None), AdminSite) or str(
                pattern.pattern
            ).startswith("admin/"):
                continue  # the admin checks staff status itself and is scoped by ScopedAdmin
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def is_marked(pattern: URLPattern) -> bool:
    view = pattern.callback
    if getattr(view, "kairship_scope", None):
        return True
    cls = getattr(view, "cls", None)
    if cls is not None:
        return any(issubclass(p, IsAuthenticated) for p in cls.permission_classes)
    return False


def test_every_view_is_marked():
    unmarked = [
        route for route, pattern in walk(get_resolver().url_patterns) if not is_marked(pattern)
    ]
    assert not unmarked, f"views without @scoped/@public: {unmarked}"
