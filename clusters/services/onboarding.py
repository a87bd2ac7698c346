"""Onboard member clusters (Push join, Pull bootstrap token) and unjoin them.

The services validate and queue an Operation; the tasks write to Karmada through the gateway,
as `karmadactl join`, `karmadactl token create` and `karmadactl unjoin` do. Like karmadactl, a
Push join creates service accounts in the member with the uploaded kubeconfig and hands Karmada
their tokens (so client-certificate kubeconfigs work); unjoin removes them again. What happens
in the member is `member_access`'s.
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass

from django.db import transaction

from clusters import onboarding, sync, tasks
from clusters.karmada import client_for
from clusters.models import KarmadaInstance, MemberCluster
from kairship_ui import audit, crypto, live, operations
from kairship_ui.errors import AlreadyExists, InvalidInput
from kairship_ui.models import Operation, Outcome
from kairship_ui.permissions import scoped_get
from karmada_gateway import (
    KarmadaClient,
    KarmadaConflict,
    KarmadaError,
    KarmadaNotFound,
)

from .instances import require_operator
from .member_access import (
    MEMBER_TIMEOUT,
    POLL_INTERVAL,
    MemberStepFailed,
    clean_member,
    delete_ignoring_absent,
    member_access,
    member_id,
    member_step,
    obtain_member_credentials,
)
from .members import require_reachable

# Karmada refuses longer names: the execution namespace karmada-es-<name> must stay a label.
CLUSTER_NAME = re.compile(r"^[a-z0-9]([-a-z0-9]{0,46}[a-z0-9])?$")
UNJOIN_WAIT = 10.0  # how long Karmada gets to finish removing a Cluster before member cleanup


def _check_new_name(instance: KarmadaInstance, name: str) -> None:
    if not CLUSTER_NAME.match(name):
        raise InvalidInput(
            "Use 1-48 lower-case letters, digits and '-', starting and ending with a letter "
            "or digit.",
            field="name",
        )
    if MemberCluster.objects.filter(instance=instance, name=name).exists():
        raise AlreadyExists(f"{instance} already has a cluster called {name}.", field="name")


def _operator_instance(actor, instance: KarmadaInstance) -> KarmadaInstance:
    require_operator(actor)
    instance = scoped_get(KarmadaInstance, actor, "admin", pk=instance.pk)
    require_reachable(instance)
    return instance


def retry_or_fail(operation: Operation, exc: KarmadaError) -> None:
    """Transient errors go back to pending and re-raise (Celery retries); others fail now."""
    if exc.transient:
        Operation.objects.filter(pk=operation.pk).update(state=Outcome.PENDING)
        raise exc
    operations.finish(operation, Outcome.FAILED, str(exc))


def _publish_clusters(instance: KarmadaInstance) -> None:
    live.publish_list(live.instance_list_group("clusters", instance.pk))
    live.publish_list(live.all_list_group("clusters"))


def join_cluster(
    *,
    actor,
    instance: KarmadaInstance,
    name: str,
    kubeconfig_text: str,
    context: str = "",
    provider: str = "",
    region: str = "",
    zones: list[str] | None = None,
    labels: dict[str, str] | None = None,
) -> Operation:
    """Queue a Push-mode join of the member behind `kubeconfig_text` (what `karmadactl join` does).

    Raises NotAllowed, InstanceUnreachable, InvalidInput (at name / kubeconfig), AlreadyExists.
    """
    target = {"kind": "Cluster", "instance": instance, "name": name}
    with audit.failures_recorded(actor, "cluster.join", target), transaction.atomic():
        instance = _operator_instance(actor, instance)
        _check_new_name(instance, name)
        try:
            member = onboarding.read_member_endpoint(kubeconfig_text, context)
        except onboarding.KubeconfigUnusable as exc:
            raise InvalidInput(str(exc), field="kubeconfig") from exc
        spec = {
            "provider": provider,
            "region": region,
            "zones": zones or [],
            "labels": labels or {},
        }
        operation = operations.start(
            actor=actor,
            verb="cluster.join",
            instance=instance,
            kind="Cluster",
            name=name,
            payload={
                "kubeconfig": crypto.encrypt(kubeconfig_text).decode(),
                "context": context,
                **spec,
            },
        )
        after = {"syncMode": "Push", "apiEndpoint": member.server, **spec}
        audit.record(actor, "cluster.join", {**target, "instance": instance}, after=after)
        _publish_clusters(instance)
        tasks.join_cluster.delay_on_commit(operation_id=operation.pk)
    return operation


def ensure_namespace(client: KarmadaClient, name: str) -> None:
    namespace = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}
    with contextlib.suppress(KarmadaConflict):
        client.create_resource(namespace)


def _create_push_objects(client: KarmadaClient, cluster: dict, secrets: list[dict]) -> dict:
    """Secrets (an existing one is kept, as karmadactl does), the Cluster, then owner refs."""
    ensure_namespace(client, onboarding.CLUSTER_NAMESPACE)
    for secret in secrets:
        with contextlib.suppress(KarmadaConflict):
            client.create_resource(secret)
    created = client.create_cluster(cluster).raw
    owner = {"metadata": {"ownerReferences": [onboarding.owner_reference(created)]}}
    for secret in secrets:
        meta = secret["metadata"]
        client.patch_resource("v1", "Secret", meta["namespace"], meta["name"], owner, "merge")
    # Read it again: Karmada has moved on since the create (finalizer, first status), and the
    # watcher may already hold that newer state, which the create's answer would overwrite.
    return client.get_cluster(created["metadata"]["name"]).raw


def run_cluster_join(operation_id: int) -> None:
    """The join task: read the member's id, create its service accounts and wait for their
    tokens, then create the Secrets (holding those tokens) and the Cluster in Karmada.
    """
    operation = operations.claim(operation_id)
    if operation is None:
        return
    try:
        _join(operation)
    finally:
        # The credentials now live in Karmada's Secrets (or were refused); only a retry, which
        # puts the operation back to pending, still needs them.
        forgotten = {k: v for k, v in operation.payload.items() if k != "kubeconfig"}
        Operation.objects.filter(pk=operation.pk).exclude(state=Outcome.PENDING).update(
            payload=forgotten
        )


def _join(operation: Operation) -> None:
    payload, instance = operation.payload, operation.instance
    kubeconfig_text = crypto.decrypt(payload["kubeconfig"].encode())
    member = onboarding.read_member_endpoint(kubeconfig_text, payload["context"])
    try:
        with (
            member_step("Could not use the member's kubeconfig"),
            KarmadaClient.from_kubeconfig(
                kubeconfig_text, context=payload["context"] or None, timeout=MEMBER_TIMEOUT
            ) as member_client,
        ):
            cluster_id = member_id(member_client)
            token, impersonator = obtain_member_credentials(member_client, operation.name)
    except MemberStepFailed as exc:
        operations.finish(operation, Outcome.FAILED, str(exc))
        return
    secrets = onboarding.push_secrets(operation.name, member, token, impersonator.token)
    cluster = onboarding.push_cluster(
        name=operation.name,
        member=member,
        cluster_id=cluster_id,
        provider=payload["provider"],
        region=payload["region"],
        zones=payload["zones"],
        labels=payload["labels"],
    )
    try:
        with client_for(instance) as client:
            created = _create_push_objects(client, cluster, secrets)
    except KarmadaConflict:
        message = f"{instance} already has a cluster called {operation.name}."
        operations.finish(operation, Outcome.FAILED, message)
        return
    except KarmadaError as exc:
        retry_or_fail(operation, exc)
        return
    sync.upsert_cluster(instance, created)
    message = f"{operation.name} joined in Push mode; Karmada probes it now."
    operations.finish(operation, Outcome.SUCCEEDED, message)
    _publish_clusters(instance)


@dataclass(frozen=True)
class PullRegistration:
    """A queued bootstrap token and the command that registers the member with it."""

    operation: Operation
    command: str


def create_bootstrap_token(
    *, actor, instance: KarmadaInstance, cluster_name: str
) -> PullRegistration:
    """Queue a bootstrap token for a Pull-mode member (`karmadactl token create`).

    Raises NotAllowed, InstanceUnreachable, InvalidInput (at name), AlreadyExists.
    """
    target = {"kind": "Cluster", "instance": instance, "name": cluster_name}
    with audit.failures_recorded(actor, "cluster.bootstrap-token", target), transaction.atomic():
        instance = _operator_instance(actor, instance)
        _check_new_name(instance, cluster_name)
        try:
            karmada = onboarding.read_endpoint(instance.kubeconfig_text(), instance.context)
            token = onboarding.BootstrapToken.generate()
            command = onboarding.register_command(karmada, token, cluster_name)
        except onboarding.KubeconfigUnusable as exc:
            raise InvalidInput(f"The instance's kubeconfig cannot be used: {exc}") from exc
        secret_name = f"bootstrap-token-{token.token_id}"
        operation = operations.start(
            actor=actor,
            verb="cluster.bootstrap-token",
            instance=instance,
            kind="Secret",
            namespace=onboarding.TOKEN_NAMESPACE,
            name=secret_name,
            payload={
                "cluster_name": cluster_name,
                "token": crypto.encrypt(str(token)).decode(),
                "command": crypto.encrypt(command).decode(),
            },
        )
        audit.record(
            actor,
            "cluster.bootstrap-token",
            {**target, "instance": instance},
            after={"syncMode": "Pull", "token_id": token.token_id, "secret": secret_name},
        )
        tasks.create_bootstrap_token.delay_on_commit(operation_id=operation.pk)
    return PullRegistration(operation, command)


def registration_command(operation: Operation) -> str:
    """The register command of a bootstrap-token operation (operators only see it)."""
    return crypto.decrypt(operation.payload["command"].encode())


def run_bootstrap_token(operation_id: int) -> None:
    """The token task: write the bootstrap token Secret into the instance's kube-system."""
    operation = operations.claim(operation_id)
    if operation is None:
        return
    token_id, _, secret = crypto.decrypt(operation.payload["token"].encode()).partition(".")
    manifest = onboarding.bootstrap_secret(onboarding.BootstrapToken(token_id, secret))
    try:
        # A conflict is a retry after the first attempt landed.
        with client_for(operation.instance) as client, contextlib.suppress(KarmadaConflict):
            client.create_resource(manifest)
    except KarmadaError as exc:
        retry_or_fail(operation, exc)
        return
    operations.finish(
        operation,
        Outcome.SUCCEEDED,
        f"Token {token_id} is valid for 24 hours; run the command on the member.",
    )
    _publish_clusters(operation.instance)


