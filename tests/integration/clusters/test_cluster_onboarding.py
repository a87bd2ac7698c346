"""Onboarding through the real sandbox API: Push join, Pull bootstrap token, unjoin."""

import base64
import datetime
import hashlib
import shutil
import subprocess
import time

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from django.urls import reverse

from clusters import onboarding, services, tasks
from clusters.karmada import client_for as karmada_client
from clusters.models import ClusterState, Health, KarmadaInstance, MemberCluster
from clusters.onboarding import role_name
from clusters.services.members import InstanceUnreachable
from kairship_ui.errors import AlreadyExists, InvalidInput, NotAllowed
from kairship_ui.models import AuditEntry, Operation, Outcome
from karmada_gateway import KarmadaClient, KarmadaNotFound
from karmada_sandbox.server import SandboxServer
from tests.factories import TenantNamespaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def member_api():
    """Another API server standing in for the member: the console reads its kube-system uid."""
    with SandboxServer(seed="empty", name="member") as server:
        yield server


@pytest.fixture
def member_kubeconfig(member_api):
    return yaml.safe_dump(member_api.kubeconfig())


def join(olga, instance, django_capture_on_commit_callbacks, kubeconfig, name="edge-1", **kw):
    with django_capture_on_commit_callbacks() as callbacks:
        operation = services.join_cluster(
            actor=olga, instance=instance, name=name, kubeconfig_text=kubeconfig, **kw
        )
    assert any("join_cluster" in repr(callback) for callback in callbacks)
    tasks.join_cluster(operation_id=operation.pk)
    operation.refresh_from_db()
    return operation


def decoded(secret, key):
    return base64.b64decode(secret.raw["data"][key]).decode()


def test_push_join_writes_what_karmadactl_join_writes(
    olga, instance, member_api, member_kubeconfig, django_capture_on_commit_callbacks
):
    operation = join(
        olga,
        instance,
        django_capture_on_commit_callbacks,
        member_kubeconfig,
        provider="gcp",
        region="europe-west4",
        zones=["europe-west4-a"],
        labels={"env": "edge"},
    )
    assert operation.state == Outcome.SUCCEEDED, operation.message
    assert "kubeconfig" not in Operation.objects.get(pk=operation.pk).payload
    with (
        karmada_client(instance) as client,
        KarmadaClient.from_kubeconfig(member_api.kubeconfig()) as member,
    ):
        cluster = client.get_cluster("edge-1").raw
        secret = client.get_resource("v1", "Secret", "karmada-cluster", "edge-1")
        impersonator = client.get_resource("v1", "Secret", "karmada-cluster", "edge-1-impersonator")
        member_id = member.get_resource("v1", "Namespace", None, "kube-system").uid
    spec = cluster["spec"]
    assert spec["syncMode"] == "Push" and spec["id"] == member_id
    assert spec["apiEndpoint"] == member_api.kubeconfig()["clusters"][0]["cluster"]["server"]
    assert spec["secretRef"] == {"namespace": "karmada-cluster", "name": "edge-1"}
    assert spec["impersonatorSecretRef"] == {
        "namespace": "karmada-cluster",
        "name": "edge-1-impersonator",
    }
    assert (spec["provider"], spec["region"], spec["zones"]) == (
        "gcp",
        "europe-west4",
        ["europe-west4-a"],
    )
    assert cluster["metadata"]["labels"]["env"] == "edge"
    # Like karmadactl, Karmada gets the tokens of service accounts the join created in the
    # member, not the kubeconfig's own token.
    with KarmadaClient.from_kubeconfig(member_api.kubeconfig()) as member:
        account = member.get_resource("v1", "Secret", "karmada-cluster", "karmada-edge-1")
        member.get_resource("v1", "ServiceAccount", "karmada-cluster", "karmada-edge-1")
        binding = member.get_resource(
            "rbac.authorization.k8s.io/v1",
            "ClusterRoleBinding",
            None,
            "karmada-controller-manager:karmada-edge-1",
        ).raw
        impersonator_account = member.get_resource(
            "v1", "Secret", "karmada-cluster", "karmada-impersonator"
        )
    assert binding["subjects"][0]["name"] == "karmada-edge-1"
    assert decoded(secret, "token") == decoded(account, "token") != member_api.token
    assert decoded(impersonator, "token") == decoded(impersonator_account, "token")
    assert "caBundle" in secret.raw["data"]
    owner = secret.raw["metadata"]["ownerReferences"][0]
    assert owner["kind"] == "Cluster" and owner["uid"] == cluster["metadata"]["uid"]
    row = MemberCluster.objects.get(instance=instance, name="edge-1")
    assert row.provider == "gcp" and row.sync_mode == "Push"
    entry = AuditEntry.objects.get(action="cluster.join")
    assert member_api.token not in str(entry.after) and entry.after["provider"] == "gcp"


