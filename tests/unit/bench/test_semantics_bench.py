"""The semantics benchmark prints its four BENCH lines (small sizes here; timings not asserted)."""

import re

from kairship_ui.bench import semantics


def test_semantics_bench_prints_every_measurement():
    lines = list(semantics.run(10, templates=200, policies=20))
    names = [line.split()[1] for line in lines]
    assert names == [
        "semantics.schedule",
        "semantics.override",
        "semantics.detect",
        "preview.policy",
    ]
    assert lines[0].startswith("BENCH semantics.schedule clusters=100 median_ms=")
    assert "templates=200 policies=20 total_ms=" in lines[2]
    assert all(re.search(r"_ms=\d+\.\d\d$", line) for line in lines)
