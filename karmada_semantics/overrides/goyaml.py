"""sigs.k8s.io/yaml's YAMLToJSON and JSONToYAML (go-yaml v2 underneath), in Python.

A YAML fieldOverrider converts the embedded document to JSON, patches it, and converts it back,
so the result is what go-yaml v2 writes: keys sorted by its natural order, strings quoted only
when they would read back as another type, literal blocks for multi-line text.
"""

from __future__ import annotations

import base64
import datetime
import functools
import math
import re
from typing import Any

import yaml

from .gojson import go_float_g

STR_TAG = "tag:yaml.org,2002:str"
PLAIN_TAG = "tag:kairship.local,2026:plain"
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUES = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"}
_FALSES = {"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"}
_SPECIAL_FLOATS = {
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "+.inf": math.inf,
    "+.Inf": math.inf,
    "+.INF": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
}
_YAML_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_BASE60_FLOAT = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_DATE = r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
_CLOCK = r"([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.[0-9]+)?"
_TIMESTAMPS = (
    re.compile(f"^{_DATE}$"),
    re.compile(f"^{_DATE}[Tt]{_CLOCK}(?:Z|[-+][0-9]{{2}}:[0-9]{{2}})$"),
    re.compile(f"^{_DATE} {_CLOCK}$"),
)
_GO_INT = re.compile(r"^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$")


class YAMLConversionError(Exception):
    """The embedded YAML cannot be converted; message as sigs.k8s.io/yaml's."""


class _NoImplicitResolver(yaml.resolver.BaseResolver):
    """Every untagged scalar resolves to str: the dumper never needs a tag written."""


class _PlainMarkingResolver(yaml.resolver.BaseResolver):
    """Marks untagged plain scalars, so go-yaml's own resolution can be applied to them."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return PLAIN_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _PlainMarkingResolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _PlainMarkingResolver.__init__(self)


class _Dumper(yaml.emitter.Emitter, yaml.serializer.Serializer, _NoImplicitResolver):
    def __init__(self, stream: Any, **kwargs: Any) -> None:
        yaml.emitter.Emitter.__init__(self, stream, allow_unicode=True, width=80, indent=2)
        yaml.serializer.Serializer.__init__(self)
        _NoImplicitResolver.__init__(self)


def _go_int(text: str) -> int | None:
    """`strconv.ParseInt(text, 0, 64)` falling back to ParseUint, as go-yaml tries them."""
    if not _GO_INT.match(text):
        return None
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    lowered = body.lower()
    if lowered.startswith("0x"):
        value = int(body[2:], 16)
    elif lowered.startswith("0b"):
        value = int(body[2:], 2)
    elif lowered.startswith("0o"):
        value = int(body[2:], 8)
    elif len(body) > 1 and body.startswith("0"):
        value = int(body[1:], 8)
    else:
        value = int(body)
    value *= sign
    return value if -(2**63) <= value < 2**64 else None


def _is_timestamp(text: str) -> bool:
    """go-yaml v2's `parseTimestamp`: one of its four layouts, with valid field ranges."""
    for layout in _TIMESTAMPS:
        match = layout.match(text)
        if match is None:
            continue
        year, month, day, *clock = (int(part) for part in match.groups())
        try:
            datetime.date(year, month, day)
        except ValueError:
            return False
        return not clock or (clock[0] < 24 and clock[1] < 60 and clock[2] < 60)
    return False


def resolve_plain(text: str) -> Any:
    """go-yaml v2's `resolve` for an untagged plain scalar; returns the Python value.

    Timestamps stay strings (go-yaml does that when decoding into interface{}).
    """
    first = text[:1]
    if text in _NULLS:
        return None
    if first in "yYnNtTfFoO~":
        if text in _TRUES:
            return True
        if text in _FALSES:
            return False
        return text
    if first == ".":
        if text in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[text]
        return float(text) if re.fullmatch(r"\.[0-9]+(?:[eE][-+]?[0-9]+)?", text) else text
    if first in "+-" or first.isdigit():
        return _resolve_number(text)
    return text


def _resolve_number(text: str) -> Any:
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]
    if _is_timestamp(text):
        return text
    plain = text.replace("_", "")
    number = _go_int(plain)
    if number is not None:
        return number
    if _YAML_FLOAT.match(plain):
        return float(plain)
    return text


def _is_plain_string(text: str) -> bool:
    """go-yaml v2 writes a string plain only when it reads back as the same string."""
    if _BASE60_FLOAT.match(text):
        return False
    if _is_timestamp(text):
        return False
    return resolve_plain(text) == text and isinstance(resolve_plain(text), str)


def _scalar_value(node: yaml.ScalarNode) -> Any:
    """The value go-yaml v2 decodes into interface{} for one scalar."""
    tag = node.tag
    if tag == PLAIN_TAG:
        return resolve_plain(node.value)
    if tag == STR_TAG:
        return node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:binary":
        return base64.b64decode(node.value).decode("utf-8", "replace")
    if tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        resolved = resolve_plain(node.value)
        if tag.endswith("bool") and not isinstance(resolved, bool):
            short = tag.rsplit(":", 1)[-1]
            raise YAMLConversionError(
                f"error converting YAML to JSON: yaml: cannot decode !!str `{node.value}` "
                f"as a !!{short}"
            )
        return float(resolved) if tag.endswith("float") and type(resolved) is int else resolved
    return node.value


def _json_key(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, str):
        return key
    if isinstance(key, int):
        return str(key)
    if isinstance(key, float):
        text = go_float_g(key)
        return {"+Inf": ".inf", "-Inf": "-.inf", "NaN": ".nan"}.get(text, text)
    raise YAMLConversionError(f"unsupported map key of type: {type(key).__name__}")


