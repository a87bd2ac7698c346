"""Admin plumbing: every admin list is scoped, every admin change is audited."""

from __future__ import annotations

from django.contrib import admin
from django.forms.models import model_to_dict

from . import audit
from .models import AuditEntry, Operation


def _snapshot(obj) -> dict:
    return {k: v for k, v in model_to_dict(obj).items() if not isinstance(v, bytes | memoryview)}


class ScopedAdmin(admin.ModelAdmin):
    """Admin views see what `for_user` allows; saves and deletes are audited."""

    def get_queryset(self, request):
        return self.model.objects.for_user(request.user, "view")

    def get_list_filter(self, request):
        """Filters on a relation offer only the related objects of the rows the reader sees:
        Django's default would list every instance or tenant, other tenants' included."""
        return [
            (name, admin.RelatedOnlyFieldListFilter) if self._is_relation(name) else name
            for name in super().get_list_filter(request)
        ]

    def _is_relation(self, name) -> bool:
        if not isinstance(name, str) or "__" in name:
            return False
        return self.model._meta.get_field(name).is_relation

    def save_model(self, request, obj, form, change):
        before = _snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        action = f"{type(obj).__name__.lower()}.{'update' if change else 'create'}.admin"
        audit.record(request.user, action, obj, before=before, after=_snapshot(obj))

    def delete_model(self, request, obj):
        audit.record(
            request.user, f"{type(obj).__name__.lower()}.delete.admin", obj, before=_snapshot(obj)
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyAdmin(ScopedAdmin):
    """For records nobody edits by hand (audit log, mirrored Karmada data, operations)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_name", "action", "kind", "namespace", "name", "tenant", "outcome"]
    list_filter = ["outcome", "kind", "at"]
    search_fields = ["actor_name", "action", "name", "namespace", "message"]
    date_hierarchy = "at"
    list_select_related = ["tenant"]


@admin.register(Operation)
class OperationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "verb", "kind", "namespace", "name", "state", "actor"]
    list_filter = ["state", "verb"]
    search_fields = ["name", "namespace", "message"]
    list_select_related = ["actor"]


admin.site.site_header = "Kairship UI administration"
admin.site.site_title = "Kairship admin"
