"""What API servers do beyond the schema: the Cluster API's own validation and defaulting."""

from __future__ import annotations

from typing import Any

from karmada_sandbox.api import karmada_webhook
from karmada_sandbox.registry import ResourceType
from karmada_sandbox.store import Invalid, now_rfc3339

_INT64_MAX = "9223372036854775807"
_CPU_BOUNDS = ["0", "1", "2", "4", "8", "16", "32", "64", "128", _INT64_MAX]
_MEMORY_BOUNDS = ["0", "4Gi", "16Gi", "32Gi", "64Gi", "128Gi", "256Gi", "512Gi", "1Ti", _INT64_MAX]
_SYNC_MODES = ("Push", "Pull")
_TAINT_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
_MAX_CLUSTER_NAME = 48


def default_resource_models() -> list[dict[str, Any]]:
    """The nine resource-model grades the Cluster API fills in when none are given."""
    return [
        {
            "grade": grade,
            "ranges": [
                {"name": "cpu", "min": _CPU_BOUNDS[grade], "max": _CPU_BOUNDS[grade + 1]},
                {"name": "memory", "min": _MEMORY_BOUNDS[grade], "max": _MEMORY_BOUNDS[grade + 1]},
            ],
        }
        for grade in range(9)
    ]


def _is_cluster(rtype: ResourceType) -> bool:
    return rtype.group == "cluster.karmada.io" and rtype.kind == "Cluster"


def _validate_cluster(rtype: ResourceType, obj: dict[str, Any]) -> None:
    name = obj["metadata"].get("name", "")
    spec = obj.get("spec") or {}
    causes: list[tuple[str, str]] = []
    if len(name) > _MAX_CLUSTER_NAME:
        causes.append(
            ("metadata.name", f'Invalid value: "{name}": must be no more than 48 characters')
        )
    mode = spec.get("syncMode")
    if mode not in _SYNC_MODES:
        causes.append(
            (
                "spec.syncMode",
                f'Unsupported value: "{mode or ""}": supported values: "Push", "Pull"',
            )
        )
    for index, taint in enumerate(spec.get("taints") or ()):
        if taint.get("effect") not in _TAINT_EFFECTS:
            causes.append(
                (
                    f"spec.taints[{index}].effect",
                    f'Unsupported value: "{taint.get("effect") or ""}": supported values: '
                    '"NoSchedule", "PreferNoSchedule", "NoExecute"',
                )
            )
    if causes:
        raise Invalid(causes[0][0], causes[0][1], rtype=rtype, name=name, causes=causes)


def _mutate_cluster(obj: dict[str, Any], creating: bool) -> None:
    spec = obj.setdefault("spec", {})
    if spec.get("zone") and not spec.get("zones"):
        spec["zones"] = [spec["zone"]]
    spec.pop("zone", None)
    for taint in spec.get("taints") or ():
        if taint.get("effect") == "NoExecute" and not taint.get("timeAdded"):
            taint["timeAdded"] = now_rfc3339()
    if creating and not spec.get("resourceModels"):
        spec["resourceModels"] = default_resource_models()


def admit(rtype: ResourceType, obj: dict[str, Any], *, creating: bool) -> None:
    """Apply kind-specific API-server and karmada-webhook defaulting and checks in place.

    Raises Invalid listing every violation.
    """
    if _is_cluster(rtype):
        _validate_cluster(rtype, obj)
        _mutate_cluster(obj, creating)
    if errors := karmada_webhook.admit(rtype, obj):
        name = obj["metadata"].get("name", "")
        raise Invalid(errors[0][0], errors[0][1], rtype=rtype, name=name, causes=errors)


def initial_state(rtype: ResourceType, obj: dict[str, Any]) -> None:
    """What a new object starts with after its status was dropped: a Namespace is Active."""
    if rtype.group == "" and rtype.kind == "Namespace":
        obj.setdefault("spec", {}).setdefault("finalizers", ["kubernetes"])
        obj["status"] = {"phase": "Active"}