def test_the_sandbox_makes_the_joined_cluster_a_ready_member(
    olga, instance, member_kubeconfig, django_capture_on_commit_callbacks
):
    join(olga, instance, django_capture_on_commit_callbacks, member_kubeconfig, name="edge-2")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        services.resync_instance(instance.pk)
        row = MemberCluster.objects.get(instance=instance, name="edge-2")
        if row.state == ClusterState.READY:
            break
        time.sleep(0.2)
    assert row.state == ClusterState.READY and row.nodes_total > 0


def test_join_errors_are_at_the_field(olga, instance, member_kubeconfig):
    taken = MemberCluster.objects.filter(instance=instance).first().name
    with pytest.raises(AlreadyExists) as error:
        services.join_cluster(
            actor=olga, instance=instance, name=taken, kubeconfig_text=member_kubeconfig
        )
    assert error.value.field == "name"
    with pytest.raises(InvalidInput) as error:
        services.join_cluster(
            actor=olga, instance=instance, name="Bad_Name", kubeconfig_text=member_kubeconfig
        )
    assert error.value.field == "name"
    with pytest.raises(InvalidInput) as error:
        services.join_cluster(actor=olga, instance=instance, name="x", kubeconfig_text="{{{")
    assert error.value.field == "kubeconfig"
    config = yaml.safe_load(member_kubeconfig)
    config["users"][0]["user"] = {"client-certificate": "/etc/kubernetes/pki/admin.crt"}
    with pytest.raises(InvalidInput, match="file on disk") as error:
        services.join_cluster(
            actor=olga, instance=instance, name="x", kubeconfig_text=yaml.safe_dump(config)
        )
    assert error.value.field == "kubeconfig"
    assert not Operation.objects.filter(verb="cluster.join").exists()
    assert AuditEntry.objects.filter(action="cluster.join", outcome=Outcome.FAILED).count() == 4


def test_join_is_refused_while_the_instance_is_unreachable(olga, instance, member_kubeconfig):
    KarmadaInstance.objects.filter(pk=instance.pk).update(health=Health.UNREACHABLE)
    with pytest.raises(InstanceUnreachable):
        services.join_cluster(
            actor=olga,
            instance=KarmadaInstance.objects.get(pk=instance.pk),
            name="edge-3",
            kubeconfig_text=member_kubeconfig,
        )


def test_tenants_cannot_join(alice, instance, member_kubeconfig):
    with pytest.raises(NotAllowed):
        services.join_cluster(
            actor=alice, instance=instance, name="edge-4", kubeconfig_text=member_kubeconfig
        )


def test_unreachable_member_fails_the_operation_with_the_reason(
    olga, instance, member_kubeconfig, django_capture_on_commit_callbacks
):
    config = yaml.safe_load(member_kubeconfig)
    config["clusters"][0]["cluster"]["server"] = "http://127.0.0.1:1"
    operation = join(
        olga, instance, django_capture_on_commit_callbacks, yaml.safe_dump(config), name="gone"
    )
    assert operation.state == Outcome.FAILED
    assert "member's API server" in operation.message
    assert "kubeconfig" not in operation.payload  # the member's credentials are not kept
    with karmada_client(instance) as client, pytest.raises(KarmadaNotFound):
        client.get_cluster("gone")


