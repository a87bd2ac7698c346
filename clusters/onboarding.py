"""What `karmadactl join` and `karmadactl token create` write into Karmada, as plain manifests.

Pure functions (no I/O): the member's endpoint read from its kubeconfig, the objects Push mode
creates in the member (a namespace, service accounts, RBAC and their token Secrets), the Secrets
and Cluster object it writes into Karmada, the Pull-mode bootstrap token Secret and the register
command.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import string
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from karmada_gateway import KarmadaBadKubeconfig
from karmada_gateway.kubeconfig import parse_kubeconfig

CLUSTER_NAMESPACE = "karmada-cluster"
SYSTEM_LABELS = {"karmada.io/system": "true"}
IMPERSONATOR_ACCOUNT = "karmada-impersonator"
SA_TOKEN_TYPE = "kubernetes.io/service-account-token"
TOKEN_NAMESPACE = "kube-system"
TOKEN_GROUP = "system:bootstrappers:karmada:default-cluster-token"
TOKEN_TTL = timedelta(hours=24)
_TOKEN_ALPHABET = string.ascii_lowercase + string.digits


class KubeconfigUnusable(ValueError):
    """The kubeconfig cannot be used for this purpose; the message says why."""


@dataclass(frozen=True)
class Endpoint:
    """Where an API server is and how to trust it (from a kubeconfig)."""

    server: str
    ca_data: bytes  # PEM, empty when the kubeconfig carries none
    insecure: bool


def _context_entries(kubeconfig: dict[str, Any], context: str) -> tuple[dict, dict]:
    """The cluster and user entries of `context` (the current context when empty)."""
    name = context or kubeconfig.get("current-context") or ""

    def named(section: str, wanted: str) -> dict:
        for entry in kubeconfig.get(section) or []:
            if isinstance(entry, dict) and entry.get("name") == wanted:
                return entry
        raise KubeconfigUnusable(f"The kubeconfig has no {section[:-1]} named {wanted!r}.")

    ctx = named("contexts", name).get("context") or {}
    cluster = named("clusters", ctx.get("cluster", "")).get("cluster") or {}
    user = named("users", ctx.get("user", "")).get("user") or {}
    return cluster, user


def read_endpoint(kubeconfig_text: str, context: str = "") -> Endpoint:
    """Server, CA and TLS mode of one context (any kind of user credentials will do).

    Raises KubeconfigUnusable when the context is missing, there is no server or the CA is a
    file on disk.
    """
    try:
        kubeconfig = parse_kubeconfig(kubeconfig_text)
    except KarmadaBadKubeconfig as exc:
        raise KubeconfigUnusable(str(exc)) from exc
    cluster, _user = _context_entries(kubeconfig, context)
    if not cluster.get("server"):
        raise KubeconfigUnusable("The kubeconfig's cluster has no server address.")
    if cluster.get("certificate-authority"):
        raise KubeconfigUnusable(
            "The kubeconfig points at a CA file on disk; embed it as certificate-authority-data."
        )
    try:
        ca_data = base64.b64decode(cluster.get("certificate-authority-data") or "", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise KubeconfigUnusable("certificate-authority-data is not valid base64.") from exc
    return Endpoint(
        server=str(cluster["server"]),
        ca_data=ca_data,
        insecure=bool(cluster.get("insecure-skip-tls-verify")),
    )


def read_member_endpoint(kubeconfig_text: str, context: str = "") -> Endpoint:
    """`read_endpoint` of a member's kubeconfig, whose user the join task must be able to use.

    Raises KubeconfigUnusable also when the user's certificate, key or token is a file on disk
    (the worker that joins cannot read it).
    """
    endpoint = read_endpoint(kubeconfig_text, context)
    _cluster, user = _context_entries(parse_kubeconfig(kubeconfig_text), context)
    for key in ("client-certificate", "client-key", "tokenFile"):
        if user.get(key):
            raise KubeconfigUnusable(
                f"The kubeconfig's user points at a file on disk ({key}); embed it as "
                "client-certificate-data / client-key-data or a token."
            )
    return endpoint


def _b64(value: str | bytes) -> str:
    raw = value.encode() if isinstance(value, str) else value
    return base64.b64encode(raw).decode()


def account_name(cluster_name: str) -> str:
    """The member's service account Karmada's controllers act as (`karmada-<cluster>`)."""
    return f"karmada-{cluster_name}"


def role_name(cluster_name: str) -> str:
    """The member's ClusterRole and ClusterRoleBinding granting that account everything."""
    return f"karmada-controller-manager:{account_name(cluster_name)}"


