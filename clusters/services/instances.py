"""Register, verify, health-check, resync and forget Karmada instances."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from clusters import sync, tasks
from clusters.karmada import client_for
from clusters.models import Health, KarmadaInstance
from kairship_ui import audit, live, operations
from kairship_ui.errors import AlreadyExists, InvalidInput, NotAllowed
from kairship_ui.models import Outcome
from kairship_ui.permissions import scoped_get
from karmada_gateway import KarmadaBadKubeconfig, KarmadaError, kubeconfig_contexts
from tenants.roles import is_platform_operator


def require_operator(actor) -> None:
    if not is_platform_operator(actor):
        raise NotAllowed("Only platform operators manage Karmada instances and clusters.")


def _check_kubeconfig(kubeconfig_text: str, context: str) -> None:
    try:
        contexts = kubeconfig_contexts(kubeconfig_text)
    except KarmadaBadKubeconfig as exc:
        raise InvalidInput(str(exc), field="kubeconfig") from exc
    if not contexts:
        raise InvalidInput("The kubeconfig has no contexts.", field="kubeconfig")
    if context and context not in contexts:
        raise InvalidInput(
            f"No context {context!r}; the kubeconfig has: {', '.join(contexts)}.", field="context"
        )


def _snapshot(instance: KarmadaInstance) -> dict:
    return {
        "name": instance.name,
        "description": instance.description,
        "labels": instance.labels,
        "context": instance.context,
    }


def register_instance(
    *,
    actor,
    name: str,
    kubeconfig_text: str,
    context: str = "",
    description: str = "",
    labels: dict | None = None,
    is_sandbox: bool = False,
) -> KarmadaInstance:
    """Store an instance (kubeconfig encrypted) and queue its verification.

    Raises NotAllowed, InvalidInput (at kubeconfig / context), AlreadyExists (at name).
    """
    target = {"kind": "KarmadaInstance", "name": name}
    with audit.failures_recorded(actor, "instance.register", target), transaction.atomic():
        require_operator(actor)
        _check_kubeconfig(kubeconfig_text, context)
        instance = KarmadaInstance(
            name=name,
            description=description,
            labels=labels or {},
            context=context,
            is_sandbox=is_sandbox,
        )
        instance.set_kubeconfig(kubeconfig_text)
        try:
            with transaction.atomic():
                instance.save()
        except IntegrityError as exc:
            raise AlreadyExists(
                f"An instance called {name} is already registered.", field="name"
            ) from exc
        operation = operations.start(
            actor=actor,
            verb="instance.verify",
            instance=instance,
            kind="KarmadaInstance",
            name=name,
        )
        audit.record(actor, "instance.register", instance, after=_snapshot(instance))
        live.publish_list(live.all_list_group("instances"))
        tasks.verify_instance.delay_on_commit(operation_id=operation.pk)
    return instance


def _mark_healthy(instance: KarmadaInstance, verification) -> None:
    instance.health, instance.health_message = Health.HEALTHY, ""
    instance.version = verification.git_version
    instance.api_latency_ms = verification.latency_ms
    instance.last_contact_at = timezone.now()


def _mark_unreachable(instance: KarmadaInstance, exc: KarmadaError) -> None:
    instance.health, instance.health_message = Health.UNREACHABLE, str(exc)


def _probe(instance: KarmadaInstance) -> KarmadaError | None:
    """Verify the connection and record the outcome on `instance` (not saved)."""
    try:
        with client_for(instance) as client:
            _mark_healthy(instance, client.verify())
        return None
    except KarmadaError as exc:
        _mark_unreachable(instance, exc)
        return exc


def _save_health(instance: KarmadaInstance) -> None:
    with transaction.atomic():
        instance.save(
            update_fields=[
                "health",
                "health_message",
                "version",
                "api_latency_ms",
                "last_contact_at",
            ]
        )
        live.publish("instance", instance.pk)
        live.publish_list(live.all_list_group("instances"))


def run_instance_verification(operation_id: int) -> None:
    """The verify task: check the connection; on success mirror the instance's clusters."""
    operation = operations.claim(operation_id)
    if operation is None:
        return
    instance = operation.instance
    error = _probe(instance)
    _save_health(instance)
    if error is not None:
        operations.finish(operation, Outcome.FAILED, str(error))
        return
    operations.finish(
        operation,
        Outcome.SUCCEEDED,
        f"Connected to Karmada {instance.version} in {instance.api_latency_ms} ms.",
    )
    tasks.resync_instance.delay(instance_id=instance.pk)


def check_instance_health(instance_id: int) -> None:
    """Periodic health check: last contact, latency and version, or unreachable with why."""
    instance = KarmadaInstance.objects.filter(pk=instance_id).first()
    if instance is not None:
        _probe(instance)
        _save_health(instance)


def resync_instance(instance_id: int) -> int:
    """Relist every mirrored kind of the instance and repair the inventory. Returns rows changed."""
    instance = KarmadaInstance.objects.get(pk=instance_id)
    with client_for(instance) as client:
        return sum(sync.relist(instance, client, handler) for handler in sync.handlers())


def delete_instance(*, actor, instance: KarmadaInstance) -> None:
    """Forget an instance and its inventory (Karmada itself is not touched). Operators only."""
    with audit.failures_recorded(actor, "instance.delete", instance), transaction.atomic():
        require_operator(actor)
        instance = scoped_get(KarmadaInstance, actor, "admin", pk=instance.pk)
        audit.record(actor, "instance.delete", instance, before=_snapshot(instance))
        instance.delete()
        live.publish_list(live.all_list_group("instances"))


def refresh_sandbox_instance(*, actor, name: str, kubeconfig_text: str) -> KarmadaInstance:
    """Register a sandbox instance, or point an existing one at its restarted sandbox."""
    instance = KarmadaInstance.objects.filter(name=name).first()
    if instance is None:
        return register_instance(
            actor=actor,
            name=name,
            kubeconfig_text=kubeconfig_text,
            description=f"Built-in sandbox Karmada ({name})",
            labels={"environment": name},
            is_sandbox=True,
        )
    with transaction.atomic():
        require_operator(actor)
        instance.set_kubeconfig(kubeconfig_text)
        instance.save(update_fields=["kubeconfig_encrypted"])
        operation = operations.start(
            actor=actor,
            verb="instance.verify",
            instance=instance,
            kind="KarmadaInstance",
            name=name,
        )
        audit.record(actor, "instance.kubeconfig", instance, message="sandbox restarted")
        tasks.verify_instance.delay_on_commit(operation_id=operation.pk)
    return instance
