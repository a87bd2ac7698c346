"""The sandbox Karmada's demo controls (`/sandbox/v1/...`), so the console uses the gateway too.

Only the built-in sandbox serves these paths; a real Karmada answers 404 (KarmadaNotFound).
The fault body format is documented in `karmada_sandbox/faults.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from karmada_gateway.core import ClientCore
from karmada_gateway.models.base import items, mapping

SANDBOX_ROOT = "/sandbox/v1"


@dataclass(frozen=True)
class SandboxMember:
    """A simulated member cluster and its fault state (`raw` has everything the sandbox says)."""

    name: str
    reachable: bool
    healthy: bool
    raw: dict[str, Any]

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> SandboxMember:
        """Build from one entry of `GET /sandbox/v1/clusters`."""
        return cls(
            str(raw.get("name", "")),
            bool(raw.get("reachable", True)),
            bool(raw.get("healthy", True)),
            raw,
        )


class SandboxMethods(ClientCore):
    """`sandbox_clusters()` and `sandbox_fault(cluster, fault)`."""

    def sandbox_clusters(self) -> list[SandboxMember]:
        """The sandbox's member clusters with their fault state.

        Raises KarmadaNotFound when the server is not the sandbox.
        """
        answer = self._transport.request("GET", f"{SANDBOX_ROOT}/clusters")
        listed = answer if isinstance(answer, list) else mapping(answer).get("items")
        return [SandboxMember.from_raw(mapping(entry)) for entry in items(listed)]

    def sandbox_fault(self, cluster: str, fault: Mapping[str, Any]) -> SandboxMember:
        """Inject (or clear) a fault on sandbox member `cluster`; returns its new fault state.

        Raises KarmadaNotFound (not a sandbox, or no such member), KarmadaRejected (bad fault).
        """
        path = f"{SANDBOX_ROOT}/clusters/{quote(cluster, safe='')}/faults"
        answer = mapping(self._transport.request("POST", path, body=dict(fault)))
        return SandboxMember.from_raw(answer)
