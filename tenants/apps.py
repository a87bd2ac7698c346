from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kairship_ui import live

        from .models import Tenant
        from .views import detail_context

        live.register(
            "tenant",
            live.LiveKind(
                model=Tenant,
                template="tenants/tenant_detail.html#tenant-members",
                context=detail_context,
            ),
        )
