"""The Karmada gateway: the only code in Kairship UI that talks to Kubernetes/Karmada.

Connecting
    client = KarmadaClient.from_kubeconfig(kubeconfig, context=None, timeout=10.0)
        `kubeconfig` is a dict, YAML text or a file path. Never touches process-wide state.
    kubeconfig_contexts(text) -> list[str]       context names, current first (for a picker)
    client.verify() -> Verification(git_version, platform, latency_ms, groups)
        raises KarmadaUnavailable / KarmadaTLSError / KarmadaUnauthorized / KarmadaNotKarmada.

Typed helpers, `<verb>_<kind>`, for Cluster, PropagationPolicy, ClusterPropagationPolicy,
OverridePolicy, ClusterOverridePolicy, ResourceBinding, ClusterResourceBinding (v1alpha2), Work,
FederatedResourceQuota and the operator's Karmada (`karmada`):
    get_<kind>([namespace,] name) -> model
    list_<kinds>([namespace,] label_selector=, field_selector=, limit=, continue_token=)
        -> Page(items, continue_token, resource_version, remaining_item_count)
    iter_<kinds>(...) -> every item, page after page
    create_<kind>(manifest, dry_run=False), update_<kind>(manifest, dry_run=False)
    update_<kind>_status(manifest), apply_<kind>(manifest)  (create or replace)
    patch_<kind>([namespace,] name, patch, patch_type="merge" | "json")
    delete_<kind>([namespace,] name)
Models are frozen dataclasses with `.raw` (the whole object) plus name, namespace, uid,
resource_version, generation, labels, annotations and per-kind fields (Cluster.ready/provider/
region/zones/taints, ResourceBinding.clusters/scheduled/fully_applied, ...). Manifests may be
dicts or models. The same verbs exist as accessors: `client.clusters.get(None, "m1")`.

Resource templates of any kind (resolved through discovery, cached):
    get_resource(api_version, kind, namespace, name), list_resources / iter_resources(...),
    create_resource / update_resource / update_resource_status / apply_resource(manifest),
    patch_resource(..., patch_type="strategic"), delete_resource(...),
    resolve_kind(api_version, kind) -> Kind (use it with watch / Reflector)

Watching
    client.watch(kind, namespace=None, since=rv, timeout_seconds=60, max_events=None)
        yields WatchEvent(type, object, resource_version), BOOKMARKs included; `kind` is a
        Kind or a Karmada kind name ("Cluster"). Raises KarmadaGone when `since` is too old.
    Reflector(client, kind, resource_version=stored).run(timeout_seconds, max_events)
        yields Snapshot(items, resource_version, listed_at) on every (re)list, then
        WatchEvents; relists on 410 Gone; persist `reflector.resource_version` to resume.
    client.list_objects(kind, namespace=None, **list options) -> Page of typed models

Member clusters (through Karmada's cluster proxy)
    member_get(cluster, api_version, kind, namespace, name), member_list(cluster, ...)

Sandbox demo controls (only the built-in sandbox serves them)
    sandbox_clusters() -> list[SandboxMember(name, reachable, healthy, raw)]
    sandbox_fault(cluster, fault) -> SandboxMember   (fault body: karmada_sandbox/faults.py)

Errors (messages are safe to show; the original exception is chained)
    KarmadaError (.transient)
      KarmadaUnavailable (transient: unreachable, timeout, 429, 5xx)
        KarmadaTLSError (not transient: fix the CA)
      KarmadaNotFound, KarmadaConflict (409), KarmadaGone (410)
      KarmadaRejected (400/403/422...)
        KarmadaUnauthorized (401), KarmadaForbidden (403), KarmadaNotKarmada, KarmadaBadKubeconfig
"""

from karmada_gateway.client import KarmadaClient
from karmada_gateway.errors import (
    KarmadaBadKubeconfig,
    KarmadaConflict,
    KarmadaError,
    KarmadaForbidden,
    KarmadaGone,
    KarmadaNotFound,
    KarmadaNotKarmada,
    KarmadaRejected,
    KarmadaTLSError,
    KarmadaUnauthorized,
    KarmadaUnavailable,
)
from karmada_gateway.kinds import KARMADA_KINDS, Kind
from karmada_gateway.kubeconfig import kubeconfig_contexts
from karmada_gateway.models import (
    Cluster,
    ClusterHealth,
    FederatedResourceQuota,
    KarmadaInstance,
    KarmadaObject,
    ObjectReference,
    OverridePolicy,
    Page,
    PropagationPolicy,
    ResourceBinding,
    ResourceObject,
    Taint,
    TargetCluster,
    WatchEvent,
    Work,
)
from karmada_gateway.resources import ListOptions
from karmada_gateway.sandbox import SandboxMember
from karmada_gateway.verify import Verification
from karmada_gateway.watch import Reflector, Snapshot

__all__ = [
    "KARMADA_KINDS",
    "Cluster",
    "ClusterHealth",
    "FederatedResourceQuota",
    "KarmadaBadKubeconfig",
    "KarmadaClient",
    "KarmadaConflict",
    "KarmadaError",
    "KarmadaForbidden",
    "KarmadaGone",
    "KarmadaInstance",
    "KarmadaNotFound",
    "KarmadaNotKarmada",
    "KarmadaObject",
    "KarmadaRejected",
    "KarmadaTLSError",
    "KarmadaUnauthorized",
    "KarmadaUnavailable",
    "Kind",
    "ListOptions",
    "ObjectReference",
    "OverridePolicy",
    "Page",
    "PropagationPolicy",
    "Reflector",
    "ResourceBinding",
    "ResourceObject",
    "SandboxMember",
    "Snapshot",
    "Taint",
    "TargetCluster",
    "Verification",
    "WatchEvent",
    "Work",
    "kubeconfig_contexts",
]
