"""FederatedResourceQuota and the karmada-operator's `Karmada` instance resource."""

from __future__ import annotations

from dataclasses import dataclass

from karmada_gateway.models.base import (
    KarmadaObject,
    Raw,
    condition_status,
    find_condition,
    mapping,
    meta_fields,
    string_map,
)


@dataclass(frozen=True)
class FederatedResourceQuota(KarmadaObject):
    """A namespace quota across clusters: the overall limits and what is used of them."""

    overall: dict[str, str]
    overall_used: dict[str, str]

    @classmethod
    def from_raw(cls, raw: Raw) -> FederatedResourceQuota:
        """Build from a FederatedResourceQuota object dict."""
        return cls(
            **meta_fields(raw),
            overall=string_map(mapping(raw.get("spec")).get("overall")),
            overall_used=string_map(mapping(raw.get("status")).get("overallUsed")),
        )


@dataclass(frozen=True)
class KarmadaInstance(KarmadaObject):
    """An operator.karmada.io `Karmada`: installed when ready, with its admin kubeconfig Secret."""

    ready: bool | None
    ready_reason: str
    ready_message: str
    admin_secret_name: str

    @classmethod
    def from_raw(cls, raw: Raw) -> KarmadaInstance:
        """Build from a Karmada object dict."""
        ready = find_condition(raw, "Ready") or {}
        secret = mapping(mapping(raw.get("status")).get("secretRef"))
        return cls(
            **meta_fields(raw),
            ready=condition_status(raw, "Ready"),
            ready_reason=str(ready.get("reason", "")),
            ready_message=str(ready.get("message", "")),
            admin_secret_name=str(secret.get("name", "")),
        )
