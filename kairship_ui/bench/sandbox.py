"""Runs `sandbox_load` in a subprocess and relays its BENCH lines."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

from django.conf import settings

from .report import line


def run(members: int = 100, templates: int | None = None) -> Iterator[str]:
    templates = templates or int(os.environ.get("BENCH_SANDBOX_TEMPLATES", 10_000))
    proc = subprocess.run(
        [sys.executable, "-m", "kairship_ui.bench.sandbox_load", str(members), str(templates)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    lines = [text for text in proc.stdout.splitlines() if text.startswith("BENCH ")]
    if proc.returncode != 0:
        lines.append(
            line(
                "sandbox.error",
                exit=proc.returncode,
                reason=(proc.stderr.strip().splitlines() or ["?"])[-1].replace(" ", "_"),
            )
        )
    yield from lines
