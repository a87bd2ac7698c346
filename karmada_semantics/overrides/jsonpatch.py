"""RFC 6902 JSON patch with the exact behaviour and error texts of evanphx/json-patch v5.

Karmada applies every overrider through `jsonpatch.DecodePatch(...).Apply(doc)` with default
options (negative indices allowed, no missing-path tolerance). This module reproduces that on
Python values, including its quirks: a `replace` of the whole document with a scalar is a silent
no-op, a path walking through `null` is "missing", and an empty segment at the root walks into
a detached copy of the original document.
"""

from __future__ import annotations

from typing import Any

from .gojson import deep_copy, encode

ERR_MISSING = "missing value"
ERR_EXPECTED_OBJECT = "invalid value, expected object"
ERR_INVALID_INDEX = "invalid index referenced"
NIL_DEREFERENCE = "runtime error: invalid memory address or nil pointer dereference"


class PatchError(Exception):
    """A JSON patch failed; the message is evanphx/json-patch's error text."""


class GoPanic(Exception):
    """Karmada's code would panic here; the message is Go's runtime panic value."""


class NullDocument:
    """A document whose JSON text was `null`: a partialDoc without an object."""


NULL_DOCUMENT = NullDocument()
_ABSENT = object()


def go_quote(text: str) -> str:
    """`strconv.Quote` for the texts that appear in error messages."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def go_atoi(text: str) -> int:
    """`strconv.Atoi`: optional sign and ASCII digits only. Raises PatchError like Go."""
    body = text[1:] if text[:1] in "+-" else text
    if not body or not body.isascii() or not body.isdigit():
        raise PatchError(f"strconv.Atoi: parsing {go_quote(text)}: invalid syntax")
    value = int(text)
    if not -(2**63) <= value < 2**63:
        raise PatchError(f"strconv.Atoi: parsing {go_quote(text)}: value out of range")
    return value


def _decode_key(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def _kind_of(op: dict[str, Any]) -> str:
    kind = op.get("op")
    return kind if isinstance(kind, str) else "unknown"


def validate_patch(ops: list[dict[str, Any]]) -> None:
    """`DecodePatch`'s validation of every operation before anything is applied."""
    for op in ops:
        kind = _kind_of(op)
        problem = ""
        if kind in ("move", "copy") and "from" not in op:
            problem = "failed to decode 'from': operation, missing from field: missing value"
        elif kind in ("add", "replace") and "value" not in op:
            problem = "failed to decode 'value': operation, missing value field: missing value"
        elif kind not in ("add", "replace", "move", "copy", "remove", "test"):
            problem = "unsupported operation"
        elif not isinstance(op.get("path"), str):
            problem = "failed to decode 'path': operation missing path field: missing value"
        if problem:
            data = encode({k: op[k] for k in sorted(op)}, raw_floats=True)
            raise PatchError(f"invalid operation {data}: {problem}")