def test_pull_token_secret_and_command(olga, instance, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.create_bootstrap_token(
            actor=olga, instance=instance, cluster_name="branch-7"
        )
    tasks.create_bootstrap_token(operation_id=registration.operation.pk)
    operation = Operation.objects.get(pk=registration.operation.pk)
    assert operation.state == Outcome.SUCCEEDED
    token = registration.command.split("--token ")[1].split()[0]
    token_id, token_secret = token.split(".")
    with karmada_client(instance) as client:
        secret = client.get_resource("v1", "Secret", "kube-system", f"bootstrap-token-{token_id}")
    assert secret.raw["type"] == "bootstrap.kubernetes.io/token"
    assert decoded(secret, "token-secret") == token_secret
    assert decoded(secret, "usage-bootstrap-authentication") == "true"
    assert decoded(secret, "auth-extra-groups") == onboarding.TOKEN_GROUP
    server = yaml.safe_load(instance.kubeconfig_text())["clusters"][0]["cluster"]["server"]
    endpoint = server.split("://")[1]
    assert registration.command == (
        f"karmadactl register {endpoint} --token {token} "
        "--discovery-token-unsafe-skip-ca-verification --cluster-name branch-7"
    )
    assert token_secret not in str(AuditEntry.objects.get(action="cluster.bootstrap-token").after)


def test_pull_page_shows_the_command_then_the_cluster(client_for, olga, instance):
    registration = services.create_bootstrap_token(
        actor=olga, instance=instance, cluster_name="branch-8"
    )
    tasks.create_bootstrap_token(operation_id=registration.operation.pk)
    url = reverse("clusters:cluster_register_status", args=[instance.pk, registration.operation.pk])
    page = client_for(olga).get(url).content.decode()
    assert registration.command in page and "Waiting for branch-8" in page
    # karmada-agent creates the Cluster object in Pull mode; the inventory brings it here.
    with karmada_client(instance) as client:
        client.create_cluster({"metadata": {"name": "branch-8"}, "spec": {"syncMode": "Pull"}})
    services.resync_instance(instance.pk)
    page = client_for(olga).get(url).content.decode()
    assert "Waiting for branch-8" not in page and 'id="registered-cluster"' in page


def self_signed_ca() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kubernetes")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(Encoding.PEM)


def test_register_command_pins_the_ca_when_the_kubeconfig_has_one():
    endpoint = onboarding.Endpoint("https://10.0.0.1:5443", self_signed_ca(), False)
    token = onboarding.BootstrapToken("abcdef", "0123456789abcdef")
    command = onboarding.register_command(endpoint, token, "m1")
    assert command.startswith("karmadactl register 10.0.0.1:5443 --token abcdef.0123456789abcdef")
    assert "--discovery-token-ca-cert-hash sha256:" in command and command.endswith(
        "--cluster-name m1"
    )
    assert len(command.split("sha256:")[1].split()[0]) == 64


def test_unjoin_deletes_the_cluster_its_push_secrets_and_the_members_accounts(
    olga, instance, member_api, member_kubeconfig, django_capture_on_commit_callbacks
):
    join(olga, instance, django_capture_on_commit_callbacks, member_kubeconfig, name="edge-5")
    cluster = MemberCluster.objects.get(instance=instance, name="edge-5")
    with django_capture_on_commit_callbacks() as callbacks:
        operation = services.unjoin_cluster(actor=olga, cluster=cluster)
    assert any("unjoin_cluster" in repr(callback) for callback in callbacks)
    tasks.unjoin_cluster(operation_id=operation.pk)
    operation.refresh_from_db()
    assert operation.state == Outcome.SUCCEEDED, operation.message
    with karmada_client(instance) as client:
        for name in ("edge-5", "edge-5-impersonator"):
            with pytest.raises(KarmadaNotFound):
                client.get_resource("v1", "Secret", "karmada-cluster", name)
    row = MemberCluster.objects.filter(instance=instance, name="edge-5").first()
    assert row is None or row.deleting  # gone, or still finalizing in Karmada
    assert "removed from the member" in operation.message
    with KarmadaClient.from_kubeconfig(member_api.kubeconfig()) as member:
        for api_version, kind, namespace, name in (
            ("v1", "ServiceAccount", "karmada-cluster", "karmada-edge-5"),
            ("v1", "Secret", "karmada-cluster", "karmada-edge-5"),
            ("rbac.authorization.k8s.io/v1", "ClusterRole", None, role_name("edge-5")),
            ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", None, role_name("edge-5")),
        ):
            deadline = time.monotonic() + 5  # the token Secret goes after its account
            while time.monotonic() < deadline:
                try:
                    member.get_resource(api_version, kind, namespace, name)
                except KarmadaNotFound:
                    break
                time.sleep(0.1)
            else:
                pytest.fail(f"{kind} {name} is still in the member")
    assert AuditEntry.objects.filter(action="cluster.unjoin").exists()


def test_unjoin_confirmation_explains_first(client_for, olga, instance):
    cluster = (
        MemberCluster.objects.filter(instance=instance, placements__isnull=False).distinct().first()
    )
    page = client_for(olga).get(reverse("clusters:cluster_unjoin", args=[cluster.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert f"karmada-es-{cluster.name}" in text and "ResourceBinding" in text
    binding = cluster.placements.select_related("binding").first().binding
    assert 'id="unjoin-workloads"' in text and binding.name in text
    assert not Operation.objects.filter(verb="cluster.unjoin").exists()


def test_join_page_shows_errors_at_the_field(client_for, olga, instance):
    url = reverse("clusters:cluster_join", args=[instance.pk])
    response = client_for(olga).post(url, {"name": "edge-9", "kubeconfig": "not: [yaml"})
    assert response.status_code == 422
    assert "invalid-feedback" in response.content.decode()


def test_tenants_get_404_on_onboarding_pages(client_for, bob, tenant_a, instance):
    TenantNamespaceFactory(tenant=tenant_a, instance=instance, namespace="shop")
    client = client_for(bob)
    assert client.get(reverse("clusters:cluster_join", args=[instance.pk])).status_code == 404
    assert client.get(reverse("clusters:cluster_register", args=[instance.pk])).status_code == 404
    cluster = MemberCluster.objects.filter(instance=instance).first()
    assert client.get(reverse("clusters:cluster_unjoin", args=[cluster.pk])).status_code == 404


@pytest.fixture(scope="module")
def tls_sandbox():
    with SandboxServer(seed="empty", name="tls", tls=True) as server:
        yield server


def openssl_ca_hash(pem: bytes) -> str:
    """kubeadm's documented recipe, run with the openssl CLI (an independent computation)."""
    public = subprocess.run(
        ["openssl", "x509", "-pubkey", "-noout"], input=pem, check=True, capture_output=True
    )
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"],
        input=public.stdout,
        check=True,
        capture_output=True,
    )
    return "sha256:" + hashlib.sha256(der.stdout).hexdigest()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="the openssl CLI is not installed")
def test_pull_command_over_tls_pins_the_instances_ca(olga, register, tls_sandbox):
    instance = register(yaml.safe_dump(tls_sandbox.kubeconfig()), name="tls")
    assert instance.health == Health.HEALTHY
    registration = services.create_bootstrap_token(
        actor=olga, instance=instance, cluster_name="branch-tls"
    )
    tasks.create_bootstrap_token(operation_id=registration.operation.pk)
    assert Operation.objects.get(pk=registration.operation.pk).state == Outcome.SUCCEEDED
    cluster = tls_sandbox.kubeconfig()["clusters"][0]["cluster"]
    pem = base64.b64decode(cluster["certificate-authority-data"])
    endpoint = cluster["server"].removeprefix("https://")
    assert registration.command.startswith(f"karmadactl register {endpoint} --token ")
    assert f"--discovery-token-ca-cert-hash {openssl_ca_hash(pem)} " in registration.command
