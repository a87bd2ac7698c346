"""Every public vector, run through the command-line entry, must agree with Karmada exactly."""

import json
import subprocess
import sys

import pytest

from tests.shared_paths import REPO_ROOT, VECTORS_DIR

FAMILY_COMMANDS = {
    "scheduling": "schedule",
    "rescheduling": "schedule",
    "overrides": "override",
    "detector": "detect",
}


def _vector_files(family: str) -> list:
    return sorted((VECTORS_DIR / family).glob("*.json"))


def _run_cli(command: str, files: list) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "karmada_semantics", command, *map(str, files)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return {line["file"]: line["result"] for line in lines}


@pytest.fixture(scope="module", params=sorted(FAMILY_COMMANDS))
def family_results(request):
    files = _vector_files(request.param)
    if not files:
        pytest.skip(f"no vectors found under {VECTORS_DIR / request.param}")
    return request.param, files, _run_cli(FAMILY_COMMANDS[request.param], files)


def test_every_vector_agrees_with_karmada(family_results):
    family, files, results = family_results
    failures = []
    for path in files:
        vector = json.loads(path.read_text())
        allowed = vector["expected_any_of"] if "expected_any_of" in vector else [vector["expected"]]
        got = results.get(str(path))
        if got not in allowed:
            failures.append(
                f"{family}/{path.name}:\n  got      {json.dumps(got, sort_keys=True)}\n"
                f"  expected {json.dumps(allowed[0], sort_keys=True)}"
            )
    assert not failures, f"{len(failures)} of {len(files)} vectors disagree:\n" + "\n".join(
        failures
    )
