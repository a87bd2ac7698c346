"""API discovery: resolve apiVersion + kind to a `Kind` (cached) and list the served API groups."""

from __future__ import annotations

import threading
from typing import Any

from karmada_gateway.errors import KarmadaNotFound
from karmada_gateway.kinds import KARMADA_KINDS, Kind, split_api_version
from karmada_gateway.transport import Transport


class Discovery:
    """Discovery of one API server, or of a member cluster behind a proxy `prefix`."""

    def __init__(self, transport: Transport, prefix: str = "") -> None:
        self._transport = transport
        self._prefix = prefix
        self._lock = threading.Lock()
        self._versions: dict[str, dict[str, Kind]] = {}

    def resolve(self, api_version: str, kind: str) -> Kind:
        """The Kind for `api_version` + `kind`, asking the server once per apiVersion.

        Raises KarmadaNotFound when the server does not serve it, or another KarmadaError.
        """
        known = KARMADA_KINDS.get(kind)
        if not self._prefix and known is not None and known.api_version == api_version:
            return known
        kinds = self._kinds_of(api_version)
        if kind not in kinds:
            raise KarmadaNotFound(f"The server does not serve {kind} in {api_version}.")
        return kinds[kind]

    def forget(self) -> None:
        """Drop the cache (after CRDs were installed or a member's APIs changed)."""
        with self._lock:
            self._versions.clear()

    def api_groups(self) -> list[str]:
        """Names of the API groups the server serves (from /apis), without the core group."""
        answer = self._transport.request("GET", f"{self._prefix}/apis")
        groups = answer.get("groups", []) if isinstance(answer, dict) else []
        return [str(g["name"]) for g in groups if isinstance(g, dict) and g.get("name")]

    def _kinds_of(self, api_version: str) -> dict[str, Kind]:
        """Kinds served in one apiVersion, from the cache or from the server."""
        with self._lock:
            cached = self._versions.get(api_version)
        if cached is not None:
            return cached
        group, version = split_api_version(api_version)
        root = f"/apis/{group}/{version}" if group else f"/api/{version}"
        try:
            answer = self._transport.request("GET", f"{self._prefix}{root}")
        except KarmadaNotFound:
            raise KarmadaNotFound(f"The server does not serve {api_version}.") from None
        kinds = _parse_resource_list(group, version, answer)
        with self._lock:
            self._versions[api_version] = kinds
        return kinds


def _parse_resource_list(group: str, version: str, answer: Any) -> dict[str, Kind]:
    """Kinds from an APIResourceList, skipping subresources such as "deployments/status"."""
    resources = answer.get("resources", []) if isinstance(answer, dict) else []
    kinds: dict[str, Kind] = {}
    for item in resources:
        name = str(item.get("name", ""))
        if not name or "/" in name or not item.get("kind"):
            continue
        kinds[str(item["kind"])] = Kind(
            group, version, str(item["kind"]), name, bool(item.get("namespaced"))
        )
    return kinds
