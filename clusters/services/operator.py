"""Create, update and uninstall Karmada instances through the karmada-operator, and follow them.

The console writes the operator's `Karmada` object on a host instance and mirrors its Ready
condition; once ready it registers the new instance from the admin kubeconfig Secret.
"""

from __future__ import annotations

import contextlib
import re

from django.db import transaction

from clusters import operator, tasks
from clusters.karmada import client_for
from clusters.models import KarmadaInstance, KarmadaPhase, OperatorKarmada
from kairship_ui import audit, live, operations
from kairship_ui.errors import AlreadyExists, InvalidInput, KairshipError
from kairship_ui.models import Operation, Outcome
from kairship_ui.permissions import scoped_get
from karmada_gateway import KarmadaClient, KarmadaConflict, KarmadaError, KarmadaNotFound

from .instances import register_instance, require_operator
from .members import require_reachable
from .onboarding import ensure_namespace, retry_or_fail

DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
VERSION = re.compile(r"^v\d+\.\d+\.\d+([-.+][0-9A-Za-z.-]+)?$")
MAX_REPLICAS = 10
FAILED_REASONS = ("Failed", "ValidationError")


def _validate(version: str, replicas: dict[str, int]) -> dict[str, int]:
    if version and not VERSION.match(version):
        raise InvalidInput("A Karmada release such as v1.15.0.", field="version")
    cleaned = {}
    for name, count in replicas.items():
        if name not in operator.SCALABLE_COMPONENTS:
            raise InvalidInput(f"Unknown component {name}.", field="replicas")
        if not 1 <= int(count) <= MAX_REPLICAS:
            raise InvalidInput(f"{name}: 1 to {MAX_REPLICAS} replicas.", field=name)
        cleaned[name] = int(count)
    return cleaned


def _queue(actor, karmada: OperatorKarmada, verb: str, payload: dict) -> Operation:
    operation = operations.start(
        actor=actor,
        verb=verb,
        instance=karmada.host,
        kind="Karmada",
        namespace=karmada.namespace,
        name=karmada.name,
        payload={"karmada_id": karmada.pk, **payload},
    )
    live.publish("karmada", karmada.pk)
    live.publish_list(live.all_list_group("karmadas"))
    tasks.apply_karmada_change.delay_on_commit(operation_id=operation.pk)
    return operation


def create_karmada(
    *,
    actor,
    host: KarmadaInstance,
    name: str,
    namespace: str,
    version: str = "",
    replicas: dict[str, int] | None = None,
) -> OperatorKarmada:
    """Queue creating a `Karmada` object on `host` (where karmada-operator runs).

    Raises NotAllowed, InstanceUnreachable, InvalidInput (at name / namespace / version),
    AlreadyExists (at name).
    """
    target = {"kind": "Karmada", "instance": host, "namespace": namespace, "name": name}
    with audit.failures_recorded(actor, "karmada.create", target), transaction.atomic():
        require_operator(actor)
        host = scoped_get(KarmadaInstance, actor, "admin", pk=host.pk)
        require_reachable(host)
        for field, value in (("name", name), ("namespace", namespace)):
            if not DNS_LABEL.match(value):
                raise InvalidInput("Lower-case letters, digits and '-' (a DNS label).", field=field)
        replicas = _validate(version, replicas or {})
        if KarmadaInstance.objects.filter(name=name).exists():
            raise AlreadyExists(
                f"An instance called {name} is already registered; the new one would take "
                "that name.",
                field="name",
            )
        if OperatorKarmada.objects.filter(host=host, namespace=namespace, name=name).exists():
            raise AlreadyExists(f"{host} already hosts {namespace}/{name}.", field="name")
        karmada = OperatorKarmada.objects.create(
            host=host,
            namespace=namespace,
            name=name,
            version=version,
            replicas=replicas,
            created_by=actor,
        )
        manifest = operator.karmada_manifest(
            name=name, namespace=namespace, version=version, replicas=replicas
        )
        audit.record(actor, "karmada.create", karmada, after=manifest["spec"])
        _queue(actor, karmada, "karmada.create", {"manifest": manifest})
    return karmada


