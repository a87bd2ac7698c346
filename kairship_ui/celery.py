"""The Celery application; tasks live in each app's tasks.py."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kairship_ui.settings.base")

app = Celery("kairship_ui")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _preflight(**_: object) -> None:
    from . import preflight

    preflight.run()
