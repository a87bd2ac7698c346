"""Image references as Karmada's `imageparser` reads them, and the imageOverrider.

Parsing follows distribution's reference grammar; the registry is split off only when the first
path component has a `.` or `:` or is `localhost`. A reference with both tag and digest keeps
only the tag, and a tag `add` whose result is neither a valid tag nor a valid digest is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .gojson import go_type_name
from .jsonpatch import GoPanic

_ALNUM = r"[a-z0-9]+"
_SEPARATOR = r"(?:[._]|__|[-]+)"
_PATH_COMPONENT = _ALNUM + r"(?:" + _SEPARATOR + _ALNUM + r")*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_HOST = r"(?:" + _DOMAIN_COMPONENT + r"(?:\." + _DOMAIN_COMPONENT + r")*|\[(?:[a-fA-F0-9:]+)\])"
_DOMAIN_AND_PORT = _HOST + r"(?::[0-9]+)?"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}"
_REMOTE_NAME = _PATH_COMPONENT + r"(?:/" + _PATH_COMPONENT + r")*"
_NAME = r"(?:" + _DOMAIN_AND_PORT + r"/)?" + _REMOTE_NAME

_REFERENCE_RE = re.compile(
    r"^(" + _NAME + r")(?::(" + _TAG + r"))?(?:@(" + _DIGEST + r"))?$", re.ASCII
)
_ANCHORED_TAG_RE = re.compile(r"^" + _TAG + r"$", re.ASCII)
_ANCHORED_DIGEST_RE = re.compile(r"^" + _DIGEST + r"$", re.ASCII)
_DIGEST_SIZES = {"sha256": 64, "sha384": 96, "sha512": 128}
_NAME_TOTAL_LENGTH_MAX = 255

# Kinds whose pod template Karmada finds without a predicate, and where it lives.
IMAGE_KINDS = {
    "Pod": "/spec",
    "ReplicaSet": "/spec/template/spec",
    "Deployment": "/spec/template/spec",
    "DaemonSet": "/spec/template/spec",
    "StatefulSet": "/spec/template/spec",
    "Job": "/spec/template/spec",
}


class ImageError(Exception):
    """An image reference or imageOverrider cannot be handled; message as Karmada's."""


def _validate_digest(digest: str) -> None:
    """go-digest's `Digest.Validate` for the algorithms Karmada registers."""
    algorithm, _, encoded = digest.partition(":")
    if algorithm not in _DIGEST_SIZES:
        raise ImageError("unsupported digest algorithm")
    if len(encoded) != _DIGEST_SIZES[algorithm]:
        raise ImageError("invalid checksum digest length")
    if not re.fullmatch(r"[a-f0-9]+", encoded):
        raise ImageError("invalid checksum digest format")


@dataclass
class ImageComponents:
    """`imageparser.Components`: hostname, repository, and a tag or a digest."""

    hostname: str = ""
    repository: str = ""
    tag: str = ""
    digest: str = ""

    def tag_or_digest(self) -> str:
        """The tag if set, otherwise the digest."""
        return self.tag or self.digest

    def set_tag_or_digest(self, value: str) -> None:
        """Set a valid tag (dropping the digest) or a valid digest; ignore anything else."""
        if _ANCHORED_TAG_RE.match(value):
            self.tag, self.digest = value, ""
        elif _ANCHORED_DIGEST_RE.match(value):
            self.digest, self.tag = value, ""

    def remove_tag_or_digest(self) -> None:
        """Remove the tag if there is one, otherwise the digest."""
        if self.tag:
            self.tag = ""
        else:
            self.digest = ""

    def __str__(self) -> str:
        name = f"{self.hostname}/{self.repository}" if self.hostname else self.repository
        if self.tag:
            return f"{name}:{self.tag}"
        return f"{name}@{self.digest}" if self.digest else name


def split_hostname(name: str) -> tuple[str, str]:
    """Karmada's `SplitHostname`: only a first component with `.`/`:` or `localhost` is a host."""
    head, slash, rest = name.partition("/")
    if not slash or (not any(c in head for c in ".:") and head != "localhost"):
        return "", name
    return head, rest


def parse_image(image: str) -> ImageComponents:
    """`imageparser.Parse`. Raises ImageError with distribution's message."""
    match = _REFERENCE_RE.match(image)
    if match is None:
        if image == "":
            raise ImageError("repository name must have at least one component")
        if _REFERENCE_RE.match(image.lower()):
            raise ImageError("repository name must be lowercase")
        raise ImageError("invalid reference format")
    name, tag, digest = match.group(1), match.group(2) or "", match.group(3) or ""
    if len(name) > _NAME_TOTAL_LENGTH_MAX:
        raise ImageError("repository name must not be more than 255 characters")
    if digest:
        _validate_digest(digest)
    hostname, repository = split_hostname(name)
    return ImageComponents(hostname, repository, tag, "" if tag else digest)


