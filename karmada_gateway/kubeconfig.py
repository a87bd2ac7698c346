"""Reading kubeconfigs (a file path, uploaded text or a dict) and building one ApiClient from them.

Never touches process-wide client state: every client gets its own Configuration.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from kubernetes import config
from kubernetes.client import ApiClient, Configuration

from karmada_gateway.errors import KarmadaBadKubeconfig, translated_errors

KubeconfigSource = Mapping[str, Any] | str


def parse_kubeconfig(source: KubeconfigSource) -> dict[str, Any]:
    """Return the kubeconfig as a dict from a dict, YAML/JSON text or a file path.

    Raises KarmadaBadKubeconfig when it cannot be read or is not a kubeconfig.
    """
    path: Path | None = None
    if isinstance(source, Mapping):
        parsed: Any = copy.deepcopy(dict(source))
    else:
        path = _file_path(source)
        parsed = _parse_text(_read(path) if path else source)
    if not isinstance(parsed, dict) or not isinstance(parsed.get("clusters"), list):
        raise KarmadaBadKubeconfig(
            "This is not a kubeconfig: expected YAML with clusters, users and contexts."
        )
    if path is not None:
        _anchor_file_references(parsed, path.parent)
    return parsed


def _file_path(text: str) -> Path | None:
    """The file `text` names, or None when it is kubeconfig text rather than a path."""
    if "\n" in text or len(text) > 4096:
        return None
    path = Path(text).expanduser()
    try:
        return path if path.is_file() else None
    except OSError:
        return None


def _read(path: Path) -> str:
    """The text of a kubeconfig file. Raises KarmadaBadKubeconfig."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KarmadaBadKubeconfig(f"Cannot read the kubeconfig file {path}.") from exc


def _anchor_file_references(kubeconfig: dict[str, Any], base: Path) -> None:
    """Make relative certificate/key paths relative to the kubeconfig's directory, as kubectl
    does (the client library would resolve them against the process's working directory)."""
    entries = [(e, "cluster") for e in kubeconfig.get("clusters") or []]
    entries += [(e, "user") for e in kubeconfig.get("users") or []]
    for entry, section in entries:
        fields = entry.get(section) if isinstance(entry, dict) else None
        if not isinstance(fields, dict):
            continue
        for key in ("certificate-authority", "client-certificate", "client-key"):
            value = fields.get(key)
            if isinstance(value, str) and value and not Path(value).expanduser().is_absolute():
                fields[key] = str(base / value)


def _parse_text(text: str) -> Any:
    """YAML (JSON is YAML too) to Python; raises KarmadaBadKubeconfig on a syntax error."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" near line {where.line + 1}" if where is not None else ""
        raise KarmadaBadKubeconfig(f"The kubeconfig is not valid YAML{line}.") from exc


def kubeconfig_contexts(source: KubeconfigSource) -> list[str]:
    """Names of the contexts in a kubeconfig, current context first (for a picker).

    Raises KarmadaBadKubeconfig.
    """
    kubeconfig = parse_kubeconfig(source)
    names = [
        str(entry["name"])
        for entry in kubeconfig.get("contexts") or []
        if isinstance(entry, dict) and entry.get("name")
    ]
    current = kubeconfig.get("current-context")
    if current in names:
        names.remove(current)
        names.insert(0, current)
    return names


def new_api_client(kubeconfig: Mapping[str, Any], context: str | None) -> ApiClient:
    """An ApiClient for one context of `kubeconfig`, with urllib3's own retries switched off.

    Raises KarmadaBadKubeconfig when the context or its cluster/user entries are missing.
    """
    if context is not None and context not in kubeconfig_contexts(kubeconfig):
        raise KarmadaBadKubeconfig(f"The kubeconfig has no context named {context!r}.")
    if context is None and not kubeconfig.get("current-context"):
        raise KarmadaBadKubeconfig("The kubeconfig sets no current-context; choose a context.")
    configuration = Configuration()
    # The gateway retries reads itself, with backoff; urllib3 retrying too would multiply waits.
    configuration.retries = False
    try:
        with translated_errors():
            api: ApiClient = config.new_client_from_config_dict(  # type: ignore[no-untyped-call]
                dict(kubeconfig),
                context=context,
                persist_config=False,
                client_configuration=configuration,
            )
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        # The loader assumes a well-formed structure; odd shapes or bad base64 surface like this.
        raise KarmadaBadKubeconfig(
            "The kubeconfig is malformed (unexpected structure or invalid base64 data)."
        ) from exc
    return api
