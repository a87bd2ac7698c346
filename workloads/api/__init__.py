"""REST endpoints for workloads, bindings and policies, filtered like the pages.

Templates and policies are written through the services (`writes`): POST, PUT / PATCH with
the resourceVersion the client read, DELETE; each answers 202 with the queued Operation.
`/api/preview/policy/` and `/api/preview/override-policy/` preview drafts (`previews`).
"""

from __future__ import annotations

from rest_framework import viewsets

from kairship_ui.api import ScopedViewSetMixin, router
from workloads.filters import PolicyFilterSet, ResourceBindingFilterSet, WorkloadFilterSet
from workloads.models import Policy, ResourceBinding, Workload
from workloads.queries import workload_rows

from .inventory import (
    PlacementSerializer,
    PolicySerializer,
    ResourceBindingSerializer,
    WorkloadBindingSerializer,
    WorkloadSerializer,
)
from .previews import PreviewViewSet
from .writes import QueuedOperationSerializer, WritableMixin

__all__ = [
    "PlacementSerializer",
    "PolicySerializer",
    "PolicyViewSet",
    "PreviewViewSet",
    "QueuedOperationSerializer",
    "ResourceBindingSerializer",
    "ResourceBindingViewSet",
    "WorkloadBindingSerializer",
    "WorkloadSerializer",
    "WorkloadViewSet",
]


class WorkloadViewSet(WritableMixin, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Resource templates across instances with their binding and per-cluster placements."""

    queryset_model = Workload
    serializer_class = WorkloadSerializer
    filterset_class = WorkloadFilterSet
    family = "workloads"
    other_endpoint = "/api/policies/"

    def get_queryset(self):
        return workload_rows(super().get_queryset())


class ResourceBindingViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """ResourceBindings and ClusterResourceBindings: scheduling, apply state, placements."""

    queryset_model = ResourceBinding
    serializer_class = ResourceBindingSerializer
    filterset_class = ResourceBindingFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("instance").prefetch_related("placements")


class PolicyViewSet(WritableMixin, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Propagation and override policies, namespaced and cluster-scoped."""

    queryset_model = Policy
    serializer_class = PolicySerializer
    filterset_class = PolicyFilterSet
    family = "policies"
    other_endpoint = "/api/workloads/"

    def get_queryset(self):
        return super().get_queryset().select_related("instance")


router.register("workloads", WorkloadViewSet, basename="workload")
router.register("resource-bindings", ResourceBindingViewSet, basename="resourcebinding")
router.register("policies", PolicyViewSet, basename="policy")
router.register("preview", PreviewViewSet, basename="preview")
