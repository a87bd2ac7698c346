from django.apps import AppConfig


class KairshipUiConfig(AppConfig):
    name = "kairship_ui"
    verbose_name = "Kairship UI"
    default_auto_field = "django.db.models.BigAutoField"
