"""The detector's work-queue emulation reconciles the same keys, in the same order, as Karmada."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from karmada_semantics.detector import vector
from karmada_semantics.detector.engine import Detector
from tests.shared_paths import VECTORS_DIR

TRACED = sorted(
    path
    for path in (VECTORS_DIR / "detector").glob("*.json")
    if json.loads(path.read_text()).get("trace", {}).get("steps")
)


def _reconciles_per_step(scenario: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> list:
    seen: list[Detector] = []
    steps: list[dict[str, Any]] = []
    original_init, original_report = Detector.__init__, vector._step_report

    def init(self: Detector, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        seen.append(self)

    def report(name: str, error: str | None, claim: Any) -> dict[str, Any]:
        done = sum(len(s["reconciles"]) for s in steps)
        steps.append({"step": name, "reconciles": seen[0].reconcile_log[done:]})
        return original_report(name, error, claim)

    monkeypatch.setattr(Detector, "__init__", init)
    monkeypatch.setattr(vector, "_step_report", report)
    vector.run_vector(scenario)
    return steps


@pytest.mark.parametrize("path", TRACED, ids=lambda p: p.name)
def test_reconciled_keys_match_karmadas_trace(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads(path.read_text())
    assert _reconciles_per_step(document["input"], monkeypatch) == document["trace"]["steps"]
