"""The sandbox Karmada's demo controls (`/sandbox/v1/...`), so the console uses the gateway too.

Only the built-in sandbox serves these paths; a real Karmada answers 404 (KarmadaNotFound).
The fault body format is documented in `karmada_sandbox/faults.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from karmada_gateway.core import ClientCore
from karmada_gateway.models.base import items, mapping

SANDBOX_ROOT = "/sandbox/v1"


class SandboxMethods(ClientCore):
    """`sandbox_clusters()` and `sandbox_fault(cluster, fault)`."""

    def sandbox_clusters(self) -> list[dict[str, Any]]:
        """The sandbox's member clusters with their fault state, as the sandbox reports them.

        Raises KarmadaNotFound when the server is not the sandbox.
        """
        answer = self._transport.request("GET", f"{SANDBOX_ROOT}/clusters")
        listed = answer if isinstance(answer, list) else mapping(answer).get("items")
        return [mapping(entry) for entry in items(listed)]

    def sandbox_fault(self, cluster: str, fault: Mapping[str, Any]) -> dict[str, Any]:
        """Inject (or clear) a fault on sandbox member `cluster`; returns the sandbox's answer.

        Raises KarmadaNotFound (not a sandbox, or no such member), KarmadaRejected (bad fault).
        """
        path = f"{SANDBOX_ROOT}/clusters/{quote(cluster, safe='')}/faults"
        return mapping(self._transport.request("POST", path, body=dict(fault)))
