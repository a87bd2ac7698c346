from django.contrib import admin

from kairship_ui.admin import ReadOnlyAdmin

from .models import Policy, ResourceBinding, Work, Workload


@admin.register(Workload)
class WorkloadAdmin(ReadOnlyAdmin):
    """Mirrored from Karmada: change workloads through the console or Karmada itself."""

    list_display = ["name", "kind", "namespace", "instance", "tenant", "policy_name", "synced_at"]
    list_filter = ["kind", "instance"]
    search_fields = ["name", "namespace"]
    list_select_related = ["instance", "tenant"]


@admin.register(ResourceBinding)
class ResourceBindingAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "namespace", "instance", "state", "replicas", "ready_replicas"]
    list_filter = ["kind", "state", "instance"]
    search_fields = ["name", "namespace"]
    list_select_related = ["instance"]


@admin.register(Work)
class WorkAdmin(ReadOnlyAdmin):
    list_display = ["name", "cluster_name", "binding_name", "instance", "applied"]
    list_filter = ["applied", "instance"]
    search_fields = ["name", "binding_name", "cluster_name"]
    list_select_related = ["instance"]


@admin.register(Policy)
class PolicyAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "namespace", "instance", "tenant", "priority"]
    list_filter = ["kind", "instance"]
    search_fields = ["name", "namespace"]
    list_select_related = ["instance", "tenant"]
