"""Navigation shown on every page."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tenants.roles import is_platform_operator

NAV = [
    ("overview", _("Overview"), ("overview",)),
    ("clusters:instance_list", _("Instances"), ("instance",)),
    ("clusters:cluster_list", _("Clusters"), ("cluster",)),
    ("clusters:topology", _("Topology"), ("topology",)),
    ("workloads:workload_list", _("Workloads"), ("workload",)),
    ("workloads:policy_list", _("Policies"), ("policy",)),
    ("tenants:tenant_list", _("Tenants"), ("tenant", "membership")),
    ("audit_list", _("Audit"), ("audit",)),
]


def navigation(request: HttpRequest) -> dict:
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match else ""
    items = [
        {
            "url": reverse(name),
            "label": label,
            "active": any(current.startswith(prefix) for prefix in prefixes),
        }
        for name, label, prefixes in NAV
    ]
    user = getattr(request, "user", None)
    return {"nav_items": items, "is_operator": bool(user) and is_platform_operator(user)}