def update_karmada(
    *, actor, karmada: OperatorKarmada, version: str, replicas: dict[str, int]
) -> Operation:
    """Queue moving the instance to `version` and these component replica counts.

    Raises NotAllowed, InstanceUnreachable, InvalidInput.
    """
    with audit.failures_recorded(actor, "karmada.update", karmada), transaction.atomic():
        require_operator(actor)
        karmada = scoped_get(OperatorKarmada, actor, "admin", pk=karmada.pk)
        require_reachable(karmada.host)
        replicas = _validate(version, replicas)
        before = {"version": karmada.version, "replicas": karmada.replicas}
        karmada.version, karmada.replicas = version, replicas
        karmada.save(update_fields=["version", "replicas", "updated_at"])
        audit.record(
            actor,
            "karmada.update",
            karmada,
            before=before,
            after={"version": version, "replicas": replicas},
        )
        patch = operator.update_patch(version=version, replicas=replicas)
        return _queue(actor, karmada, "karmada.update", {"patch": patch})


def uninstall_karmada(*, actor, karmada: OperatorKarmada) -> Operation:
    """Queue deleting the `Karmada` object; the operator's deinit removes the control plane.

    Raises NotAllowed, InstanceUnreachable.
    """
    with audit.failures_recorded(actor, "karmada.delete", karmada), transaction.atomic():
        require_operator(actor)
        karmada = scoped_get(OperatorKarmada, actor, "admin", pk=karmada.pk)
        require_reachable(karmada.host)
        audit.record(actor, "karmada.delete", karmada, before={"version": karmada.version})
        return _queue(actor, karmada, "karmada.delete", {})


def _apply(client: KarmadaClient, karmada: OperatorKarmada, operation: Operation) -> dict | None:
    """Send one change to the host; returns the object as the host answered (None if gone)."""
    if operation.verb == "karmada.create":
        ensure_namespace(client, karmada.namespace)
        return client.create_karmada(operation.payload["manifest"]).raw
    if operation.verb == "karmada.update":
        return client.patch_karmada(karmada.namespace, karmada.name, operation.payload["patch"]).raw
    with contextlib.suppress(KarmadaNotFound):
        client.delete_karmada(karmada.namespace, karmada.name)
    return None


def run_karmada_change(operation_id: int) -> None:
    """The task: create / patch / delete the `Karmada` object, then follow it once."""
    operation = operations.claim(operation_id)
    if operation is None:
        return
    karmada = OperatorKarmada.objects.select_related("host").get(pk=operation.payload["karmada_id"])
    try:
        with client_for(karmada.host) as client:
            raw = _apply(client, karmada, operation)
    except KarmadaConflict:
        operations.finish(operation, Outcome.FAILED, f"{karmada} already exists on the host.")
        _record(karmada, KarmadaPhase.FAILED, "AlreadyExists", "The object already exists.")
        return
    except KarmadaError as exc:
        retry_or_fail(operation, exc)
        if not exc.transient:
            _record(karmada, KarmadaPhase.FAILED, "Rejected", str(exc))
        return
    operations.finish(operation, Outcome.SUCCEEDED)
    if raw is None:
        _record(karmada, KarmadaPhase.DELETING, "Deleting", "The operator is uninstalling it.")
    else:
        _record(karmada, KarmadaPhase.PROGRESSING, "Submitted", "", raw)
    tasks.refresh_karmada.delay(karmada_id=karmada.pk)


def _record(
    karmada: OperatorKarmada, phase: str, reason: str, message: str, raw: dict | None = None
) -> None:
    with transaction.atomic():
        karmada.phase, karmada.ready_reason, karmada.ready_message = phase, reason, message
        fields = ["phase", "ready_reason", "ready_message", "updated_at"]
        if raw is not None:
            karmada.raw = raw
            fields.append("raw")
        karmada.save(update_fields=fields)
        live.publish("karmada", karmada.pk)
        live.publish_list(live.all_list_group("karmadas"))


