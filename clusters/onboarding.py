"""What `karmadactl join` and `karmadactl token create` write into Karmada, as plain manifests.

Pure functions (no I/O): the member's credentials read from its kubeconfig, the Push-mode
Secrets and Cluster object, the Pull-mode bootstrap token Secret and the register command.
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
TOKEN_NAMESPACE = "kube-system"
TOKEN_GROUP = "system:bootstrappers:karmada:default-cluster-token"
TOKEN_TTL = timedelta(hours=24)
_TOKEN_ALPHABET = string.ascii_lowercase + string.digits


class KubeconfigUnusable(ValueError):
    """The kubeconfig cannot be used for this purpose; the message says why."""


@dataclass(frozen=True)
class Endpoint:
    """Where an API server is and how to trust and authenticate to it (from a kubeconfig)."""

    server: str
    ca_data: bytes  # PEM, empty when the kubeconfig carries none
    token: str
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
    """Server, CA, bearer token and TLS mode of one context. Raises KubeconfigUnusable."""
    try:
        kubeconfig = parse_kubeconfig(kubeconfig_text)
    except KarmadaBadKubeconfig as exc:
        raise KubeconfigUnusable(str(exc)) from exc
    cluster, user = _context_entries(kubeconfig, context)
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
        token=str(user.get("token") or ""),
        insecure=bool(cluster.get("insecure-skip-tls-verify")),
    )


def _b64(value: str | bytes) -> str:
    raw = value.encode() if isinstance(value, str) else value
    return base64.b64encode(raw).decode()


def push_secrets(cluster_name: str, member: Endpoint) -> list[dict[str, Any]]:
    """The credentials Secrets `karmadactl join` creates in karmada-cluster (token + caBundle).

    The console reuses the kubeconfig's bearer token for both, where karmadactl first creates
    service accounts on the member; raises KubeconfigUnusable when there is no token.
    """
    if not member.token:
        raise KubeconfigUnusable(
            "Push mode needs a bearer token in the kubeconfig's user (Karmada stores it in the "
            "cluster's Secret); client certificates cannot be handed over."
        )

    def secret(name: str, data: dict[str, str]) -> dict[str, Any]:
        return {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": name, "namespace": CLUSTER_NAMESPACE},
            "data": data,
        }

    return [
        secret(cluster_name, {"caBundle": _b64(member.ca_data), "token": _b64(member.token)}),
        secret(f"{cluster_name}-impersonator", {"token": _b64(member.token)}),
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
