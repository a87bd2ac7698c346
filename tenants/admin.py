from django.contrib import admin

from kairship_ui.admin import ScopedAdmin

from .models import Membership, Tenant, TenantNamespace


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class TenantNamespaceInline(admin.TabularInline):
    model = TenantNamespace
    extra = 0


@admin.register(Tenant)
class TenantAdmin(ScopedAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, TenantNamespaceInline]


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    list_display = ["tenant", "user", "role", "created_at"]
    list_filter = ["role", "tenant"]
    search_fields = ["user__username", "tenant__name"]
    list_select_related = ["tenant", "user"]
    autocomplete_fields = ["user"]


@admin.register(TenantNamespace)
class TenantNamespaceAdmin(ScopedAdmin):
    list_display = ["namespace", "instance", "tenant"]
    list_filter = ["instance", "tenant"]
    search_fields = ["namespace"]
    list_select_related = ["instance", "tenant"]