def _meta(name: str, namespace: str | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name, "labels": dict(SYSTEM_LABELS)}
    if namespace:
        meta["namespace"] = namespace
    return meta


def _token_secret(account: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "type": SA_TOKEN_TYPE,
        "metadata": {
            **_meta(account, CLUSTER_NAMESPACE),
            "annotations": {"kubernetes.io/service-account.name": account},
        },
    }


def member_credential_objects(cluster_name: str) -> list[dict[str, Any]]:
    """What `karmadactl join` creates in the member, in creation order.

    The karmada-cluster namespace, the impersonator service account, the cluster's service
    account with a cluster-admin-like ClusterRole and its binding, and one
    service-account-token Secret per account for the token controller to fill.
    """
    account, role = account_name(cluster_name), role_name(cluster_name)
    rbac = "rbac.authorization.k8s.io/v1"
    rules = [
        {"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]},
        {"nonResourceURLs": ["*"], "verbs": ["get"]},
    ]
    subject = {"kind": "ServiceAccount", "name": account, "namespace": CLUSTER_NAMESPACE}
    return [
        {"apiVersion": "v1", "kind": "Namespace", "metadata": _meta(CLUSTER_NAMESPACE)},
        {
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": _meta(IMPERSONATOR_ACCOUNT, CLUSTER_NAMESPACE),
        },
        _token_secret(IMPERSONATOR_ACCOUNT),
        {
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": _meta(account, CLUSTER_NAMESPACE),
        },
        {"apiVersion": rbac, "kind": "ClusterRole", "metadata": _meta(role), "rules": rules},
        {
            "apiVersion": rbac,
            "kind": "ClusterRoleBinding",
            "metadata": _meta(role),
            "subjects": [subject],
            "roleRef": {
                "apiGroup": "rbac.authorization.k8s.io",
                "kind": "ClusterRole",
                "name": role,
            },
        },
        _token_secret(account),
    ]


def member_cleanup_refs(cluster_name: str) -> list[tuple[str, str, str | None, str]]:
    """(apiVersion, kind, namespace, name) of what `karmadactl unjoin` removes from the member.

    The cluster's own account comes last, since the cleanup runs as it; the member's token
    controller then deletes its token Secret (whose token dies with the account).
    """
    account, role = account_name(cluster_name), role_name(cluster_name)
    rbac = "rbac.authorization.k8s.io/v1"
    return [
        (rbac, "ClusterRoleBinding", None, role),
        (rbac, "ClusterRole", None, role),
        ("v1", "Secret", CLUSTER_NAMESPACE, IMPERSONATOR_ACCOUNT),
        ("v1", "ServiceAccount", CLUSTER_NAMESPACE, IMPERSONATOR_ACCOUNT),
        ("v1", "ServiceAccount", CLUSTER_NAMESPACE, account),
    ]


@dataclass(frozen=True)
class ServiceAccountToken:
    """What the member's token controller filled into a service-account-token Secret."""

    token: str
    ca_data: bytes  # PEM, empty when the member's API server has no CA

    @classmethod
    def from_secret(cls, secret: dict[str, Any]) -> ServiceAccountToken | None:
        """The filled token of a Secret, or None while `data.token` is still empty."""
        data = secret.get("data") or {}
        if not data.get("token"):
            return None
        return cls(
            token=base64.b64decode(data["token"]).decode(),
            ca_data=base64.b64decode(data.get("ca.crt") or ""),
        )


def push_secrets(
    cluster_name: str, member: Endpoint, cluster: ServiceAccountToken, impersonator: str
) -> list[dict[str, Any]]:
    """The credentials Secrets `karmadactl join` creates in Karmada's karmada-cluster.

    `karmada-cluster/<name>` holds the cluster account's token and a caBundle (the token
    Secret's ca.crt, else the kubeconfig's CA); `<name>-impersonator` the impersonator's token.
    """

    def secret(name: str, data: dict[str, str]) -> dict[str, Any]:
        return {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": name, "namespace": CLUSTER_NAMESPACE},
            "data": data,
        }

    ca_bundle = cluster.ca_data or member.ca_data
    return [
        secret(cluster_name, {"caBundle": _b64(ca_bundle), "token": _b64(cluster.token)}),
        secret(f"{cluster_name}-impersonator", {"token": _b64(impersonator)}),
    ]


def push_cluster(
    *,
    name: str,
    member: Endpoint,
    cluster_id: str,
    provider: str = "",
    region: str = "",
    zones: list[str] | None = None,
    labels: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The Push-mode Cluster object, shaped as `karmadactl join` posts it."""
    spec: dict[str, Any] = {
        "syncMode": "Push",
        "apiEndpoint": member.server,
        "secretRef": {"namespace": CLUSTER_NAMESPACE, "name": name},
        "impersonatorSecretRef": {"namespace": CLUSTER_NAMESPACE, "name": f"{name}-impersonator"},
    }
    if cluster_id:
        spec["id"] = cluster_id
    if member.insecure:
        spec["insecureSkipTLSVerification"] = True
    for key, value in (("provider", provider), ("region", region), ("zones", zones)):
        if value:
            spec[key] = value
    return {
        "apiVersion": "cluster.karmada.io/v1alpha1",
        "kind": "Cluster",
        "metadata": {"name": name, "labels": dict(labels or {})},
        "spec": spec,
    }


def owner_reference(cluster: dict[str, Any]) -> dict[str, Any]:
    """The ownerReference karmadactl puts on a joined cluster's Secrets (GC on unjoin)."""
    meta = cluster["metadata"]
    return {
        "apiVersion": "cluster.karmada.io/v1alpha1",
        "kind": "Cluster",
        "name": meta["name"],
        "uid": meta.get("uid", ""),
        "controller": True,
    }


@dataclass(frozen=True)
class BootstrapToken:
    """A kubeadm-style bootstrap token: `<id>.<secret>` (6 + 16 characters of [a-z0-9])."""

    token_id: str
    secret: str

    @classmethod
    def generate(cls) -> BootstrapToken:
        pick = secrets.choice
        return cls(
            "".join(pick(_TOKEN_ALPHABET) for _ in range(6)),
            "".join(pick(_TOKEN_ALPHABET) for _ in range(16)),
        )

    def __str__(self) -> str:
        return f"{self.token_id}.{self.secret}"


def bootstrap_secret(token: BootstrapToken, now: datetime | None = None) -> dict[str, Any]:
    """The Secret `karmadactl token create` writes into kube-system (valid for 24 hours)."""
    expires = (now or datetime.now(UTC)) + TOKEN_TTL
    data = {
        "description": "Karmada cluster registration token created by Kairship",
        "token-id": token.token_id,
        "token-secret": token.secret,
        "expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "usage-bootstrap-authentication": "true",
        "usage-bootstrap-signing": "true",
        "auth-extra-groups": TOKEN_GROUP,
    }
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "type": "bootstrap.kubernetes.io/token",
        "metadata": {"name": f"bootstrap-token-{token.token_id}", "namespace": TOKEN_NAMESPACE},
        "data": {key: _b64(value) for key, value in data.items()},
    }


def ca_cert_hash(ca_pem: bytes) -> str:
    """`sha256:<hex>` of the CA's public key (SubjectPublicKeyInfo), as kubeadm and karmadactl.

    Raises KubeconfigUnusable when the data is not a PEM certificate.
    """
    try:
        certificate = x509.load_pem_x509_certificate(ca_pem)
    except ValueError as exc:
        raise KubeconfigUnusable("certificate-authority-data is not a PEM certificate.") from exc
    spki = certificate.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return "sha256:" + hashlib.sha256(spki).hexdigest()


def register_command(karmada: Endpoint, token: BootstrapToken, cluster_name: str) -> str:
    """The `karmadactl register` line to run against the member (endpoint without scheme)."""
    endpoint = karmada.server.removeprefix("https://").removeprefix("http://").rstrip("/")
    trust = (
        f"--discovery-token-ca-cert-hash {ca_cert_hash(karmada.ca_data)}"
        if karmada.ca_data
        else "--discovery-token-unsafe-skip-ca-verification"
    )
    return f"karmadactl register {endpoint} --token {token} {trust} --cluster-name {cluster_name}"
