"""Operations on Karmada instances and member clusters (one function per operation)."""

from .instances import (
    check_instance_health,
    delete_instance,
    refresh_sandbox_instance,
    register_instance,
    resync_instance,
    run_instance_verification,
)
from .members import (
    add_taint,
    apply_demo_fault,
    cordon_cluster,
    drain_cluster,
    remove_taint,
    run_cluster_change,
    set_cluster_labels,
    set_cluster_location,
    uncordon_cluster,
)

__all__ = [
    "add_taint",
    "apply_demo_fault",
    "check_instance_health",
    "cordon_cluster",
    "delete_instance",
    "drain_cluster",
    "refresh_sandbox_instance",
    "register_instance",
    "remove_taint",
    "resync_instance",
    "run_cluster_change",
    "run_instance_verification",
    "set_cluster_labels",
    "set_cluster_location",
    "uncordon_cluster",
]
