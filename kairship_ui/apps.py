from django.apps import AppConfig


class KairshipUiConfig(AppConfig):
    name = "kairship_ui"
    verbose_name = "Kairship UI"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import live
        from .models import Operation
        from .views import operation_context

        live.register(
            "operation",
            live.LiveKind(
                model=Operation,
                template="kairship_ui/operation_detail.html#operation-status",
                context=operation_context,
            ),
        )
