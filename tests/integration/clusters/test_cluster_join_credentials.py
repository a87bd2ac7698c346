"""Push join hands Karmada the tokens of service accounts it creates in the member.

As `karmadactl join` does, so that kubeconfigs authenticating with client certificates (kind,
minikube, kubeadm's admin.conf) can be joined, and a member that refuses fails the join.
"""

import base64

import pytest
import yaml

from clusters import services, tasks
from clusters.karmada import client_for as karmada_client
from clusters.onboarding import role_name
from clusters.services.member_access import obtain_member_credentials
from kairship_ui.models import Operation, Outcome
from karmada_gateway import KarmadaClient, KarmadaNotFound, KarmadaUnauthorized
from karmada_sandbox.server import SandboxServer

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def tls_member():
    """A member API server over HTTPS that accepts client certificates signed by its CA."""
    with SandboxServer(seed="empty", name="tls-member", tls=True) as server:
        yield server


def join(olga, instance, kubeconfig: dict, name: str) -> Operation:
    operation = services.join_cluster(
        actor=olga, instance=instance, name=name, kubeconfig_text=yaml.safe_dump(kubeconfig)
    )
    tasks.join_cluster(operation_id=operation.pk)
    operation.refresh_from_db()
    return operation


def decoded(secret, key: str) -> bytes:
    return base64.b64decode(secret.raw["data"][key])


