"""JSON text exactly as Go's `encoding/json` writes it, and raw-number preserving parsing.

Karmada's annotations and the documents rewritten by a JSON fieldOverrider are produced by Go,
so their bytes (key order, HTML escaping, number text) must match Go's encoder.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import math
from collections.abc import Callable
from typing import Any

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


class RawNumber:
    """A JSON number kept as its source text, as Go's `json.RawMessage` keeps it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RawNumber) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"RawNumber({self.text})"


class RawString(str):
    """A JSON string value that remembers its source text (escapes as written), as a raw
    message does; Go's compaction only adds HTML-safe escapes to it."""

    raw: str


_HTML_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def _escape_char(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code < 0x20:
        return f"\\u{code:04x}"
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate is invalid UTF-8: Go writes U+FFFD
        return "\ufffd"
    return char


def encode_string(text: str) -> str:
    """A Go-quoted JSON string (HTML-safe escaping, as `json.Marshal` does)."""
    if text.isascii() and text.isprintable() and not any(c in _ESCAPES for c in text):
        return f'"{text}"'
    return '"' + "".join(_escape_char(c) for c in text) + '"'


def _shortest_digits(value: float) -> tuple[str, int]:
    """Shortest round-trip digits of abs(value) and the point position (0.DIGITS x 10^point)."""
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    point = len(whole) + int(exponent or 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    return stripped.rstrip("0") or "0", point


def _fixed(digits: str, point: int) -> str:
    if point <= 0:
        return "0." + "0" * -point + digits
    if point >= len(digits):
        return digits + "0" * (point - len(digits))
    return digits[:point] + "." + digits[point:]


def _exponent(digits: str, point: int) -> tuple[str, int]:
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return mantissa, point - 1


def go_float(value: float) -> str:
    """`json.Marshal` of a float64: shortest digits, exponent form below 1e-6 or from 1e21."""
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"json: unsupported value: {value}")
    sign = "-" if value < 0 else ""
    if value == 0:
        return sign + "0"
    digits, point = _shortest_digits(value)
    if 1e-6 <= abs(value) < 1e21:
        return sign + _fixed(digits, point)
    mantissa, exp = _exponent(digits, point)
    return f"{sign}{mantissa}e-{-exp}" if exp < 0 else f"{sign}{mantissa}e+{exp:02d}"


def go_float_g(value: float) -> str:
    """`strconv.FormatFloat(value, 'g', -1, 64)`, the form go-yaml writes floats in."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return sign + "0"
    digits, point = _shortest_digits(value)
    exp = point - 1
    if exp < -4 or exp >= 6:
        mantissa, exp = _exponent(digits, point)
        return f"{sign}{mantissa}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    return sign + _fixed(digits, point)


def _number(value: Any, raw_floats: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return repr(value) if raw_floats else go_float(value)


def encode(value: Any, *, sort_keys: bool = False, raw_floats: bool = False) -> str:
    """Compact JSON as Go writes it. `sort_keys` mimics Go maps; `raw_floats` keeps Python's
    shortest float text, standing in for a raw message's own number text."""
    parts: list[str] = []
    _encode_into(value, parts, sort_keys, raw_floats)
    return "".join(parts)


def _encode_into(value: Any, out: list[str], sort_keys: bool, raw_floats: bool) -> None:
    if value is None:
        out.append("null")
    elif isinstance(value, RawString):
        out.append(value.raw.translate(_HTML_SAFE))
    elif isinstance(value, str):
        out.append(encode_string(value))
    elif isinstance(value, RawNumber):
        out.append(value.text)
    elif isinstance(value, dict):
        out.append("{")
        keys = sorted(value) if sort_keys else list(value)
        for index, key in enumerate(keys):
            if index:
                out.append(",")
            out.append(encode_string(key))
            out.append(":")
            _encode_into(value[key], out, sort_keys, raw_floats)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode_into(item, out, sort_keys, raw_floats)
        out.append("]")
    else:
        out.append(_number(value, raw_floats))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"invalid JSON constant {name}")


def _raw_string(text: str, end: int, strict: bool) -> tuple[RawString, int]:
    value, after = json.decoder.scanstring(text, end, strict)  # type: ignore[attr-defined]
    kept = RawString(value)
    kept.raw = text[end - 1 : after]
    return kept, after


_RAW_DECODER = json.JSONDecoder(
    parse_float=RawNumber, parse_int=RawNumber, parse_constant=_reject_constant
)
# The pure-Python scanner consults `parse_string`, so string values keep their source text.
_RAW_DECODER.parse_string = _raw_string  # type: ignore[attr-defined]
_RAW_DECODER.scan_once = json.scanner.py_make_scanner(_RAW_DECODER)  # type: ignore[attr-defined]


def loads_raw(text: str) -> Any:
    """Parse strict JSON keeping the source text of numbers and string values (object keys are
    decoded). Raises ValueError when invalid."""
    return _RAW_DECODER.decode(text)


def deep_copy(value: Any) -> Any:
    """A copy of a JSON-like tree (dicts, lists, scalars); much faster than `copy.deepcopy`."""
    if isinstance(value, dict):
        return {key: deep_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [deep_copy(item) for item in value]
    return value


def go_type_name(value: Any) -> str:
    """The Go dynamic type of an unstructured value, as `%T` and runtime panics print it."""
    names: dict[type, str] = {
        str: "string",
        bool: "bool",
        int: "int64",
        float: "float64",
        dict: "map[string]interface {}",
        list: "[]interface {}",
    }
    if value is None:
        return "nil"
    return names.get(type(value), "interface {}")


def go_value_text(value: Any) -> str:
    """Go's `%v` of an unstructured scalar (maps and slices approximated)."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(value, "g") if value != int(value) else str(int(value))
    if isinstance(value, dict):
        inner = " ".join(f"{k}:{go_value_text(v)}" for k, v in sorted(value.items()))
        return f"map[{inner}]"
    if isinstance(value, list):
        return "[" + " ".join(go_value_text(v) for v in value) + "]"
    return str(value)


Encoder = Callable[[Any], str]
