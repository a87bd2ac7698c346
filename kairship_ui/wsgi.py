"""WSGI entry point (pages and API only; live updates need the ASGI server)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kairship_ui.settings.base")
application = get_wsgi_application()