def _to_json_value(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _scalar_value(node)
    if isinstance(node, yaml.SequenceNode):
        return [_to_json_value(child) for child in node.value]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if (
            isinstance(key_node, yaml.ScalarNode)
            and key_node.value == "<<"
            and key_node.tag == PLAIN_TAG
        ):
            _merge(result, value_node)
            continue
        result[_json_key(_to_json_value(key_node))] = _to_json_value(value_node)
    return result


def _merge(target: dict[str, Any], node: yaml.Node) -> None:
    sources = reversed(node.value) if isinstance(node, yaml.SequenceNode) else [node]
    for source in sources:
        value = _to_json_value(source)
        if not isinstance(value, dict):
            raise YAMLConversionError(
                "error converting YAML to JSON: yaml: map merge requires map or sequence of maps "
                "as the value"
            )
        target.update(value)


def _sorted_json(value: Any) -> Any:
    """Go's json.Marshal sorts map keys; reproduce that order in the Python structure."""
    if isinstance(value, dict):
        return {key: _sorted_json(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_json(item) for item in value]
    if isinstance(value, float) and value == int(value) and abs(value) < 1e21:
        return int(value)  # Go writes an integral float64 without a fraction
    return value


def _libyaml_message(exc: yaml.YAMLError) -> str:
    """go-yaml's wording of a syntax error (best effort: PyYAML and libyaml word them apart)."""
    problem = str(getattr(exc, "problem", None) or exc)
    if problem.startswith("expected ") and ", but " in problem:
        problem = "did not find " + problem.split(", but ")[0]
    elif problem == "mapping values are not allowed here":
        problem = "mapping values are not allowed in this context"
    elif problem.startswith("found character") and "cannot start any token" in problem:
        problem = "found character that cannot start any token"
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    # go-yaml prints the 0-based problem line (+1 for scanner errors) unless it is 0, then
    # the 0-based context line unless that is 0 too.
    line = problem_mark.line if problem_mark else 0
    if line:
        line += 1 if isinstance(exc, yaml.scanner.ScannerError) else 0
    elif context_mark:
        line = context_mark.line
    return f"line {line}: {problem}" if line else problem


def yaml_to_json(text: str) -> Any:
    """sigs.k8s.io/yaml `YAMLToJSON`, returned as the decoded JSON value (keys sorted).

    Raises YAMLConversionError.
    """
    try:
        loader = _Loader(text)
        try:  # go-yaml's Unmarshal reads only the first document of a stream
            node = loader.get_node() if loader.check_node() else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise YAMLConversionError(
            f"error converting YAML to JSON: yaml: {_libyaml_message(exc)}"
        ) from None
    if node is None:
        return None
    value = _to_json_value(node)
    _reject_non_finite(value)
    return _sorted_json(value)


def _reject_non_finite(value: Any) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise YAMLConversionError(f"json: unsupported value: {go_float_g(value)}")
    if isinstance(value, dict):
        for item in value.values():
            _reject_non_finite(item)
    elif isinstance(value, list):
        for item in value:
            _reject_non_finite(item)


def _digit_run(text: str, start: int, number: int) -> tuple[int, int]:
    index = start
    while index < len(text) and text[index].isdecimal():
        number = number * 10 + ord(text[index]) - ord("0")
        index += 1
    return number, index


def _natural_less(left: str, right: str) -> bool:
    """go-yaml v2's `keyList.Less` for two string keys: letters by code point, digit runs by
    value, and non-letters before letters."""
    for i in range(min(len(left), len(right))):
        a, b = left[i], right[i]
        if a == b:
            continue
        a_letter, b_letter = a.isalpha(), b.isalpha()
        if a_letter and b_letter:
            return a < b
        if a_letter or b_letter:
            return b_letter
        seed = 0
        if a == "0" or b == "0":
            j = i - 1
            while j >= 0 and left[j].isdecimal():
                if left[j] != "0":
                    seed = 1
                    break
                j -= 1
        a_number, a_end = _digit_run(left, i, seed)
        b_number, b_end = _digit_run(right, i, seed)
        if a_number != b_number:
            return a_number < b_number
        if a_end != b_end:
            return a_end < b_end
        return a < b
    return len(left) < len(right)


def _compare_keys(left: str, right: str) -> int:
    if _natural_less(left, right):
        return -1
    return 1 if _natural_less(right, left) else 0


def _scalar_node(value: Any) -> yaml.ScalarNode:
    style: str | None = None
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int) and -(2**63) <= value < 2**64:
        text = str(value)
    elif isinstance(value, int | float):  # go-yaml reads integers beyond 64 bits as floats
        text = go_float_g(float(value))
        text = {"+Inf": ".inf", "-Inf": "-.inf", "NaN": ".nan"}.get(text, text)
    else:
        text = str(value)
        if "\n" in text:
            style = "|"
        elif not _is_plain_string(text):
            style = '"'
    return yaml.ScalarNode(STR_TAG, text, style=style)


def _to_node(value: Any) -> yaml.Node:
    if isinstance(value, dict):
        keys = sorted(value, key=functools.cmp_to_key(_compare_keys))
        pairs = [(_scalar_node(key), _to_node(value[key])) for key in keys]
        return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=False)
    if isinstance(value, list):
        items = [_to_node(item) for item in value]
        return yaml.SequenceNode("tag:yaml.org,2002:seq", items, flow_style=False)
    return _scalar_node(value)


def json_to_yaml(value: Any) -> str:
    """sigs.k8s.io/yaml `JSONToYAML` of an already decoded JSON value."""
    text: str = yaml.serialize(_to_node(value), Dumper=_Dumper)
    return text.removesuffix("...\n") if not isinstance(value, dict | list) else text
