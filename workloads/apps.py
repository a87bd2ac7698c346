from django.apps import AppConfig


class WorkloadsConfig(AppConfig):
    name = "workloads"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:

        from kairship_ui import live, operations
        from tenants.signals import on_namespace_owner_changed

        from . import sync  # registers the inventory handlers with clusters.sync
        from .models import Policy, PolicyKind, Workload
        from .queries import operation_target_url
        from .views import policy_context, workload_context

        kinds = tuple(kind for _, kind in sync.TEMPLATE_KINDS) + tuple(PolicyKind.values)
        operations.register_target(kinds, operation_target_url)

        live.register(
            "workload",
            live.LiveKind(
                model=Workload,
                template="workloads/workload_detail.html#workload-status",
                context=workload_context,
            ),
        )
        live.register(
            "policy",
            live.LiveKind(
                model=Policy,
                template="workloads/policy_detail.html#policy-summary",
                context=policy_context,
            ),
        )

        on_namespace_owner_changed(sync.retenant_instance, "workloads-retenant")
