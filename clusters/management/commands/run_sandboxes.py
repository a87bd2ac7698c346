"""The `sandbox` process of `make run`: two demo sandbox Karmadas, registered as instances."""

import hashlib
import signal
import threading

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from clusters import services
from karmada_sandbox.server import SandboxServer

SANDBOXES = {"prod": 6443, "staging": 6444}


def _token(name: str) -> str:
    # Stable across restarts of a machine's console, different per installation.
    return hashlib.sha256(f"{settings.SECRET_KEY}:sandbox:{name}".encode()).hexdigest()[:32]


class Command(BaseCommand):
    help = "Serve the demo sandbox Karmada instances (prod, staging) and register them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--operator",
            default="olga",
            help="The platform operator who registers them (default olga).",
        )

    def handle(self, *args, operator: str, **options):
        actor = get_user_model().objects.filter(username=operator).first()
        if actor is None:
            raise CommandError(f"No user {operator!r}; run `manage.py seed_demo` first.")
        servers = []
        for name, port in SANDBOXES.items():
            server = SandboxServer(
                port=port, seed="demo", name=name, token=_token(name), tls=True
            ).start()
            servers.append(server)
            path = settings.VAR_DIR / f"sandbox-{name}.kubeconfig"
            server.write_kubeconfig(str(path))
            services.refresh_sandbox_instance(
                actor=actor, name=name, kubeconfig_text=yaml.safe_dump(server.kubeconfig())
            )
            self.stdout.write(f"sandbox {name}: {server.url} (kubeconfig {path})")
        stopping = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopping.set())
        try:
            stopping.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for server in servers:
                server.stop()
