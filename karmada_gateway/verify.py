"""Checking that a kubeconfig reaches a working Karmada control plane."""

from __future__ import annotations

import time
from dataclasses import dataclass

from karmada_gateway.core import ClientCore
from karmada_gateway.errors import KarmadaNotKarmada
from karmada_gateway.kinds import REQUIRED_GROUPS
from karmada_gateway.models.base import mapping


@dataclass(frozen=True)
class Verification:
    """What a successful `verify()` learned: server version, round-trip time, Karmada groups."""

    git_version: str
    platform: str
    latency_ms: float
    groups: tuple[str, ...]


class VerifyMethods(ClientCore):
    """`verify()`."""

    def verify(self) -> Verification:
        """Ask /version and /apis and check the Karmada API groups are served.

        Raises KarmadaUnavailable (unreachable), KarmadaTLSError, KarmadaUnauthorized,
        KarmadaNotKarmada (groups missing) or another KarmadaError.
        """
        started = time.perf_counter()
        version = mapping(self._transport.request("GET", "/version"))
        latency_ms = (time.perf_counter() - started) * 1000
        served = self._discovery.api_groups()
        missing = [g for g in REQUIRED_GROUPS if g not in served]
        if missing:
            raise KarmadaNotKarmada(
                f"The server at {self.host} answers, but it is not a Karmada control plane: "
                f"API groups {', '.join(missing)} are missing."
            )
        return Verification(
            git_version=str(version.get("gitVersion", "")),
            platform=str(version.get("platform", "")),
            latency_ms=round(latency_ms, 1),
            groups=tuple(sorted(g for g in served if g.endswith("karmada.io"))),
        )
