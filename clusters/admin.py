from django.contrib import admin
from django.utils.text import Truncator

from kairship_ui.admin import ReadOnlyAdmin, ScopedAdmin

from .models import KarmadaEvent, KarmadaInstance, MemberCluster, OperatorKarmada, SyncState


@admin.register(KarmadaInstance)
class KarmadaInstanceAdmin(ScopedAdmin):
    """Kubeconfigs are never shown; registering an instance goes through the console."""

    list_display = ["name", "health", "version", "api_latency_ms", "last_contact_at", "is_sandbox"]
    list_filter = ["health", "is_sandbox"]
    search_fields = ["name", "description"]
    readonly_fields = [
        "health",
        "health_message",
        "last_contact_at",
        "api_latency_ms",
        "version",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(MemberCluster)
class MemberClusterAdmin(ReadOnlyAdmin):
    """Mirrored from Karmada: change clusters through the console or Karmada itself."""

    list_display = [
        "name",
        "instance",
        "state",
        "provider",
        "region",
        "kubernetes_version",
        "nodes_ready",
        "nodes_total",
        "synced_at",
    ]
    list_filter = ["state", "instance", "provider", "region"]
    search_fields = ["name", "region", "provider"]
    list_select_related = ["instance"]
    readonly_fields = [f.name for f in MemberCluster._meta.fields]


@admin.register(SyncState)
class SyncStateAdmin(ReadOnlyAdmin):
    list_display = ["instance", "kind", "resource_version", "last_event_at", "last_error"]
    list_select_related = ["instance"]


@admin.register(OperatorKarmada)
class OperatorKarmadaAdmin(ReadOnlyAdmin):
    """Created, updated and uninstalled through the console (karmada-operator follows it)."""

    list_display = ["name", "namespace", "host", "phase", "version", "registered", "updated_at"]
    list_filter = ["phase", "host"]
    search_fields = ["name", "namespace"]
    list_select_related = ["host", "registered"]
    readonly_fields = [f.name for f in OperatorKarmada._meta.fields]


@admin.register(KarmadaEvent)
class KarmadaEventAdmin(ReadOnlyAdmin):
    """Mirrored from Karmada's Events; the newest `KAIRSHIP_EVENTS_KEPT` per instance."""

    list_display = [
        "last_seen",
        "instance",
        "cluster_name",
        "type",
        "reason",
        "involved",
        "short_message",
    ]
    # ScopedAdmin narrows the instance filter to the instances of rows the reader sees.
    list_filter = ["type", "instance"]
    search_fields = ["reason", "message", "involved_name"]
    list_select_related = ["instance"]
    readonly_fields = [f.name for f in KarmadaEvent._meta.fields]

    @admin.display(description="message")
    def short_message(self, obj: KarmadaEvent) -> str:
        return Truncator(obj.message).chars(100)
