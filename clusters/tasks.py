"""Celery tasks for instances and clusters: each unpacks ids and calls one service."""

from __future__ import annotations

from celery import shared_task

from kairship_ui.tasks import OperationTask
from karmada_gateway import KarmadaUnavailable

RETRY = {
    "autoretry_for": (KarmadaUnavailable,),
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 8,
    "acks_late": True,
}


@shared_task(name="clusters.verify_instance", base=OperationTask, acks_late=True)
def verify_instance(operation_id: int) -> None:
    """Check a newly registered instance's connection; the outcome lands on the Operation."""
    from . import services

    services.run_instance_verification(operation_id)


@shared_task(name="clusters.apply_cluster_change", base=OperationTask, **RETRY)
def apply_cluster_change(operation_id: int) -> None:
    """Apply a queued change to a Cluster object."""
    from . import services

    services.run_cluster_change(operation_id)


@shared_task(name="clusters.resync_instance", **RETRY)
def resync_instance(instance_id: int) -> int:
    """Relist an instance's Cluster objects and repair the inventory."""
    from . import services

    return services.resync_instance(instance_id)


@shared_task(name="clusters.check_instance_health", acks_late=True)
def check_instance_health(instance_id: int) -> None:
    from . import services

    services.check_instance_health(instance_id)


@shared_task(name="clusters.join_cluster", base=OperationTask, **RETRY)
def join_cluster(operation_id: int) -> None:
    """Push-mode join: the member's Secrets and Cluster object in Karmada."""
    from . import services

    services.run_cluster_join(operation_id)


@shared_task(name="clusters.create_bootstrap_token", base=OperationTask, **RETRY)
def create_bootstrap_token(operation_id: int) -> None:
    """Pull-mode onboarding: the bootstrap token Secret in the instance's kube-system."""
    from . import services

    services.run_bootstrap_token(operation_id)


@shared_task(name="clusters.unjoin_cluster", base=OperationTask, **RETRY)
def unjoin_cluster(operation_id: int) -> None:
    """Delete a Cluster object and its Push-mode Secrets."""
    from . import services

    services.run_cluster_unjoin(operation_id)


@shared_task(name="clusters.apply_karmada_change", base=OperationTask, **RETRY)
def apply_karmada_change(operation_id: int) -> None:
    """Create, update or delete a karmada-operator `Karmada` object on its host."""
    from . import services

    services.run_karmada_change(operation_id)


@shared_task(name="clusters.refresh_karmada", acks_late=True)
def refresh_karmada(karmada_id: int) -> None:
    """Follow one `Karmada` object's conditions; register it once ready."""
    from . import services

    services.refresh_karmada(karmada_id)


@shared_task(name="clusters.check_all_instances")
def check_all_instances() -> None:
    """Beat: fan out one health check and one resync per instance, and follow the operator."""
    from . import services
    from .models import KarmadaInstance

    for instance_id in KarmadaInstance.objects.values_list("pk", flat=True):
        check_instance_health.delay(instance_id=instance_id)
        resync_instance.delay(instance_id=instance_id)
    for karmada_id in services.karmadas_to_follow():
        refresh_karmada.delay(karmada_id=karmada_id)
