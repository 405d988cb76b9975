"""Work that falls due on the virtual clock: job time-outs, timers and message expiry.

Appliers and processing hooks schedule and cancel items; the engine fires the earliest item at or before a target
time. The table is the truth and journaled; the heap only orders it, and an entry that no longer
matches the table (cancelled, or rescheduled) is skipped when it surfaces. Items due in the same
millisecond fire together, in the order of their keys.
"""

from __future__ import annotations

import heapq
from enum import StrEnum

from pytest_zeebe.engine.journal import Table


class DueKind(StrEnum):
    """What an item does when it falls due."""

    JOB_TIME_OUT = "JOB_TIME_OUT"
    TIMER = "TIMER"
    MESSAGE_EXPIRY = "MESSAGE_EXPIRY"


class DueQueue:
    """Scheduled items by (kind, key), ordered by (due time, key)."""

    __slots__ = ("_heap", "items")

    def __init__(self) -> None:
        self.items: Table[tuple[DueKind, int], int] = Table()
        self._heap: list[tuple[int, int, DueKind]] = []

    def schedule(self, kind: DueKind, key: int, due_at: int) -> None:
        self.items[(kind, key)] = due_at
        heapq.heappush(self._heap, (due_at, key, kind))

    def cancel(self, kind: DueKind, key: int) -> None:
        self.items.pop((kind, key), None)

    def peek(self) -> tuple[int, DueKind, int] | None:
        """The earliest live item as (due time, kind, key), or None; drops stale heap entries."""
        heap = self._heap
        while heap:
            due_at, key, kind = heap[0]
            if self.items.get((kind, key)) == due_at:
                return due_at, kind, key
            heapq.heappop(heap)
        return None

    def take_batch(self) -> tuple[int, list[tuple[DueKind, int]]] | None:
        """The earliest due time and every live item due then, in key order; out of the heap.

        The items stay scheduled (in the table) until the commands that fire them clear them.
        """
        first = self.peek()
        if first is None:
            return None
        due_at = first[0]
        heap, batch = self._heap, []
        while heap and heap[0][0] == due_at:
            _, key, kind = heapq.heappop(heap)
            if self.items.get((kind, key)) == due_at and (kind, key) not in batch:
                batch.append((kind, key))
        return due_at, batch

    def rebuild(self) -> None:
        """Re-derive the heap from the table (after a rollback restored items the heap dropped)."""
        self._heap = [(due_at, key, kind) for (kind, key), due_at in self.items.items()]
        heapq.heapify(self._heap)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DueQueue) and self.items == other.items

    def __deepcopy__(self, memo: dict[int, object]) -> DueQueue:
        clone = DueQueue()
        clone.items = Table(self.items)
        clone.rebuild()
        return clone
