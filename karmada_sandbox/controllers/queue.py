"""A de-duplicating work queue with delayed items, keyed by (controller, key)."""

from __future__ import annotations

import heapq
import itertools

from karmada_sandbox.controllers.base import Key

Item = tuple[str, Key]


class WorkQueue:
    """Ready items in FIFO order (each at most once) plus items due at a later time."""

    def __init__(self) -> None:
        self._ready: dict[Item, None] = {}
        self._delayed: list[tuple[float, int, Item]] = []
        self._due: dict[Item, float] = {}
        self._counter = itertools.count()

    def add(self, item: Item, at: float | None = None) -> None:
        """Queue `item` now (`at` None) or at world time `at`; the earliest request wins."""
        if at is None:
            self._ready[item] = None
            return
        if item in self._due and self._due[item] <= at:
            return
        self._due[item] = at
        heapq.heappush(self._delayed, (at, next(self._counter), item))

    def pop(self, now: float) -> Item | None:
        """The next ready item, promoting delayed items that are due; None if nothing is."""
        while self._delayed and self._delayed[0][0] <= now:
            at, _, item = heapq.heappop(self._delayed)
            if self._due.get(item) == at:
                del self._due[item]
                self._ready[item] = None
        if not self._ready:
            return None
        item = next(iter(self._ready))
        del self._ready[item]
        return item

    def next_due(self) -> float | None:
        """World time of the earliest delayed item, or None."""
        while self._delayed and self._due.get(self._delayed[0][2]) != self._delayed[0][0]:
            heapq.heappop(self._delayed)
        return self._delayed[0][0] if self._delayed else None

    def has_ready(self) -> bool:
        """Whether an item can run without waiting."""
        return bool(self._ready)

    def __len__(self) -> int:
        return len(self._ready) + len(self._due)
