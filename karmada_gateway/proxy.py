"""Reading member-cluster objects through Karmada's cluster proxy, without member kubeconfigs.

Paths look like `/apis/cluster.karmada.io/v1alpha1/clusters/NAME/proxy/apis/apps/v1/...`;
each member has its own discovery cache because members may serve different APIs.
"""

from __future__ import annotations

from typing import Unpack

from karmada_gateway.core import ClientCore
from karmada_gateway.discovery import Discovery
from karmada_gateway.kinds import CLUSTER
from karmada_gateway.models import Page, ResourceObject
from karmada_gateway.resources import ListOptions, Resources, TypedKind


def proxy_prefix(cluster: str) -> str:
    """The path prefix that forwards to member cluster `cluster`."""
    return CLUSTER.object_path(None, cluster, "proxy")


class ProxyMethods(ClientCore):
    """`member_get` / `member_list`: member-cluster reads through the Cluster proxy."""

    def _member(self, cluster: str, api_version: str, kind: str) -> TypedKind[ResourceObject]:
        """Typed access to one kind in one member. Raises KarmadaNotFound, KarmadaUnavailable."""
        with self._member_lock:
            discovery = self._member_discovery.setdefault(
                cluster, Discovery(self._transport, proxy_prefix(cluster))
            )
        resolved = discovery.resolve(api_version, kind)
        resources = Resources(self._transport, proxy_prefix(cluster))
        return TypedKind(resources, resolved, ResourceObject.from_raw)

    def member_get(
        self, cluster: str, api_version: str, kind: str, namespace: str | None, name: str
    ) -> ResourceObject:
        """One object from member `cluster`.

        Raises KarmadaNotFound (no such cluster, kind or object), KarmadaUnavailable (unreachable).
        """
        return self._member(cluster, api_version, kind).get(namespace, name)

    def member_list(
        self,
        cluster: str,
        api_version: str,
        kind: str,
        namespace: str | None = None,
        **options: Unpack[ListOptions],
    ) -> Page[ResourceObject]:
        """One page of objects from member `cluster` (selectors and paging as for lists).

        Raises KarmadaNotFound, KarmadaUnavailable (member unreachable).
        """
        return self._member(cluster, api_version, kind).list(namespace, **options)

    def forget_member_discovery(self, cluster: str | None = None) -> None:
        """Drop cached member API discovery (one cluster, or all), e.g. after a fault changed it."""
        with self._member_lock:
            for name in [cluster] if cluster else list(self._member_discovery):
                self._member_discovery.pop(name, None)
