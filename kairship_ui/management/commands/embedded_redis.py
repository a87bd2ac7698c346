"""Run the embedded Redis server in the foreground (the Procfile's `redis` process)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from kairship_ui import embedded_redis


class Command(BaseCommand):
    help = "Run the embedded Redis used when REDIS_URL is not set."

    def handle(self, *args, **options):
        embedded_redis.run_foreground(settings.EMBEDDED_REDIS_PORT, settings.VAR_DIR / "redis")
