"""The member side of a Push join, as `karmadactl join` / `unjoin` do it: service accounts,
RBAC and their tokens created in the member with the uploaded kubeconfig, and removed again
with the cluster's own credentials. Every failure names the step (MemberStepFailed).
"""

from __future__ import annotations

import base64
import contextlib
import time
from collections.abc import Iterator

from clusters import onboarding
from karmada_gateway import (
    KarmadaClient,
    KarmadaConflict,
    KarmadaError,
    KarmadaForbidden,
    KarmadaNotFound,
    KarmadaUnauthorized,
)

MEMBER_TIMEOUT = 5.0
TOKEN_WAIT = 10.0  # how long the member's token controller gets to fill the tokens
POLL_INTERVAL = 0.2


class MemberStepFailed(Exception):
    """A step of talking to the member failed; the message names the step and the reason."""


def member_answer(exc: KarmadaError) -> str:
    """The member's refusal in words (the gateway's own messages speak of Karmada)."""
    if isinstance(exc, KarmadaForbidden):
        return "the member answered 403 Forbidden: the kubeconfig's user may not do this"
    if isinstance(exc, KarmadaUnauthorized):
        return "the member answered 401 Unauthorized: it does not accept the credentials"
    return str(exc)


@contextlib.contextmanager
def member_step(step: str) -> Iterator[None]:
    """Turn a gateway error inside the block into MemberStepFailed naming `step`."""
    try:
        yield
    except KarmadaError as exc:
        raise MemberStepFailed(f"{step}: {member_answer(exc)}") from exc


def member_id(member: KarmadaClient) -> str:
    """The member's identity as karmadactl collects it: the uid of its kube-system namespace."""
    with member_step("Could not reach the member's API server to read kube-system"):
        return member.get_resource("v1", "Namespace", None, "kube-system").uid


def _describe(manifest: dict) -> str:
    meta = manifest["metadata"]
    where = f"{meta['namespace']}/" if meta.get("namespace") else ""
    return f"{manifest['kind']} {where}{meta['name']}"


def _wait_for_token(
    member: KarmadaClient, account: str, deadline: float
) -> onboarding.ServiceAccountToken:
    """Poll the account's token Secret until the member's token controller has filled it.

    Raises MemberStepFailed when reading fails or `deadline` (monotonic) passes first.
    """
    name = f"{onboarding.CLUSTER_NAMESPACE}/{account}"
    while True:
        with member_step(f"Could not read the token Secret {name} in the member"):
            secret = member.get_resource("v1", "Secret", onboarding.CLUSTER_NAMESPACE, account)
        token = onboarding.ServiceAccountToken.from_secret(secret.raw)
        if token is not None:
            return token
        if time.monotonic() >= deadline:
            raise MemberStepFailed(
                f"The member's token controller did not fill the token of Secret {name} "
                f"within {TOKEN_WAIT:.0f} seconds."
            )
        time.sleep(POLL_INTERVAL)


def obtain_member_credentials(
    member: KarmadaClient, cluster_name: str
) -> tuple[onboarding.ServiceAccountToken, onboarding.ServiceAccountToken]:
    """Create what `karmadactl join` creates in the member and return the tokens it yields.

    Returns (the cluster account's token, the impersonator's token). Objects that already
    exist are kept (a repeated join). Raises MemberStepFailed naming the step that failed.
    """
    for manifest in onboarding.member_credential_objects(cluster_name):
        with (
            member_step(f"Could not create {_describe(manifest)} in the member"),
            contextlib.suppress(KarmadaConflict),
        ):
            member.create_resource(manifest)
    deadline = time.monotonic() + TOKEN_WAIT
    cluster = _wait_for_token(member, onboarding.account_name(cluster_name), deadline)
    impersonator = _wait_for_token(member, onboarding.IMPERSONATOR_ACCOUNT, deadline)
    return cluster, impersonator


def delete_ignoring_absent(delete, *args) -> None:
    with contextlib.suppress(KarmadaNotFound):
        delete(*args)


def member_access(client: KarmadaClient, payload: dict) -> dict | None:
    """A kubeconfig acting as the cluster's service account (token from Karmada's Secret).

    None for Pull mode or when the Secret is gone (a retried unjoin); raises KarmadaError.
    """
    endpoint, refs = payload.get("member"), payload.get("secrets") or []
    if not endpoint or not refs:
        return None
    try:
        secret = client.get_resource("v1", "Secret", refs[0]["namespace"], refs[0]["name"]).raw
    except KarmadaNotFound:
        return None
    data = secret.get("data") or {}
    if not data.get("token"):
        return None
    cluster = {"server": endpoint["server"], "insecure-skip-tls-verify": endpoint["insecure"]}
    if data.get("caBundle") and not endpoint["insecure"]:
        cluster["certificate-authority-data"] = data["caBundle"]
    token = base64.b64decode(data["token"]).decode()
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "member", "cluster": cluster}],
        "users": [{"name": "member", "user": {"token": token}}],
        "contexts": [{"name": "member", "context": {"cluster": "member", "user": "member"}}],
        "current-context": "member",
    }


def clean_member(kubeconfig: dict, cluster_name: str) -> None:
    """Delete what the join created in the member (absent objects are fine).

    Raises MemberStepFailed naming the object that could not be deleted.
    """
    with (
        member_step("Could not use the cluster's credentials"),
        KarmadaClient.from_kubeconfig(kubeconfig, timeout=MEMBER_TIMEOUT) as member,
    ):
        for api_version, kind, namespace, name in onboarding.member_cleanup_refs(cluster_name):
            where = f"{namespace}/{name}" if namespace else name
            with member_step(f"Could not delete {kind} {where} in the member"):
                delete_ignoring_absent(member.delete_resource, api_version, kind, namespace, name)
