"""`manage.py sandbox` serves the API and writes a working kubeconfig."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import yaml

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.skipif(not (REPO / "manage.py").exists(), reason="manage.py is not there yet")
def test_command_serves_with_the_written_kubeconfig(tmp_path):
    kubeconfig = tmp_path / "sandbox.kubeconfig"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kairship_ui.settings.test"}
    command = [
        sys.executable,
        "manage.py",
        "sandbox",
        "--port",
        "0",
        "--seed",
        "empty",
        "--kubeconfig",
        str(kubeconfig),
    ]
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while not kubeconfig.exists() and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()[1]
            time.sleep(0.2)
        config = yaml.safe_load(kubeconfig.read_text())
        server = config["clusters"][0]["cluster"]["server"]
        token = config["users"][0]["user"]["token"]
        response = requests.get(
            f"{server}/version", headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
        assert response.json()["gitVersion"].startswith("v1.32")
    finally:
        process.terminate()
        process.wait(timeout=10)
