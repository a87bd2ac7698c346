"""`make bench`: seed a throw-away test database at a given scale and print BENCH lines."""

from __future__ import annotations

import os
from itertools import chain

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment

from kairship_ui import embedded_redis
from kairship_ui.bench import (
    clusters,
    karmada_to_page,
    live,
    pages,
    sandbox,
    semantics,
    workloads,
)

GROUPS = {
    "pages": pages.run,
    "clusters": clusters.run,
    "workloads": workloads.run,
    "live": lambda scale: live.run(),
    "karmada_to_page": lambda scale: karmada_to_page.run(),
    "semantics": semantics.run,
    "sandbox": lambda scale: sandbox.run(),
}


class Command(BaseCommand):
    help = "Measure pages, API lists and live updates; prints `BENCH <name> key=value` lines."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=int(os.environ.get("BENCH_SCALE", 1000)),
            help="rows to seed per list (env BENCH_SCALE; default 1000)",
        )
        parser.add_argument(
            "--only",
            default=os.environ.get("BENCH_ONLY", ""),
            help=f"groups to run, comma-separated (env BENCH_ONLY; default: {', '.join(GROUPS)})",
        )

    def handle(self, *args, scale: int, only: str, **options):
        chosen = [name.strip() for name in only.split(",") if name.strip()] or list(GROUPS)
        unknown = set(chosen) - set(GROUPS)
        if unknown:
            raise CommandError(f"Unknown bench groups: {', '.join(sorted(unknown))}.")
        redis_dir = settings.VAR_DIR / "redis-bench"
        started_redis = settings.REDIS_IS_EMBEDDED and embedded_redis.ensure_running(
            settings.EMBEDDED_REDIS_PORT, redis_dir
        )
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            for result in chain.from_iterable(GROUPS[name](scale) for name in chosen):
                self.stdout.write(result)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()
            if started_redis:
                embedded_redis.stop(redis_dir)
