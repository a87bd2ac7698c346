"""factory_boy factories: each makes one object plus only the parents it needs."""

import factory
from django.contrib.auth import get_user_model

from clusters.models import KarmadaInstance
from tenants.models import Membership, Tenant, TenantNamespace
from tenants.roles import Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-pass-123")


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenant

    name = factory.Sequence(lambda n: f"Tenant {n}")
    slug = factory.Sequence(lambda n: f"tenant-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    tenant = factory.SubFactory(TenantFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.VIEWER


class KarmadaInstanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KarmadaInstance
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"instance-{n}")
    kubeconfig_encrypted = b""

    @factory.post_generation
    def kubeconfig(obj, create, extracted, **kwargs):
        obj.set_kubeconfig(extracted or "apiVersion: v1\nkind: Config\n")
        if create:
            obj.save(update_fields=["kubeconfig_encrypted"])


class TenantNamespaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TenantNamespace

    tenant = factory.SubFactory(TenantFactory)
    instance = factory.SubFactory(KarmadaInstanceFactory)
    namespace = factory.Sequence(lambda n: f"ns-{n}")
