"""KarmadaClient: every gateway method group over one connection built from a kubeconfig."""

from __future__ import annotations

from types import TracebackType

from karmada_gateway.kubeconfig import KubeconfigSource, new_api_client, parse_kubeconfig
from karmada_gateway.proxy import ProxyMethods
from karmada_gateway.sandbox import SandboxMethods
from karmada_gateway.transport import Transport
from karmada_gateway.typed.clusters import ClusterMethods
from karmada_gateway.typed.others import OtherMethods
from karmada_gateway.typed.policies import PolicyMethods
from karmada_gateway.typed.templates import TemplateMethods
from karmada_gateway.typed.work import WorkMethods
from karmada_gateway.verify import VerifyMethods
from karmada_gateway.watch import WatchMethods


class KarmadaClient(
    VerifyMethods,
    ClusterMethods,
    PolicyMethods,
    WorkMethods,
    OtherMethods,
    TemplateMethods,
    WatchMethods,
    ProxyMethods,
    SandboxMethods,
):
    """A client for one Karmada control plane (one kubeconfig context). Thread-safe for calls."""

    def __init__(
        self,
        kubeconfig: KubeconfigSource,
        context: str | None = None,
        timeout: float = 10.0,
        retries: int = 3,
    ) -> None:
        """Connect lazily: nothing is sent until the first call. Raises KarmadaBadKubeconfig."""
        api = new_api_client(parse_kubeconfig(kubeconfig), context)
        super().__init__(Transport(api, timeout, retries))

    @classmethod
    def from_kubeconfig(
        cls, kubeconfig: KubeconfigSource, context: str | None = None, timeout: float = 10.0
    ) -> KarmadaClient:
        """A client from a kubeconfig dict, YAML text or file path. Raises KarmadaBadKubeconfig."""
        return cls(kubeconfig, context, timeout)

    def close(self) -> None:
        """Close pooled connections."""
        self._transport.close()

    def __enter__(self) -> KarmadaClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
