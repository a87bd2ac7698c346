from django.contrib import admin

from kairship_ui.admin import ScopedAdmin

from .models import KarmadaInstance


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
