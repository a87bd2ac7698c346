"""Who may write which workload or policy: the tenant owning the namespace decides."""

from __future__ import annotations

from django.http import Http404

from clusters.models import KarmadaInstance
from kairship_ui.errors import NotAllowed
from tenants.models import Tenant, TenantNamespace
from tenants.querysets import tenant_ids_for
from tenants.roles import is_platform_operator

from .manifests import Identity


def require_visible(actor, instance: KarmadaInstance) -> None:
    """Raises Http404 unless `actor` may see `instance`."""
    if not KarmadaInstance.objects.for_user(actor, "view").filter(pk=instance.pk).exists():
        raise Http404("No such Karmada instance.")


def require_writer(actor, instance: KarmadaInstance, target: Identity) -> Tenant | None:
    """The tenant owning the target's namespace, once `actor` may write there.

    Tenant editors and admins write in their tenants' namespaces; platform operators write
    anywhere, and alone write cluster-scoped kinds and in namespaces no tenant owns.
    Raises Http404 (instance not visible) or NotAllowed.
    """
    require_visible(actor, instance)
    operator = is_platform_operator(actor)
    if target.cluster_scoped:
        if not operator:
            raise NotAllowed(f"Only platform operators write {target.kind} objects.")
        return None
    owner = (
        TenantNamespace.objects.filter(instance=instance, namespace=target.namespace)
        .select_related("tenant")
        .first()
    )
    tenant = owner.tenant if owner else None
    if operator or (tenant and tenant.pk in tenant_ids_for(actor, "change")):
        return tenant
    if tenant and tenant.pk in tenant_ids_for(actor, "view"):
        raise NotAllowed(
            f"Your role in {tenant} lets you view namespace {target.namespace} but not change it."
        )
    # The same answer for a namespace nobody owns and another tenant's: nothing leaks.
    raise NotAllowed(
        f"You cannot write in namespace {target.namespace} on {instance}: "
        "it is not a namespace of your tenants."
    )
