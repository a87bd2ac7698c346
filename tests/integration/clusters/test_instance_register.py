"""Registering an instance: verified by the task, credentials encrypted, failures at the field."""

import pytest
import yaml

from clusters import services
from clusters.models import Health, KarmadaInstance
from kairship_ui.errors import AlreadyExists, InvalidInput, NotAllowed
from kairship_ui.models import AuditEntry, Operation, Outcome

pytestmark = pytest.mark.django_db


def test_verified_instance_is_healthy_with_version_and_latency(register, kubeconfig_text):
    instance = register(kubeconfig_text)
    assert instance.health == Health.HEALTHY
    assert instance.version.startswith("v1.") and instance.api_latency_ms is not None
    assert Operation.objects.get(instance=instance).state == Outcome.SUCCEEDED


def test_kubeconfig_is_encrypted_at_rest_and_not_audited(register, kubeconfig_text, sandbox):
    instance = register(kubeconfig_text)
    assert sandbox.token.encode() not in bytes(instance.kubeconfig_encrypted)
    assert instance.kubeconfig_text() == kubeconfig_text
    entry = AuditEntry.objects.get(action="instance.register")
    assert sandbox.token not in str(entry.after) and "kubeconfig" not in entry.after


def test_unreachable_instance_is_stored_with_the_reason(register, sandbox):
    config = sandbox.kubeconfig()
    config["clusters"][0]["cluster"]["server"] = "http://127.0.0.1:1"
    instance = register(yaml.safe_dump(config), name="nowhere")
    assert instance.health == Health.UNREACHABLE and instance.health_message
    operation = Operation.objects.get(instance=instance)
    assert operation.state == Outcome.FAILED and operation.message == instance.health_message


def test_bad_token_fails_verification(register, sandbox):
    config = sandbox.kubeconfig()
    config["users"][0]["user"]["token"] = "wrong-token"
    instance = register(yaml.safe_dump(config), name="badcreds")
    assert instance.health == Health.UNREACHABLE
    assert "wrong-token" not in instance.health_message


def test_malformed_kubeconfig_is_refused_at_the_field(olga):
    with pytest.raises(InvalidInput) as error:
        services.register_instance(actor=olga, name="x", kubeconfig_text="{{{ not yaml")
    assert error.value.field == "kubeconfig"
    assert not KarmadaInstance.objects.exists()


def test_unknown_context_is_refused_at_the_field(olga, kubeconfig_text):
    with pytest.raises(InvalidInput) as error:
        services.register_instance(
            actor=olga, name="x", kubeconfig_text=kubeconfig_text, context="nope"
        )
    assert error.value.field == "context"


def test_duplicate_name_is_refused_at_the_field(register, kubeconfig_text, olga):
    register(kubeconfig_text)
    with pytest.raises(AlreadyExists) as error:
        services.register_instance(actor=olga, name="demo", kubeconfig_text=kubeconfig_text)
    assert error.value.field == "name"


def test_tenants_cannot_register(alice, kubeconfig_text):
    with pytest.raises(NotAllowed):
        services.register_instance(actor=alice, name="x", kubeconfig_text=kubeconfig_text)
    assert AuditEntry.objects.get(action="instance.register").outcome == Outcome.FAILED
