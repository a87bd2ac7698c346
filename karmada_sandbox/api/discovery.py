"""Discovery documents: /version, /api, /apis and the per-group-version resource lists."""

from __future__ import annotations

from typing import Any

from karmada_sandbox.registry import Registry, ResourceType

KUBERNETES_VERSION = {
    "major": "1",
    "minor": "32",
    "gitVersion": "v1.32.4",
    "gitCommit": "0000000000000000000000000000000000000000",
    "gitTreeState": "clean",
    "buildDate": "2026-08-21T00:00:00Z",
    "goVersion": "go1.23.8",
    "compiler": "gc",
    "platform": "linux/amd64",
}
_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]


def version_info(git_version: str | None = None) -> dict[str, Any]:
    """The /version answer (optionally for another Kubernetes version, e.g. a member's)."""
    info = dict(KUBERNETES_VERSION)
    if git_version:
        info["gitVersion"] = git_version
        parts = git_version.lstrip("v").split(".")
        if len(parts) >= 2:
            info["major"], info["minor"] = parts[0], parts[1]
    return info


def core_versions() -> dict[str, Any]:
    """The /api answer."""
    return {
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}],
    }


def group_list(registry: Registry) -> dict[str, Any]:
    """The /apis answer: every named group and its versions."""
    groups = []
    for group, versions in registry.group_versions().items():
        if not group:
            continue
        entries = [{"groupVersion": f"{group}/{v}", "version": v} for v in versions]
        groups.append({"name": group, "versions": entries, "preferredVersion": entries[0]})
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


def group_info(registry: Registry, group: str) -> dict[str, Any] | None:
    """The /apis/<group> answer, or None when the group is not served."""
    versions = registry.group_versions().get(group)
    if not group or not versions:
        return None
    entries = [{"groupVersion": f"{group}/{v}", "version": v} for v in versions]
    return {
        "kind": "APIGroup",
        "apiVersion": "v1",
        "name": group,
        "versions": entries,
        "preferredVersion": entries[0],
    }


def _resource_entries(rtype: ResourceType) -> list[dict[str, Any]]:
    main: dict[str, Any] = {
        "name": rtype.plural,
        "singularName": rtype.singular,
        "namespaced": rtype.namespaced,
        "kind": rtype.kind,
        "verbs": _VERBS,
    }
    if rtype.short_names:
        main["shortNames"] = list(rtype.short_names)
    if rtype.categories:
        main["categories"] = list(rtype.categories)
    entries = [main]
    for sub in rtype.subresources:
        entry = {
            "name": f"{rtype.plural}/{sub}",
            "singularName": "",
            "namespaced": rtype.namespaced,
        }
        if sub == "scale":
            entry.update(
                kind="Scale", group="autoscaling", version="v1", verbs=["get", "patch", "update"]
            )
        elif sub == "status":
            entry.update(kind=rtype.kind, verbs=["get", "patch", "update"])
        elif sub == "proxy":
            entry.update(
                kind="ClusterProxyOptions", verbs=["create", "delete", "get", "patch", "update"]
            )
        elif sub == "finalize":
            entry.update(kind=rtype.kind, verbs=["update"])
        else:
            entry.update(kind=rtype.kind, verbs=["get"])
        entries.append(entry)
    return entries


def resource_list(registry: Registry, group: str, version: str) -> dict[str, Any] | None:
    """The APIResourceList for one group/version, or None when it is not served."""
    types = [t for t in registry.all() if t.group == group and t.version == version]
    if not types:
        return None
    return {
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": types[0].api_version,
        "resources": [entry for t in types for entry in _resource_entries(t)],
    }
