"""`manage.py sandbox`: run the sandbox Karmada API server in the foreground."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from karmada_sandbox.server import SandboxServer


class Command(BaseCommand):
    """Serve the sandbox Karmada and write a kubeconfig for it."""

    help = "Run the sandbox Karmada API server and write a kubeconfig for it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=0)
        parser.add_argument("--kubeconfig", required=True, help="where to write the kubeconfig")
        parser.add_argument("--seed", choices=("demo", "empty"), default="demo")
        parser.add_argument("--tls", action="store_true", help="serve HTTPS with a generated CA")
        parser.add_argument("--token", default=None, help="bearer token (random by default)")

    def handle(self, *args: Any, **options: Any) -> None:
        server = SandboxServer(
            host=options["host"],
            port=options["port"],
            seed=options["seed"],
            tls=options["tls"],
            token=options["token"],
        )
        server.write_kubeconfig(options["kubeconfig"])
        self.stdout.write(
            f"Sandbox Karmada serving on {server.url}; kubeconfig {options['kubeconfig']}"
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
