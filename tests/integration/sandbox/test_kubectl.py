"""The real kubectl (1.32) against the sandbox over HTTPS (kubectl sends tokens only over TLS)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from karmada_sandbox.server import SandboxServer

pytestmark = [
    pytest.mark.kubectl,
    pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not on PATH"),
]

APP = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  namespace: default
  labels: {app: nginx, tier: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: nginx-pp
  namespace: default
spec:
  resourceSelectors:
  - apiVersion: apps/v1
    kind: Deployment
    name: nginx
  placement:
    clusterAffinity:
      clusterNames: [member1]
"""


BAD_POLICY = """\
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: bad-pp
  namespace: default
spec:
  resourceSelectors:
  - apiVersion: apps/v1
    kind: Deployment
  placement:
    replicaScheduling:
      replicaSchedulingType: Foo
"""


class Kubectl:
    """Runs kubectl with this session's kubeconfig and a fresh discovery cache."""

    def __init__(self, kubeconfig: Path, cache_dir: Path) -> None:
        self.base = ["kubectl", "--kubeconfig", str(kubeconfig), "--cache-dir", str(cache_dir)]

    def __call__(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*self.base, *args], capture_output=True, text=True, timeout=60, check=False
        )
        if check and result.returncode != 0:
            raise AssertionError(f"kubectl {' '.join(args)} failed: {result.stderr}")
        return result

    def popen(self, *args: str) -> subprocess.Popen[str]:
        """Start a long-running kubectl (e.g. a watch)."""
        return subprocess.Popen(
            [*self.base, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )


@pytest.fixture(scope="module")
def tls_sandbox() -> Iterator[SandboxServer]:
    """A sandbox serving HTTPS, with a demo world when one is available."""
    server = SandboxServer(seed="demo", tls=True).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def kubectl(tls_sandbox: SandboxServer, tmp_path_factory: pytest.TempPathFactory) -> Kubectl:
    """kubectl configured for the module's sandbox."""
    home = tmp_path_factory.mktemp("kubectl")
    kubeconfig = home / "kubeconfig"
    tls_sandbox.write_kubeconfig(str(kubeconfig))
    return Kubectl(kubeconfig, home / "cache")


@pytest.fixture(scope="module")
def app_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Deployment + PropagationPolicy manifest on disk."""
    path = tmp_path_factory.mktemp("manifests") / "app.yaml"
    path.write_text(APP)
    return path


def _settle(server: SandboxServer) -> None:
    if server.world is not None:
        server.world.settle()


def test_version_reports_the_server(kubectl):
    assert "Server Version: v1.32" in kubectl("version").stdout


def test_api_resources_lists_karmada_short_names(kubectl):
    out = kubectl("api-resources").stdout
    for line in ("propagationpolicies", "resourcebindings", "clusters", "works"):
        assert line in out
    assert any(row.split()[:2] == ["propagationpolicies", "pp"] for row in out.splitlines())


def test_get_clusters_prints_columns(kubectl, tls_sandbox):
    result = kubectl("get", "clusters")
    if tls_sandbox.world is None or not tls_sandbox.world.members:
        assert "No resources found" in result.stderr
    else:
        header = result.stdout.splitlines()[0].split()
        assert header[:4] == ["NAME", "VERSION", "MODE", "READY"]


def test_apply_creates_then_reports_unchanged(kubectl, app_file):
    first = kubectl("apply", "-f", str(app_file)).stdout
    assert "deployment.apps/nginx created" in first
    assert "propagationpolicy.policy.karmada.io/nginx-pp created" in first
    second = kubectl("apply", "-f", str(app_file)).stdout
    assert "deployment.apps/nginx unchanged" in second
    assert "propagationpolicy.policy.karmada.io/nginx-pp unchanged" in second


def test_get_policies_as_yaml(kubectl, app_file):
    kubectl("apply", "-f", str(app_file))
    out = kubectl("get", "propagationpolicies", "-A", "-o", "yaml").stdout
    assert "name: nginx-pp" in out
    assert "kind: PropagationPolicy" in out


def test_get_bindings_and_works(kubectl, app_file, tls_sandbox):
    kubectl("apply", "-f", str(app_file))
    _settle(tls_sandbox)
    bindings = kubectl("get", "resourcebindings", "-A")
    works = kubectl("get", "works", "-A")
    if tls_sandbox.world is not None and tls_sandbox.world.members:
        assert "nginx-deployment" in bindings.stdout
        assert "SCHEDULED" in bindings.stdout.splitlines()[0]
        assert "WORKLOAD-KIND" in works.stdout.splitlines()[0]


def test_scale_changes_replicas(kubectl, app_file):
    kubectl("apply", "-f", str(app_file))
    assert "scaled" in kubectl("scale", "deploy", "nginx", "--replicas=4").stdout
    out = kubectl("get", "deploy", "nginx", "-o", "jsonpath={.spec.replicas}").stdout
    assert out == "4"


def test_watch_receives_updates(kubectl, app_file):
    kubectl("apply", "-f", str(app_file))
    watcher = kubectl.popen("get", "deploy", "-w", "--request-timeout=20s")
    try:
        time.sleep(1.5)
        kubectl("label", "deploy", "nginx", "--overwrite", "watched=yes")
        kubectl("scale", "deploy", "nginx", "--replicas=5")
        time.sleep(1.5)
    finally:
        watcher.terminate()
        out, _ = watcher.communicate(timeout=10)
    rows = [line for line in out.splitlines() if line.startswith("nginx")]
    assert len(rows) >= 2
    assert rows[-1].split()[1].endswith("/5")


def test_label_selectors_filter(kubectl, app_file):
    kubectl("apply", "-f", str(app_file))
    assert "nginx" in kubectl("get", "deploy", "-l", "tier=web").stdout
    nothing = kubectl("get", "deploy", "-l", "tier=db")
    assert "nginx" not in nothing.stdout
    assert "No resources found" in nothing.stderr


def test_invalid_object_is_refused_naming_the_field(kubectl, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_POLICY)
    result = kubectl("apply", "-f", str(bad), check=False)
    assert result.returncode != 0
    assert "spec.placement.replicaScheduling.replicaSchedulingType" in result.stderr
    assert 'Unsupported value: "Foo"' in result.stderr


def test_delete_removes_applied_objects(kubectl, app_file):
    kubectl("apply", "-f", str(app_file))
    out = kubectl("delete", "-f", str(app_file)).stdout
    assert 'deployment.apps "nginx" deleted' in out
    missing = kubectl("get", "deploy", "nginx", check=False)
    assert missing.returncode != 0
    assert "NotFound" in missing.stderr or "not found" in missing.stderr


def test_explain_reads_the_served_schemas(kubectl):
    out = kubectl("explain", "propagationpolicy.spec.placement.replicaScheduling").stdout
    assert "replicaSchedulingType" in out
    assert "DeploymentStrategy" in kubectl("explain", "deployment.spec.strategy").stdout