def test_a_client_certificate_kubeconfig_joins_with_a_service_account_token(
    olga, instance, tls_member
):
    kubeconfig = tls_member.client_certificate_kubeconfig()
    operation = join(olga, instance, kubeconfig, "kind-1")
    assert operation.state == Outcome.SUCCEEDED, operation.message
    with (
        karmada_client(instance) as karmada,
        KarmadaClient.from_kubeconfig(tls_member.kubeconfig()) as member,
    ):
        secret = karmada.get_resource("v1", "Secret", "karmada-cluster", "kind-1")
        impersonator = karmada.get_resource(
            "v1", "Secret", "karmada-cluster", "kind-1-impersonator"
        )
        account_secret = member.get_resource("v1", "Secret", "karmada-cluster", "karmada-kind-1")
        member.get_resource("v1", "ServiceAccount", "karmada-cluster", "karmada-kind-1")
        member.get_resource("v1", "ServiceAccount", "karmada-cluster", "karmada-impersonator")
        role = member.get_resource(
            "rbac.authorization.k8s.io/v1", "ClusterRole", None, role_name("kind-1")
        ).raw
        impersonator_secret = member.get_resource(
            "v1", "Secret", "karmada-cluster", "karmada-impersonator"
        )
    assert account_secret.raw["type"] == "kubernetes.io/service-account-token"
    assert {"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]} in role["rules"]
    token = decoded(secret, "token").decode()
    assert token == decoded(account_secret, "token").decode()
    assert token not in yaml.safe_dump(kubeconfig) and token != tls_member.token
    assert decoded(impersonator, "token") == decoded(impersonator_secret, "token")
    assert decoded(secret, "caBundle") == decoded(account_secret, "ca.crt")
    assert b"BEGIN CERTIFICATE" in decoded(secret, "caBundle")
    # The handed-over token is what Karmada uses: the member accepts it on its own.
    as_account = tls_member.kubeconfig({"token": token})
    with KarmadaClient.from_kubeconfig(as_account) as member:
        assert member.get_resource("v1", "Namespace", None, "kube-system").uid
    with karmada_client(instance) as karmada:
        cluster = karmada.get_cluster("kind-1").raw
    assert cluster["spec"]["apiEndpoint"] == tls_member.url


def test_obtaining_credentials_again_keeps_the_members_accounts(olga, instance, tls_member):
    kubeconfig = tls_member.client_certificate_kubeconfig()
    operation = join(olga, instance, kubeconfig, "kind-2")
    assert operation.state == Outcome.SUCCEEDED, operation.message
    with karmada_client(instance) as karmada:
        stored = karmada.get_resource("v1", "Secret", "karmada-cluster", "kind-2")
    # A retried or repeated join finds everything already there and gets the same tokens.
    with KarmadaClient.from_kubeconfig(kubeconfig) as member:
        token, impersonator = obtain_member_credentials(member, "kind-2")
    assert token.token == decoded(stored, "token").decode()
    assert impersonator.token != token.token


def test_a_member_that_refuses_writes_fails_the_join_naming_the_step(olga, instance, tls_member):
    operation = join(olga, instance, tls_member.read_only_kubeconfig(), "read-only")
    assert operation.state == Outcome.FAILED
    assert operation.message.startswith(
        "Could not create Namespace karmada-cluster in the member: the member answered 403"
    ), operation.message
    assert "kubeconfig" not in operation.payload
    with karmada_client(instance) as karmada:
        with pytest.raises(KarmadaNotFound):
            karmada.get_cluster("read-only")
        with pytest.raises(KarmadaNotFound):
            karmada.get_resource("v1", "Secret", "karmada-cluster", "read-only")


def test_unjoin_removes_the_members_accounts_and_their_token_stops_working(
    olga, instance, tls_member
):
    operation = join(olga, instance, tls_member.client_certificate_kubeconfig(), "kind-4")
    assert operation.state == Outcome.SUCCEEDED, operation.message
    with karmada_client(instance) as karmada:
        secret = karmada.get_resource("v1", "Secret", "karmada-cluster", "kind-4")
    token = decoded(secret, "token").decode()
    services.resync_instance(instance.pk)
    cluster = instance.clusters.get(name="kind-4")
    unjoin = services.unjoin_cluster(actor=olga, cluster=cluster)
    tasks.unjoin_cluster(operation_id=unjoin.pk)
    unjoin.refresh_from_db()
    assert unjoin.state == Outcome.SUCCEEDED, unjoin.message
    assert "removed from the member" in unjoin.message
    with KarmadaClient.from_kubeconfig(tls_member.kubeconfig()) as member:
        for api_version, kind, namespace, name in (
            ("v1", "ServiceAccount", "karmada-cluster", "karmada-kind-4"),
            ("rbac.authorization.k8s.io/v1", "ClusterRole", None, role_name("kind-4")),
            ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", None, role_name("kind-4")),
        ):
            with pytest.raises(KarmadaNotFound):
                member.get_resource(api_version, kind, namespace, name)
    with (
        KarmadaClient.from_kubeconfig(tls_member.kubeconfig({"token": token})) as member,
        pytest.raises(KarmadaUnauthorized),
    ):
        member.get_resource("v1", "Namespace", None, "kube-system")


def test_unjoin_reports_a_member_it_cannot_clean_and_still_unjoins(olga, instance, tls_member):
    operation = join(olga, instance, tls_member.client_certificate_kubeconfig(), "kind-5")
    assert operation.state == Outcome.SUCCEEDED, operation.message
    # Someone removed the account in the member: its token no longer opens the member.
    with KarmadaClient.from_kubeconfig(tls_member.kubeconfig()) as member:
        member.delete_resource("v1", "ServiceAccount", "karmada-cluster", "karmada-kind-5")
    services.resync_instance(instance.pk)
    unjoin = services.unjoin_cluster(actor=olga, cluster=instance.clusters.get(name="kind-5"))
    tasks.unjoin_cluster(operation_id=unjoin.pk)
    unjoin.refresh_from_db()
    assert unjoin.state == Outcome.SUCCEEDED, unjoin.message
    assert "The member still holds what the join created there" in unjoin.message
    assert "401 Unauthorized" in unjoin.message
    with karmada_client(instance) as karmada, pytest.raises(KarmadaNotFound):
        karmada.get_resource("v1", "Secret", "karmada-cluster", "kind-5")
