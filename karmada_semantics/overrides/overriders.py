"""Command, args, labels and annotations overriders, as JSON patches built like Karmada's.

Each overrider becomes a list of patch operations computed from the object's current state;
the caller applies them through the same JSON patch path as Karmada (`applyJSONPatch`).
"""

from __future__ import annotations

from typing import Any

from .gojson import go_type_name, go_value_text
from .jsonpatch import GoPanic

# Kinds whose containers command/args overriders know, and where the container list lives.
CONTAINER_PATHS = {
    "Pod": ("spec", "containers"),
    "ReplicaSet": ("spec", "template", "spec", "containers"),
    "Deployment": ("spec", "template", "spec", "containers"),
    "DaemonSet": ("spec", "template", "spec", "containers"),
    "Job": ("spec", "template", "spec", "containers"),
    "StatefulSet": ("spec", "template", "spec", "containers"),
}


class OverriderError(Exception):
    """An overrider cannot be built; the message is Karmada's error text."""


def _type_text(value: Any) -> str:
    return "<nil>" if value is None else go_type_name(value)


def nested_field(obj: dict[str, Any], fields: tuple[str, ...]) -> tuple[Any, bool]:
    """`unstructured.NestedFieldNoCopy`: (value, found). Raises OverriderError on a non-map."""
    value: Any = obj
    for index, field in enumerate(fields):
        if value is None:
            return None, False
        if not isinstance(value, dict):
            path = "." + ".".join(fields[: index + 1])
            raise OverriderError(
                f"{path} accessor error: {go_value_text(value)} is of the type "
                f"{_type_text(value)}, expected map[string]interface{{}}"
            )
        if field not in value:
            return None, False
        value = value[field]
    return value, True


def _go_sprint_s(value: Any) -> str:
    """`fmt.Sprintf("%s", value)` for an unstructured list item."""
    if isinstance(value, str):
        return value
    if value is None:
        return "%!s(<nil>)"
    return f"%!s({go_type_name(value)}={go_value_text(value)})"


def _new_values(current: list[str], overrider: dict[str, Any]) -> list[str]:
    values = [str(v) for v in overrider.get("value") or []]
    operator = overrider.get("operator")
    if operator == "add":
        return current + values
    if operator == "remove":
        return [item for item in current if item not in values]
    return current


def _conversion_panic(value: Any, wanted: str) -> GoPanic:
    return GoPanic(f"interface conversion: interface {{}} is {go_type_name(value)}, not {wanted}")


def _containers(obj: dict[str, Any], fields: tuple[str, ...]) -> list[Any]:
    """`unstructured.NestedSlice` of the container list. Raises OverriderError like Karmada."""
    where = "/".join(fields)
    try:
        containers, found = nested_field(obj, fields)
    except OverriderError as exc:
        raise OverriderError(
            f"failed to retrieves path({where}) from rawObj, error: {exc}"
        ) from None
    if found and not isinstance(containers, list):
        raise OverriderError(
            f"failed to retrieves path({where}) from rawObj, error: .{'.'.join(fields)} accessor "
            f"error: {go_value_text(containers)} is of the type {_type_text(containers)}, "
            "expected []interface{}"
        )
    return containers or []


def _container_patch(
    container: dict[str, Any], path: str, target: str, overrider: dict[str, Any]
) -> dict[str, Any]:
    current = container.get(target)
    if current is None:
        return {"op": "add", "path": path, "value": _new_values([], overrider)}
    if not isinstance(current, list):
        raise _conversion_panic(current, "[]interface {}")
    values = _new_values([_go_sprint_s(v) for v in current], overrider)
    return {"op": "replace", "path": path, "value": values}


def command_args_patches(
    obj: dict[str, Any], target: str, overrider: dict[str, Any]
) -> list[dict[str, Any]] | None:
    """`buildCommandArgsPatches` for target "command" or "args"; None for other kinds.

    Raises OverriderError, or GoPanic where Karmada's type assertions would panic.
    """
    fields = CONTAINER_PATHS.get(obj.get("kind"))  # type: ignore[arg-type]
    if fields is None:
        return None
    patches: list[dict[str, Any]] = []
    for index, container in enumerate(_containers(obj, fields)):
        if not isinstance(container, dict):
            raise _conversion_panic(container, "map[string]interface {}")
        if container.get("name") == overrider.get("containerName", ""):
            path = f"/{'/'.join(fields)}/{index}/{target}"
            patches.append(_container_patch(container, path, target, overrider))
    return patches


def _string_map(obj: dict[str, Any], field: str) -> tuple[dict[str, str] | None, bool]:
    """`unstructured.NestedStringMap(obj, "metadata", field)` as (map, found)."""
    try:
        value, found = nested_field(obj, ("metadata", field))
    except OverriderError:
        return None, False
    if not found:
        return None, False
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        return None, False
    return value, True


def _ensure_string_map(obj: dict[str, Any], field: str) -> bool:
    """`SetNestedStringMap(obj, {}, "metadata", field)`; False where Go returns an error."""
    metadata = obj.get("metadata")
    if metadata is None:
        obj["metadata"] = metadata = {}
    if not isinstance(metadata, dict):
        return False
    metadata[field] = {}
    return True


def label_annotation_patches(
    obj: dict[str, Any], field: str, overrider: dict[str, Any]
) -> list[dict[str, Any]]:
    """`buildLabelAnnotationOverriderPatches` for field "labels" or "annotations".

    May create an empty map on `obj` for `add`, as Karmada does before patching.
    """
    operator = overrider.get("operator", "")
    patches: list[dict[str, Any]] = []
    for key, value in sorted((overrider.get("value") or {}).items()):
        if operator in ("remove", "replace"):
            current, _ = _string_map(obj, field)
            if current is None or key not in current:
                continue
        elif operator == "add":
            _, exists = _string_map(obj, field)
            if not exists and not _ensure_string_map(obj, field):
                continue
        escaped = key.replace("/", "~1")
        patches.append({"op": operator, "path": f"/metadata/{field}/{escaped}", "value": value})
    return patches
