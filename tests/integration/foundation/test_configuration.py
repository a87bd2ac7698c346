"""Broken configuration stops start-up with one clear line naming the setting."""

import os
import subprocess
import sys

import pytest

from tests.shared_paths import REPO_ROOT

# The start-up environment of a fresh process: none of the test run's own settings.
NOT_INHERITED = ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environment.update(DJANGO_SETTINGS_MODULE="kairship_ui.settings.base", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "setting"),
    [
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
        ({"KAIRSHIP_DEBUG": "maybe"}, "KAIRSHIP_DEBUG"),
        ({"KAIRSHIP_DEBUG": "0"}, "KAIRSHIP_SECRET_KEY"),
        ({"KAIRSHIP_DEBUG": "0", "KAIRSHIP_SECRET_KEY": "x" * 60}, "KAIRSHIP_CREDENTIALS_KEY"),
        ({"KAIRSHIP_CREDENTIALS_KEY": "short"}, "KAIRSHIP_CREDENTIALS_KEY"),
    ],
)
def test_bad_setting_is_one_line(env, setting):
    result = run_manage("check", **env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        line for line in result.stderr.strip().splitlines() if setting in line
    ]
    assert "Traceback" not in result.stderr


def test_unreachable_redis_is_one_line():
    result = run_manage("preflight", REDIS_URL="redis://127.0.0.1:1/0")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "REDIS_URL" in result.stderr


def test_unreachable_database_is_one_line():
    result = run_manage("preflight", DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "DATABASE_URL" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        KAIRSHIP_DEBUG="0",
        KAIRSHIP_SECRET_KEY="s" * 30 + "Q7!xk2" * 5,
        KAIRSHIP_CREDENTIALS_KEY="ZmVybmV0LWtleS1mb3ItdGVzdHMtb25seS0zMmJ5dGU=",
        KAIRSHIP_ALLOWED_HOSTS="console.example.com",
    )
    assert result.returncode == 0, result.stderr
