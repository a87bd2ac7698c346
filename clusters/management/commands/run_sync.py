"""The `sync` process: one watcher per registered instance, started and stopped as they change."""

import os
import signal
import socket
import threading

from django.core.management.base import BaseCommand

from clusters.models import KarmadaInstance
from clusters.watchers import Watcher
from kairship_ui import preflight

RESCAN_SECONDS = 5


class Command(BaseCommand):
    help = "Keep the inventory current by watching every registered Karmada instance."

    def handle(self, *args, **options):
        preflight.run()
        owner = f"{socket.gethostname()}:{os.getpid()}"
        stopping = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopping.set())
        watchers: dict[int, Watcher] = {}
        try:
            while not stopping.is_set():
                wanted = set(KarmadaInstance.objects.values_list("pk", flat=True))
                for instance_id in wanted - watchers.keys():
                    watchers[instance_id] = Watcher(instance_id, owner)
                    watchers[instance_id].start()
                for instance_id in watchers.keys() - wanted:
                    watchers.pop(instance_id).stop()
                stopping.wait(RESCAN_SECONDS)
        except KeyboardInterrupt:
            pass
        finally:
            for watcher in watchers.values():
                watcher.stop()
                # Hand the lease over now, not when it expires, so a restart resumes at once.
                watcher.lease.release()
