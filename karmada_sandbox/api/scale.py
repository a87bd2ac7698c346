"""The autoscaling/v1 Scale view of workloads that have a `scale` subresource."""

from __future__ import annotations

from typing import Any

from karmada_sandbox.api.errors import ApiError
from karmada_sandbox.registry import ResourceType


def _selector_string(selector: dict[str, Any]) -> str:
    parts = [f"{k}={v}" for k, v in sorted((selector.get("matchLabels") or {}).items())]
    for expr in selector.get("matchExpressions") or ():
        op, values = expr.get("operator", ""), ",".join(expr.get("values") or ())
        if op in ("In", "NotIn"):
            parts.append(f"{expr.get('key')} {op.lower()} ({values})")
        elif op == "Exists":
            parts.append(str(expr.get("key")))
        elif op == "DoesNotExist":
            parts.append(f"!{expr.get('key')}")
    return ",".join(parts)


def scale_from(rtype: ResourceType, obj: dict[str, Any]) -> dict[str, Any]:
    """The Scale object for a workload."""
    meta = obj.get("metadata") or {}
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    return {
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": {
            key: meta[key]
            for key in ("name", "namespace", "uid", "resourceVersion", "creationTimestamp")
            if key in meta
        },
        "spec": {"replicas": spec.get("replicas", 1)},
        "status": {
            "replicas": status.get("replicas", 0),
            "selector": _selector_string(spec.get("selector") or {}),
        },
    }


def scale_into(obj: dict[str, Any], scale: Any) -> dict[str, Any]:
    """The workload with a Scale's replicas (and resourceVersion precondition). Raises ApiError."""
    replicas = (
        ((scale or {}).get("spec") or {}).get("replicas") if isinstance(scale, dict) else None
    )
    if not isinstance(replicas, int) or isinstance(replicas, bool) or replicas < 0:
        raise ApiError(
            422,
            "Invalid",
            f'Scale.autoscaling "{obj["metadata"]["name"]}" is invalid: '
            f"spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0",
        )
    obj.setdefault("spec", {})["replicas"] = replicas
    given_rv = (scale.get("metadata") or {}).get("resourceVersion")
    if given_rv:
        obj["metadata"]["resourceVersion"] = given_rv
    return obj
