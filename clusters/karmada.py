"""The one place that turns a stored instance into a gateway client."""

from __future__ import annotations

from karmada_gateway import KarmadaClient

from .models import KarmadaInstance

DEFAULT_TIMEOUT = 10.0


def client_for(instance: KarmadaInstance, timeout: float = DEFAULT_TIMEOUT) -> KarmadaClient:
    """A gateway client for `instance` (decrypts its kubeconfig). Raises KarmadaBadKubeconfig."""
    return KarmadaClient.from_kubeconfig(
        instance.kubeconfig_text(), context=instance.context or None, timeout=timeout
    )
