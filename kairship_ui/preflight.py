"""Start-up checks: reach the database and Redis, or stop with one line naming the setting."""

from __future__ import annotations

import time

import redis
from django.conf import settings
from django.db import connection
from django.db.utils import Error as DatabaseError

from .settings.env import config_error


def check_database() -> None:
    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        config_error("DATABASE_URL", f"cannot connect: {first_line}")


def check_redis(wait_seconds: float = 0) -> None:
    """Ping Redis, retrying for `wait_seconds` (processes started together race each other)."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
            return
        except (redis.RedisError, ValueError) as exc:
            if time.monotonic() >= deadline or isinstance(exc, ValueError):
                where = settings.REDIS_URL.split("@")[-1]
                config_error("REDIS_URL", f"cannot connect to {where}: {exc}")
            time.sleep(0.25)


def run(wait_seconds: float = 10) -> None:
    """Check every service the process depends on."""
    check_database()
    check_redis(wait_seconds)
