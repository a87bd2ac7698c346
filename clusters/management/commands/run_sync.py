"""The `sync` process: one watcher per instance and kind, started and stopped as they change."""

import os
import signal
import socket
import threading

from django.core.management.base import BaseCommand

from clusters.models import KarmadaInstance
from clusters.sync import handlers
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
        watchers: dict[tuple[int, str], Watcher] = {}
        keys = [handler.key for handler in handlers()]
        try:
            while not stopping.is_set():
                instance_ids = KarmadaInstance.objects.values_list("pk", flat=True)
                wanted = {(instance_id, key) for instance_id in instance_ids for key in keys}
                for instance_id, key in wanted - watchers.keys():
                    watchers[instance_id, key] = Watcher(instance_id, owner, key)
                    watchers[instance_id, key].start()
                for pair in watchers.keys() - wanted:
                    watchers.pop(pair).stop()
                stopping.wait(RESCAN_SECONDS)
        except KeyboardInterrupt:
            pass
        finally:
            for watcher in watchers.values():
                watcher.stop()
                # Hand the lease over now, not when it expires, so a restart resumes at once.
                watcher.lease.release()
