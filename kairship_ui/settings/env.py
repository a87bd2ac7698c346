"""Typed readers for environment settings; a bad value stops start-up with one line naming it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn


def config_error(name: str, problem: str) -> NoReturn:
    """Stop the process with one clear line naming the setting (no traceback)."""
    raise SystemExit(f"Kairship configuration error: {name}: {problem}")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    config_error(name, f"expected 1/0, true/false, yes/no or on/off, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        config_error(name, f"expected a whole number, got {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (for container secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            config_error(f"{name}_FILE", f"cannot read {path}: {exc.strerror}")
    return os.environ.get(name, default)
