"""Webster (Sainte-Laguë) seat allocation with Karmada's uid tie-break.

Each next replica goes to the cluster with the highest `votes / (2*seats + 1)` (compared as
float64, like Karmada). Exact ties go to the cluster with fewer seats, then to the smaller
name, or the larger name when the FNV-32a hash of the workload uid is odd.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping

_FNV_OFFSET = 2166136261
_FNV_PRIME = 16777619


def fnv32a(text: str) -> int:
    """32-bit FNV-1a hash of the UTF-8 bytes of `text`."""
    digest = _FNV_OFFSET
    for byte in text.encode():
        digest = ((digest ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return digest


def names_descending(uid: str) -> bool:
    """True when ties go to the lexicographically larger name (odd hash of a non-empty uid)."""
    return bool(uid) and fnv32a(uid) % 2 == 1


def _head_start(seats: int, votes: Mapping[str, int]) -> dict[str, int]:
    """Seats every cluster is sure to win, so long divisions skip most heap steps.

    With divisor d the final count is round(v/d); bounding d from both sides gives a lower
    bound per cluster. One seat of margin keeps float rounding and ties safe.
    """
    total, parties = sum(votes.values()), len(votes)
    if seats <= 4 * parties or total <= 0:
        return dict.fromkeys(votes, 0)
    scale = (seats - parties / 2) / total
    return {name: max(0, math.floor(v * scale - 0.5) - 1) for name, v in votes.items()}


def allocate(seats: int, votes: Mapping[str, int], uid: str) -> dict[str, int]:
    """Divide `seats` over clusters by `votes`; returns seats per cluster (0 included)."""
    if not votes:
        return {}
    order = sorted(votes, reverse=names_descending(uid))
    rank = {name: index for index, name in enumerate(order)}
    result = _head_start(seats, votes)
    remaining = seats - sum(result.values())
    heap = [(-(votes[n] / (2 * result[n] + 1)), result[n], rank[n], n) for n in votes]
    heapq.heapify(heap)
    for _ in range(max(remaining, 0)):
        _, held, position, name = heapq.heappop(heap)
        held += 1
        result[name] = held
        heapq.heappush(heap, (-(votes[name] / (2 * held + 1)), held, position, name))
    return result