def phase_of(raw: dict) -> tuple[str, str, str]:
    """(phase, reason, message) from a `Karmada` object's metadata and Ready condition."""
    if raw.get("metadata", {}).get("deletionTimestamp"):
        return KarmadaPhase.DELETING, "Deleting", "The operator is uninstalling it."
    ready = next(
        (c for c in (raw.get("status") or {}).get("conditions") or [] if c.get("type") == "Ready"),
        None,
    )
    if ready is None:
        return KarmadaPhase.PENDING, "", "Waiting for karmada-operator to pick it up."
    reason, message = ready.get("reason", ""), ready.get("message", "")
    if ready.get("status") == "True":
        return KarmadaPhase.READY, reason, message
    if reason in FAILED_REASONS:
        return KarmadaPhase.FAILED, reason, message
    return KarmadaPhase.PROGRESSING, reason, message


def _admin_kubeconfig(client: KarmadaClient, karmada: OperatorKarmada, raw: dict) -> str:
    """The admin kubeconfig the operator wrote. Raises KarmadaNotFound, ValueError."""
    ref = (raw.get("status") or {}).get("secretRef") or {}
    secret = client.get_resource(
        "v1",
        "Secret",
        ref.get("namespace") or karmada.namespace,
        ref.get("name") or operator.admin_secret_name(karmada.name),
    )
    return operator.admin_kubeconfig(secret.raw)


def _register(karmada: OperatorKarmada, kubeconfig_text: str) -> None:
    try:
        karmada.registered = register_instance(
            actor=karmada.created_by,
            name=karmada.name,
            kubeconfig_text=kubeconfig_text,
            description=f"Created by karmada-operator on {karmada.host} "
            f"({karmada.namespace}/{karmada.name}).",
            labels={"created-by": "karmada-operator"},
        )
    except KairshipError as exc:
        _record(karmada, KarmadaPhase.FAILED, "RegistrationFailed", exc.message)
        return
    karmada.save(update_fields=["registered", "updated_at"])


def refresh_karmada(karmada_id: int) -> None:
    """Follow one `Karmada` object: mirror its Ready condition; register it once it is ready.

    Forgets the row once an uninstalled object is gone. Host errors leave the row as it was.
    """
    karmada = OperatorKarmada.objects.select_related("host", "created_by").filter(pk=karmada_id)
    karmada = karmada.first()
    if karmada is None:
        return
    kubeconfig_text = ""
    try:
        with client_for(karmada.host) as client:
            raw = client.get_karmada(karmada.namespace, karmada.name).raw
            phase, reason, message = phase_of(raw)
            if phase == KarmadaPhase.READY and karmada.registered_id is None:
                try:
                    kubeconfig_text = _admin_kubeconfig(client, karmada, raw)
                except (KarmadaNotFound, ValueError) as exc:
                    phase, reason, message = KarmadaPhase.PROGRESSING, "WaitingForSecret", str(exc)
    except KarmadaNotFound:
        if karmada.phase == KarmadaPhase.DELETING:
            with transaction.atomic():
                karmada.delete()
                live.publish_list(live.all_list_group("karmadas"))
        else:
            _record(karmada, KarmadaPhase.FAILED, "NotFound", "The object is gone from the host.")
        return
    except KarmadaError:
        return
    _record(karmada, phase, reason, message, raw)
    if kubeconfig_text:
        _register(karmada, kubeconfig_text)


def karmadas_to_follow() -> list[int]:
    """Ids of the objects still waiting for the operator (the beat follows them)."""
    waiting = [KarmadaPhase.PENDING, KarmadaPhase.PROGRESSING, KarmadaPhase.DELETING]
    return list(OperatorKarmada.objects.filter(phase__in=waiting).values_list("pk", flat=True))
