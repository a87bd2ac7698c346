"""The fieldOverrider: patch a JSON or YAML document held in one string field.

The field is found with go-openapi/jsonpointer (its error texts), the document is patched with
the JSON patch engine and written back: JSON compactly with its original key order and number
text, YAML through go-yaml v2 (sorted keys). A rule with neither `json` nor `yaml` entries
empties the field, as Karmada does.
"""

from __future__ import annotations

from typing import Any

from .gojson import encode, loads_raw
from .goyaml import YAMLConversionError, json_to_yaml, yaml_to_json
from .jsonpatch import NULL_DOCUMENT, GoPanic, PatchError, apply_patch, go_atoi, validate_patch

POINTER_ERROR = "JSON pointer error"
INVALID_START = 'JSON pointer must be empty or start with a "/"'


class FieldError(Exception):
    """A fieldOverrider failed; the message is the error Karmada returns."""


def pointer_tokens(path: str) -> list[str]:
    """`jsonpointer.New`: the decoded reference tokens. Raises FieldError for a bad start."""
    if path == "":
        return []
    if not path.startswith("/"):
        raise FieldError(f"{INVALID_START}\n{POINTER_ERROR}")
    return [t.replace("~1", "/").replace("~0", "~") for t in path.split("/")[1:]]


def _step(node: Any, token: str) -> Any:
    """go-openapi's `getSingleImpl` on unstructured data."""
    if node is None:
        raise FieldError(f'nil value has no field "{token}": {POINTER_ERROR}')
    if isinstance(node, dict):
        if token not in node:
            raise FieldError(f'object has no key "{token}": {POINTER_ERROR}')
        return node[token]
    if isinstance(node, list):
        try:
            index = go_atoi(token)
        except PatchError as exc:
            raise FieldError(str(exc)) from None
        if not 0 <= index < len(node):
            raise FieldError(
                f"index out of bounds array[0,{len(node) - 1}] index '{index}': {POINTER_ERROR}"
            )
        return node[index]
    raise FieldError(f'invalid token reference "{token}": {POINTER_ERROR}')


def _field_text(obj: dict[str, Any], path: str, tokens: list[str]) -> str:
    node: Any = obj
    for token in tokens:
        node = _step(node, token)
    if not tokens or not isinstance(node, str):
        raise FieldError(f"Get object's value by overrider's path({path}) is not string")
    return node


def _set_field(obj: dict[str, Any], tokens: list[str], text: str) -> None:
    node: Any = obj
    for token in tokens[:-1]:
        node = _step(node, token)
    if isinstance(node, dict):
        node[tokens[-1]] = text
    else:
        node[go_atoi(tokens[-1])] = text


def _operations(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"op": e.get("operator", ""), "path": e.get("subPath", ""), "value": e.get("value")}
        for e in entries
    ]


def _root_from_text(text: str) -> Any:
    """What `Patch.Apply` makes of the raw document before the first operation."""
    try:
        value = loads_raw(text)
    except ValueError:
        raise PatchError("invalid state detected") from None
    if text[0] == "[":
        return value
    if value is None:
        return NULL_DOCUMENT
    if isinstance(value, dict):
        return value
    kind = "array" if isinstance(value, list) else "string" if isinstance(value, str) else "number"
    kind = "bool" if isinstance(value, bool) else kind
    raise PatchError(
        f"json: cannot unmarshal {kind} into Go value of type map[string]*jsonpatch.lazyNode"
    )


def _serialize_patched(document: Any) -> str:
    if document is NULL_DOCUMENT:
        raise PatchError(
            "json: error calling MarshalJSON for type *jsonpatch.partialDoc: "
            "invalid value, expected object"
        )
    return encode(document, raw_floats=True)


def patch_json_text(text: str, entries: list[dict[str, Any]]) -> str:
    """`applyRawJSONPatch`: an empty document is returned untouched. Raises PatchError."""
    operations = _operations(entries)
    validate_patch(operations)
    if text == "":
        return text
    return _serialize_patched(apply_patch(_root_from_text(text), operations))


def patch_yaml_text(text: str, entries: list[dict[str, Any]]) -> str:
    """`applyRawYAMLPatch`: YAML -> JSON -> patch -> YAML. Raises PatchError or
    YAMLConversionError."""
    document = yaml_to_json(text)
    operations = _operations(entries)
    validate_patch(operations)
    if document is not None and not isinstance(document, dict | list):
        _root_from_text(encode(document))
    root = NULL_DOCUMENT if document is None else document
    patched = apply_patch(root, operations)
    if patched is NULL_DOCUMENT:
        _serialize_patched(patched)
    return json_to_yaml(None if patched is NULL_DOCUMENT else patched)


def apply_field_overriders(obj: dict[str, Any], overriders: list[dict[str, Any]]) -> None:
    """Apply every fieldOverrider in order to `obj` (modified in place).

    Raises FieldError, PatchError, YAMLConversionError or GoPanic with Karmada's message.
    """
    for overrider in overriders:
        path = overrider.get("fieldPath") or ""
        tokens = pointer_tokens(path)
        text = _field_text(obj, path, tokens)
        if overrider.get("yaml"):
            new_text = patch_yaml_text(text, overrider["yaml"])
        elif overrider.get("json"):
            new_text = patch_json_text(text, overrider["json"])
        else:
            new_text = ""
        _set_field(obj, tokens, new_text)


__all__ = [
    "FieldError",
    "GoPanic",
    "YAMLConversionError",
    "apply_field_overriders",
    "patch_json_text",
    "patch_yaml_text",
    "pointer_tokens",
]
