"""Fault injection for simulated member clusters.

The API layer exposes `KarmadaWorld.apply_fault` as `POST /sandbox/v1/clusters/NAME/faults`.
The body is a JSON object; every key is optional and they are applied in this order:

- `"reachable": false | true` - cut the member off from the control plane, or reconnect it.
  Push-mode clusters turn `Ready=False` (`ClusterNotReachable`) at the next probe (immediately
  after the fault); pull-mode clusters stop renewing their Lease and turn `Ready=Unknown`
  after the monitor grace period. The cluster proxy answers 503 while cut off.
- `"healthy": false | true` - reachable, but `/readyz` fails (`Ready=False`, `ClusterNotReady`).
- `"ready": true` - shortcut for `{"reachable": true, "healthy": true}`.
- `"capacity": {"cpu": "16", "memory": "64Gi", "pods": "200"}` - new total allocatable,
  spread evenly over the member's nodes (resources not named keep their value).
- `"disableAPIs": ["batch/v1", ...]` - group versions the member stops serving;
  `"enableAPIs": [...]` serves them again (`v1` cannot be disabled).
- `"kubernetesVersion": "v1.30.6"` - the version the member reports.
- `"rolloutSeconds": 5` - how long workloads take to become ready in this member
  (`null` restores the world default).

Example: `{"reachable": false}`, then `{"ready": true}` to recover.
Returns the member's fault state (as in `GET /sandbox/v1/clusters`).
Raises ValueError for unknown keys or bad values.
"""

from __future__ import annotations

from typing import Any

from karmada_sandbox.controllers import quantity
from karmada_sandbox.controllers.base import Context
from karmada_sandbox.members import MemberCluster

KEYS = (
    "reachable",
    "healthy",
    "ready",
    "capacity",
    "disableAPIs",
    "enableAPIs",
    "kubernetesVersion",
    "rolloutSeconds",
)


def _bool(fault: dict, key: str) -> bool:
    value = fault[key]
    if not isinstance(value, bool):
        raise ValueError(f"{key}: must be true or false")
    return value


def _strings(fault: dict, key: str) -> set[str]:
    value = fault[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key}: must be a list of group versions")
    return set(value)


def validate(fault: Any) -> None:
    """Check the body's shape. Raises ValueError."""
    if not isinstance(fault, dict):
        raise ValueError("the fault must be a JSON object")
    unknown = sorted(set(fault) - set(KEYS))
    if unknown:
        raise ValueError(f"unknown fault keys: {', '.join(unknown)} (known: {', '.join(KEYS)})")
    if "capacity" in fault:
        capacity = fault["capacity"]
        if not isinstance(capacity, dict) or not capacity:
            raise ValueError('capacity: must be an object such as {"cpu": "8"}')
        for name, value in capacity.items():
            try:
                quantity.parse(name, str(value))
            except ValueError:
                raise ValueError(f"capacity.{name}: invalid quantity {value!r}") from None
    seconds = fault.get("rolloutSeconds")
    if seconds is not None and (
        isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0
    ):
        raise ValueError("rolloutSeconds: must be a number >= 0 or null")
    if "ready" in fault and fault["ready"] is not True:
        raise ValueError("ready: only true is meaningful")
    for key in ("reachable", "healthy"):
        if key in fault:
            _bool(fault, key)
    for key in ("disableAPIs", "enableAPIs"):
        if key in fault:
            _strings(fault, key)
    if "v1" in (fault.get("disableAPIs") or []):
        raise ValueError("disableAPIs: the core group version v1 cannot be disabled")


def apply_fault(ctx: Context, member: MemberCluster, fault: dict) -> dict[str, Any]:
    """Apply a fault body to one member and probe it at once. Raises ValueError."""
    validate(fault)
    if fault.get("ready"):
        member.reachable = member.healthy = True
    if "reachable" in fault:
        member.reachable = _bool(fault, "reachable")
    if "healthy" in fault:
        member.healthy = _bool(fault, "healthy")
    if "capacity" in fault:
        member.set_capacity({k: str(v) for k, v in fault["capacity"].items()})
    if "disableAPIs" in fault or "enableAPIs" in fault:
        disabled = set(member.disabled_apis)
        disabled |= _strings(fault, "disableAPIs") if "disableAPIs" in fault else set()
        disabled -= _strings(fault, "enableAPIs") if "enableAPIs" in fault else set()
        member.set_disabled_apis(disabled)
    if "kubernetesVersion" in fault:
        member.kubernetes_version = str(fault["kubernetesVersion"])
    if "rolloutSeconds" in fault:
        seconds = fault["rolloutSeconds"]
        member.rollout_seconds = None if seconds is None else float(seconds)
    ctx.enqueue("cluster-status", (member.name,), 0)
    ctx.enqueue("namespace-sync", ("cluster", member.name), 0)
    return member.fault_state()
