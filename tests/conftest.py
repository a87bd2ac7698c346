"""Shared fixtures: the cast (alice, bob, carol, olga), their tenants, and the embedded Redis."""

import pytest
import redis
from django.conf import settings
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kairship_ui import embedded_redis
from tenants.roles import PLATFORM_OPERATORS_GROUP, Role
from tests.factories import MembershipFactory, TenantFactory, UserFactory

EMBEDDED_REDIS_DIR = settings.VAR_DIR / "redis-tests"


def pytest_configure(config):
    # Without REDIS_URL, tests use the embedded Redis like `make run` does.
    if settings.REDIS_IS_EMBEDDED:
        config.started_redis = embedded_redis.ensure_running(
            settings.EMBEDDED_REDIS_PORT, EMBEDDED_REDIS_DIR
        )


def pytest_unconfigure(config):
    # Tasks the tests queued without a worker to run them go with the run's own queue.
    redis.Redis.from_url(settings.REDIS_URL).delete(settings.CELERY_TASK_DEFAULT_QUEUE)
    if getattr(config, "started_redis", False):
        embedded_redis.stop(EMBEDDED_REDIS_DIR)


@pytest.fixture
def tenant_a(db):
    return TenantFactory(name="Shop", slug="shop")


@pytest.fixture
def tenant_b(db):
    return TenantFactory(name="Payments", slug="payments")


@pytest.fixture
def alice(tenant_a):
    """Editor of tenant A."""
    return MembershipFactory(
        tenant=tenant_a, user=UserFactory(username="alice"), role=Role.EDITOR
    ).user


@pytest.fixture
def bob(tenant_a):
    """Viewer of tenant A."""
    return MembershipFactory(
        tenant=tenant_a, user=UserFactory(username="bob"), role=Role.VIEWER
    ).user


@pytest.fixture
def carol(tenant_b):
    """Editor of tenant B."""
    return MembershipFactory(
        tenant=tenant_b, user=UserFactory(username="carol"), role=Role.EDITOR
    ).user


@pytest.fixture
def dave(tenant_a):
    """Admin of tenant A."""
    return MembershipFactory(
        tenant=tenant_a, user=UserFactory(username="dave"), role=Role.ADMIN
    ).user


@pytest.fixture
def olga(db):
    """Platform operator."""
    user = UserFactory(username="olga", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=PLATFORM_OPERATORS_GROUP)[0])
    return user


@pytest.fixture
def client_for(client):
    """A logged-in Django test client for a user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def api():
    """A REST client authenticated with a user's token."""

    def as_user(user):
        client = APIClient()
        token = Token.objects.get_or_create(user=user)[0]
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return as_user