def _rewrite(current: str, operator: str, value: str) -> str:
    """Registry and repository: `add` appends, `replace` sets, `remove` clears."""
    if operator == "add":
        return current + value
    if operator == "replace":
        return value
    return "" if operator == "remove" else current


def override_image(image: str, overrider: dict[str, Any]) -> str:
    """The new image after one imageOverrider (`overrideImage`). Raises ImageError."""
    try:
        parts = parse_image(image)
    except ImageError as exc:
        raise ImageError(f"failed to parse image value({image}), error: {exc}") from None
    component, operator = overrider.get("component", ""), overrider.get("operator", "")
    value = overrider.get("value") or ""
    if component == "Registry":
        parts.hostname = _rewrite(parts.hostname, operator, value)
    elif component == "Repository":
        parts.repository = _rewrite(parts.repository, operator, value)
    elif component != "Tag":
        raise ImageError(f"unsupported image component({component})")
    elif operator in ("add", "replace"):
        prefix = parts.tag_or_digest() if operator == "add" else ""
        parts.set_tag_or_digest(prefix + value)
    elif operator == "remove":
        parts.remove_tag_or_digest()
    return str(parts)


def _go_parse_int32(text: str) -> int | None:
    """`strconv.ParseInt(text, 10, 32)`, or None where Go returns an error."""
    body = text[1:] if text[:1] in "+-" else text
    if not body or not body.isascii() or not body.isdigit():
        return None
    value = int(text)
    return value if -(2**31) <= value < 2**31 else None


def _index_list(items: list[Any], index: int) -> dict[str, Any]:
    if not 0 <= index < len(items):
        detail = f" with length {len(items)}" if index >= 0 else ""
        raise GoPanic(f"runtime error: index out of range [{index}]{detail}")
    item = items[index]
    if not isinstance(item, dict):
        raise GoPanic(
            f"interface conversion: interface {{}} is {go_type_name(item)}, "
            "not map[string]interface {}"
        )
    return item


def predicate_image(obj: dict[str, Any], path: str) -> str:
    """`obtainImageValue`: walk the predicate path without bounds checks, as Karmada does.

    Raises ImageError for a missing or non-string value, GoPanic where Go would panic.
    """
    segments = path.strip("/").split("/")
    current = obj
    index = 0
    while index < len(segments) - 1:
        child = current.get(segments[index])
        if isinstance(child, dict):
            current = child
        elif isinstance(child, list):
            position = _go_parse_int32(segments[index + 1])
            if position is None:
                raise ImageError(f"path({segments[index + 1]}) of rawObj's is not number")
            current = _index_list(child, position)
            index += 1
        else:
            raise ImageError(
                f"path({segments[index]}) of rawObj's type is not map[string]interface{{}} "
                "and []interface{}"
            )
        index += 1
    value = current.get(segments[-1])
    if not isinstance(value, str):
        raise ImageError(f"failed to convert path({segments[-1]}) to string")
    return value


def image_patches(obj: dict[str, Any], overrider: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The JSON patch one imageOverrider makes (`buildPatches`); None for unsupported kinds.

    Raises ImageError or GoPanic as Karmada's code fails.
    """
    predicate = overrider.get("predicate")
    if predicate is None:
        prefix = IMAGE_KINDS.get(obj.get("kind"))  # type: ignore[arg-type]
        if prefix is None:
            return None
        return [
            _replace(f"{prefix}/containers/{index}/image", image, overrider)
            for index, image in enumerate(_container_images(obj, prefix))
        ]
    path = predicate.get("path") or ""
    try:
        image = predicate_image(obj, path)
    except ImageError as exc:
        raise ImageError(
            f"failed to obtain imageValue with predicate path({path}), error: {exc}"
        ) from None
    return [_replace(path, image, overrider)]


def _container_images(obj: dict[str, Any], prefix: str) -> list[str]:
    """The images of the typed pod spec's containers (a missing image reads as "")."""
    spec: Any = obj
    for part in prefix.strip("/").split("/"):
        spec = spec.get(part) if isinstance(spec, dict) else None
    containers = spec.get("containers") if isinstance(spec, dict) else None
    if not isinstance(containers, list):
        return []
    return [str(c.get("image") or "") if isinstance(c, dict) else "" for c in containers]


def _replace(path: str, image: str, overrider: dict[str, Any]) -> dict[str, Any]:
    if not path.startswith("/"):
        raise ImageError("imagePath should be start with / character")
    return {"op": "replace", "path": path, "value": override_image(image, overrider)}