def push_secret_refs(cluster: MemberCluster) -> list[dict[str, str]]:
    """The credentials Secrets a Push-mode Cluster names (the console deletes them on unjoin)."""
    if cluster.sync_mode == "Pull":
        return []
    refs = [cluster.spec.get("secretRef"), cluster.spec.get("impersonatorSecretRef")]
    return [{"namespace": r["namespace"], "name": r["name"]} for r in refs if r and r.get("name")]


def _member_endpoint(cluster: MemberCluster) -> dict | None:
    """Where a Push-mode member is, for removing what the join created there."""
    if cluster.sync_mode == "Pull" or not cluster.spec.get("apiEndpoint"):
        return None
    return {
        "server": cluster.spec["apiEndpoint"],
        "insecure": bool(cluster.spec.get("insecureSkipTLSVerification")),
    }


def unjoin_cluster(*, actor, cluster: MemberCluster) -> Operation:
    """Queue deleting the Cluster (Karmada then removes its Works and karmada-es-<name>), its
    Secrets, and, in a Push-mode member, the service accounts and RBAC the join created.

    Raises NotAllowed, InstanceUnreachable.
    """
    with audit.failures_recorded(actor, "cluster.unjoin", cluster), transaction.atomic():
        require_operator(actor)
        cluster = scoped_get(MemberCluster, actor, "admin", pk=cluster.pk)
        require_reachable(cluster.instance)
        operation = operations.start(
            actor=actor,
            verb="cluster.unjoin",
            instance=cluster.instance,
            kind="Cluster",
            name=cluster.name,
            payload={
                "cluster_id": cluster.pk,
                "secrets": push_secret_refs(cluster),
                "member": _member_endpoint(cluster),
            },
        )
        audit.record(
            actor,
            "cluster.unjoin",
            cluster,
            before={"syncMode": cluster.sync_mode, "labels": cluster.labels},
        )
        tasks.unjoin_cluster.delay_on_commit(operation_id=operation.pk)
    return operation


