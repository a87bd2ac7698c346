"""Command-line entry: run vector inputs through the library and print one JSON line per file.

    python -m karmada_semantics schedule FILE...   (scheduling and rescheduling vectors)
    python -m karmada_semantics override FILE...
    python -m karmada_semantics detect FILE...

Each line is {"file": <path as given>, "result": <object shaped like that family's "expected">}.
A file may hold a whole vector (its "input" is used) or just the input object.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable
from typing import Any

# Each family exposes `run_vector(input: dict) -> dict`.
FAMILIES = {
    "schedule": "karmada_semantics.scheduling.vector",
    "override": "karmada_semantics.overrides.vector",
    "detect": "karmada_semantics.detector.vector",
}


def _runner(family: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return importlib.import_module(FAMILIES[family]).run_vector  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m karmada_semantics",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("family", choices=sorted(FAMILIES))
    parser.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args(argv)
    run = _runner(args.family)
    status = 0
    for path in args.files:
        try:
            with open(path, encoding="utf-8") as fh:
                document = json.load(fh)
        except (OSError, ValueError) as exc:
            print(f"{path}: cannot read: {exc}", file=sys.stderr)
            status = 2
            continue
        scenario = document.get("input", document)
        print(json.dumps({"file": path, "result": run(scenario)}, sort_keys=True), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
