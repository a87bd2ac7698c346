"""Test settings: base plus speed and determinism only."""

import os

# Each test run has a Celery queue of its own (inherited by the workers the browser tests
# start), so tasks one run queues never reach another run's database.
os.environ.setdefault("KAIRSHIP_CELERY_QUEUE", f"kairship-tests-{os.getpid()}")

from . import base  # noqa: E402  (reads the queue name above)

globals().update({name: value for name, value in vars(base).items() if name.isupper()})

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Browser tests run the ASGI server in another process, so SQLite's test database must be a file;
# one per test run, so that runs side by side do not share it.
if base.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    base.DATABASES["default"]["TEST"] = {"NAME": str(base.VAR_DIR / f"test-{os.getpid()}.sqlite3")}
SECURE_SSL_REDIRECT = False