def _cluster_after_delete(client: KarmadaClient, name: str) -> dict | None:
    """The Cluster once Karmada has removed it (None) or, after UNJOIN_WAIT, as it still is."""
    deadline = time.monotonic() + UNJOIN_WAIT
    while True:
        try:
            remaining = client.get_cluster(name).raw
        except KarmadaNotFound:
            return None
        if time.monotonic() >= deadline:
            return remaining
        time.sleep(POLL_INTERVAL)


def run_cluster_unjoin(operation_id: int) -> None:
    """The unjoin task: delete the Cluster, wait (bounded) for Karmada to finish with it, delete
    its Push-mode Secrets, then remove the join's objects from the member (best effort: a
    failure there is told in the message, the unjoin still succeeds). A 404 means done.
    """
    operation = operations.claim(operation_id)
    if operation is None:
        return
    instance, name = operation.instance, operation.name
    try:
        with client_for(instance) as client:
            member_kubeconfig = member_access(client, operation.payload)
            delete_ignoring_absent(client.delete_cluster, name)
            remaining = _cluster_after_delete(client, name)
            for ref in operation.payload.get("secrets", []):
                delete_ignoring_absent(
                    client.delete_resource, "v1", "Secret", ref["namespace"], ref["name"]
                )
    except KarmadaError as exc:
        retry_or_fail(operation, exc)
        return
    if remaining is not None:
        sync.upsert_cluster(instance, remaining)  # still finalizing: shows as unjoining
    else:
        row = MemberCluster.objects.filter(instance=instance, name=name).first()
        if row is not None:
            sync.delete_cluster(instance, row.raw)
    message = f"{name} was unjoined from {instance}."
    if member_kubeconfig is not None:
        try:
            clean_member(member_kubeconfig, name)
            message += " Its service accounts and RBAC were removed from the member."
        except MemberStepFailed as exc:
            message += f" The member still holds what the join created there: {exc}"
    operations.finish(operation, Outcome.SUCCEEDED, message)
    _publish_clusters(instance)
