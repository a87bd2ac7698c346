"""The thread-safe in-memory object store behind one sandbox API server.

Objects are kept as their JSON encoding, so every read hands out a fresh copy and the HTTP
layer can answer lists by joining stored bytes. Every change bumps one store-wide
resourceVersion and records exactly one watch event, kept in a bounded history.
"""

from karmada_sandbox.store.errors import (
    AlreadyExists,
    Conflict,
    Gone,
    Invalid,
    NotFound,
    StoreError,
    resource_name,
)
from karmada_sandbox.store.object_store import ObjectStore
from karmada_sandbox.store.objects import Key, RawEvent, WatchEvent, dumps, loads, now_rfc3339

__all__ = [
    "AlreadyExists",
    "Conflict",
    "Gone",
    "Invalid",
    "Key",
    "NotFound",
    "ObjectStore",
    "RawEvent",
    "StoreError",
    "WatchEvent",
    "dumps",
    "loads",
    "now_rfc3339",
    "resource_name",
]
