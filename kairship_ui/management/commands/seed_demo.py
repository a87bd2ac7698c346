"""Create the demo users and tenants (idempotent); `make run` calls it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from tenants.models import Membership, Tenant
from tenants.roles import PLATFORM_OPERATORS_GROUP, Role

DEMO_PASSWORD = "kairship-demo"
TENANTS = {"shop": "Online shop team", "payments": "Payments team"}
# username -> (operator?, {tenant slug: role})
USERS = {
    "olga": (True, {}),
    "alice": (False, {"shop": Role.EDITOR}),
    "bob": (False, {"shop": Role.VIEWER}),
    "carol": (False, {"payments": Role.EDITOR}),
}


class Command(BaseCommand):
    help = f"Create demo users (password {DEMO_PASSWORD!r}) and tenants; safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        operators, _ = Group.objects.get_or_create(name=PLATFORM_OPERATORS_GROUP)
        tenants = {
            slug: Tenant.objects.get_or_create(
                slug=slug, defaults={"name": slug.capitalize(), "description": text}
            )[0]
            for slug, text in TENANTS.items()
        }
        for username, (is_operator, roles) in USERS.items():
            user, created = get_user_model().objects.get_or_create(
                username=username, defaults={"is_staff": is_operator}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if is_operator:
                user.groups.add(operators)
                if not user.is_superuser:
                    user.is_superuser = user.is_staff = True
                    user.save(update_fields=["is_superuser", "is_staff"])
            for slug, role in roles.items():
                Membership.objects.get_or_create(
                    tenant=tenants[slug], user=user, defaults={"role": role}
                )
        self.stdout.write(f"demo users: {', '.join(USERS)} (password {DEMO_PASSWORD})")
