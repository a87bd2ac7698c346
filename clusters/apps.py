from django.apps import AppConfig


class ClustersConfig(AppConfig):
    name = "clusters"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kairship_ui import live

        from .models import KarmadaInstance, MemberCluster, OperatorKarmada
        from .operator_views import karmada_context
        from .views import cluster_context, instance_context

        live.register(
            "instance",
            live.LiveKind(
                model=KarmadaInstance,
                template="clusters/instance_detail.html#instance-summary",
                context=instance_context,
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
            "karmada",
            live.LiveKind(
                model=OperatorKarmada,
                template="clusters/karmada_detail.html#karmada-summary",
                context=karmada_context,
            ),
        )
