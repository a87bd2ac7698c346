"""Timing helpers and the one output format of the benchmark."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def line(name: str, **values: object) -> str:
    """`BENCH <name> key=value ...`, floats to two decimals."""
    parts = [f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in values.items()]
    return " ".join(["BENCH", name, *parts])


def median_ms(fn: Callable[[], object], repeat: int = 7) -> float:
    """Median wall time of `fn` in milliseconds, after one warm-up call."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]