class _Patcher:
    """One `Patch.Apply` call: the document being patched and the root's detached copy.
    `add`, `remove`, `replace` and `test` mirror the evanphx/json-patch methods of those names."""

    def __init__(self, doc: Any, ops: list[dict[str, Any]]) -> None:
        self.doc = doc
        needs_copy = any(str(op.get("path", "")).startswith("//") for op in ops)
        self.root_self: Any = deep_copy(doc) if needs_copy else None

    def get(self, container: Any, key: str, at_root: bool) -> Any:
        """`container.get(key)`: the child, None for JSON null, or PatchError."""
        if key == "":
            return self.root_self if at_root else None
        if container is NULL_DOCUMENT:
            raise PatchError(ERR_EXPECTED_OBJECT)
        if isinstance(container, dict):
            if key not in container:
                raise PatchError(f"unable to get nonexistent key: {key}: {ERR_MISSING}")
            return container[key]
        index = self._index(container, go_atoi(key))
        return container[index]

    @staticmethod
    def _index(items: list[Any], index: int) -> int:
        if index < 0:
            if index < -len(items):
                raise PatchError(f"Unable to access invalid index: {index}: {ERR_INVALID_INDEX}")
            index += len(items)
        if index >= len(items):
            raise PatchError(f"Unable to access invalid index: {index}: {ERR_INVALID_INDEX}")
        return index

    def find(self, path: str) -> tuple[Any, str]:
        """`findObject`: the container holding the last segment, or (None, "")."""
        split = path.split("/")
        if len(split) < 2:
            return (self.doc, "") if path == "" else (None, "")
        node, at_root = self.doc, True
        for part in split[1:-1]:
            try:
                node = self.get(node, _decode_key(part), at_root)
            except PatchError:
                return None, ""
            if not isinstance(node, dict | list):
                return None, ""
            at_root = False
        return node, _decode_key(split[-1])

    def add(self, op: dict[str, Any]) -> None:
        path, value = op["path"], deep_copy(op["value"])
        if path == "":
            self._replace_root_by_add(value)
            return
        container, key = self.find(path)
        if container is None:
            raise PatchError(
                f'add operation does not apply: doc is missing path: "{path}": {ERR_MISSING}'
            )
        try:
            self._add_into(container, key, value)
        except PatchError as exc:
            raise PatchError(f"error in add for path: '{path}': {exc}") from None

    def _replace_root_by_add(self, value: Any) -> None:
        if value is None:
            self.doc, self.root_self = NULL_DOCUMENT, NULL_DOCUMENT
            return
        if not isinstance(value, dict | list):
            kind = "string" if isinstance(value, str) else "number"
            kind = "bool" if isinstance(value, bool) else kind
            raise PatchError(
                f"json: cannot unmarshal {kind} into Go value of type "
                "map[string]*jsonpatch.lazyNode"
            )
        self.doc, self.root_self = value, deep_copy(value)

    def _add_into(self, container: Any, key: str, value: Any) -> None:
        if container is NULL_DOCUMENT:
            raise PatchError(ERR_EXPECTED_OBJECT)
        if isinstance(container, dict):
            container[key] = value
            return
        if key == "-":
            container.append(value)
            return
        try:
            index = go_atoi(key)
        except PatchError as exc:
            raise PatchError(f"value was not a proper array index: '{key}': {exc}") from None
        size = len(container) + 1
        if index >= size or index < -size:
            raise PatchError(f"Unable to access invalid index: {index}: {ERR_INVALID_INDEX}")
        container.insert(index + size if index < 0 else index, value)

    def remove(self, op: dict[str, Any]) -> None:
        path = op["path"]
        container, key = self.find(path)
        if container is None:
            raise PatchError(
                f'remove operation does not apply: doc is missing path: "{path}": {ERR_MISSING}'
            )
        try:
            self._remove_from(container, key)
        except PatchError as exc:
            raise PatchError(f"error in remove for path: '{path}': {exc}") from None

    def _remove_from(self, container: Any, key: str) -> None:
        if container is NULL_DOCUMENT:
            raise PatchError(ERR_EXPECTED_OBJECT)
        if isinstance(container, dict):
            if key not in container:
                raise PatchError(f"unable to remove nonexistent key: {key}: {ERR_MISSING}")
            del container[key]
            return
        index = go_atoi(key)
        if index >= len(container) or index < -len(container):
            raise PatchError(f"Unable to access invalid index: {index}: {ERR_INVALID_INDEX}")
        del container[index]

    def replace(self, op: dict[str, Any]) -> None:
        path, value = op["path"], deep_copy(op["value"])
        if path == "":
            # Go wraps a nil error here, so a scalar replacement silently changes nothing.
            if isinstance(value, dict | list):
                self.doc, self.root_self = value, None
            elif value is None:
                self.doc = None
            return
        container, key = self.find(path)
        if container is None:
            raise PatchError(
                f"replace operation does not apply: doc is missing path: {path}: {ERR_MISSING}"
            )
        try:
            self.get(container, key, container is self.doc)
        except PatchError:
            raise PatchError(
                f"replace operation does not apply: doc is missing key: {path}: {ERR_MISSING}"
            ) from None
        if container is NULL_DOCUMENT:
            raise PatchError(f"error in remove for path: '{path}': {ERR_EXPECTED_OBJECT}")
        if isinstance(container, dict):
            container[key] = value
        else:
            container[self._index(container, go_atoi(key))] = value

    def test(self, op: dict[str, Any]) -> None:
        path, expected = op["path"], op.get("value")
        failed = PatchError(f"testing value {path} failed: test failed")
        if path == "":
            if not _json_equal(self.doc, expected):
                raise failed
            return
        container, key = self.find(path)
        if container is None:
            raise PatchError(
                f"test operation does not apply: is missing path: {path}: {ERR_MISSING}"
            )
        try:
            actual = self.get(container, key, container is self.doc)
        except PatchError as exc:
            if ERR_MISSING not in str(exc):
                raise PatchError(f"error in test for path: '{path}': {exc}") from None
            actual = None
        if (actual is None) != (expected is None):
            raise failed
        if actual is not None and not _json_equal(actual, expected):
            raise failed


def _json_equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_json_equal(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_json_equal, left, right))
    return bool(type(left) is type(right) and left == right) or (
        isinstance(left, int | float) and isinstance(right, int | float) and left == right
    )


def apply_patch(doc: Any, ops: list[dict[str, Any]]) -> Any:
    """Apply `ops` (each {"op", "path", "value"}) to `doc`, which may be modified in place.

    Returns the patched document (a dict, a list, None or NULL_DOCUMENT). Raises PatchError with
    evanphx/json-patch's message, or GoPanic where its code would dereference nil.
    """
    validate_patch(ops)
    patcher = _Patcher(doc, ops)
    for op in ops:
        if patcher.doc is None:
            raise GoPanic(NIL_DEREFERENCE)
        getattr(patcher, _kind_of(op))(op)
    return patcher.doc
