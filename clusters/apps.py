from django.apps import AppConfig


class ClustersConfig(AppConfig):
    name = "clusters"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:

        from kairship_ui import live
        from tenants.signals import on_namespace_owner_changed

        from . import events  # registers the Event handler with clusters.sync
        from .models import KarmadaInstance, MemberCluster, OperatorKarmada
        from .operator_views import karmada_context
        from .views import (
            cluster_context,
            cluster_events_context,
            instance_context,
            instance_events_context,
        )

        live.register(
            "instance",
            live.LiveKind(
                model=KarmadaInstance,
                template="clusters/instance_detail.html#instance-summary",
                context=instance_context,
            ),
        )
        live.register(
            events.INSTANCE_TOPIC,
            live.LiveKind(
                model=KarmadaInstance,
                template="clusters/instance_detail.html#instance-events",
                context=instance_events_context,
            ),
        )
        live.register(
            "cluster",
            live.LiveKind(
                model=MemberCluster,
                template="clusters/cluster_detail.html#cluster-summary",
                context=cluster_context,
            ),
        )
        live.register(
            events.CLUSTER_TOPIC,
            live.LiveKind(
                model=MemberCluster,
                template="clusters/cluster_detail.html#cluster-events",
                context=cluster_events_context,
            ),
        )
        live.register(
            "karmada",
            live.LiveKind(
                model=OperatorKarmada,
                template="clusters/karmada_detail.html#karmada-summary",
                context=karmada_context,
            ),
        )

        on_namespace_owner_changed(events.retenant_events, "clusters-retenant-events")
