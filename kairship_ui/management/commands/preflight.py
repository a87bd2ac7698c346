"""Check that the database and Redis are reachable; one clear line when not."""

from django.core.management.base import BaseCommand

from kairship_ui import preflight


class Command(BaseCommand):
    help = "Check the database and Redis connections named by DATABASE_URL and REDIS_URL."

    def add_arguments(self, parser):
        parser.add_argument("--wait", type=float, default=0, help="Seconds to wait for Redis.")

    def handle(self, *args, wait: float, **options):
        preflight.run(wait_seconds=wait)
        self.stdout.write("database and Redis are reachable")
