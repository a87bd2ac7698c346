"""A demo sandbox Karmada and instances registered from it through the real gateway."""

import pytest
import yaml

from clusters import services, tasks
from clusters.models import KarmadaInstance
from karmada_sandbox.server import SandboxServer


@pytest.fixture(scope="module")
def sandbox():
    with SandboxServer(seed="demo", name="demo") as server:
        yield server


@pytest.fixture
def kubeconfig_text(sandbox):
    return yaml.safe_dump(sandbox.kubeconfig())


@pytest.fixture
def register(olga, django_capture_on_commit_callbacks):
    """Register an instance as an operator and run the queued verification like a worker."""

    def registered(kubeconfig_text, name="demo", **fields):
        with django_capture_on_commit_callbacks() as callbacks:
            instance = services.register_instance(
                actor=olga, name=name, kubeconfig_text=kubeconfig_text, **fields
            )
        # The verification task is queued once the row is committed, not before.
        assert any("verify_instance" in repr(callback) for callback in callbacks)
        operation = instance.operations.get(verb="instance.verify")
        tasks.verify_instance(operation_id=operation.pk)
        return KarmadaInstance.objects.get(pk=instance.pk)

    return registered


@pytest.fixture
def instance(register, kubeconfig_text):
    registered = register(kubeconfig_text, is_sandbox=True)
    services.resync_instance(registered.pk)
    return registered
