"""Armed timers (Zeebe's TimerInstanceState): by key, and by the element instance that owns them.

A timer lives from its CREATED to its TRIGGER or CANCELED; start-event timers belong to no element
instance (key -1) but to their workflow. The engine's due queue fires each at its due date.
"""

from __future__ import annotations

from pytest_zeebe.engine.journal import Table
from pytest_zeebe.engine.values import TimerRecordValue


class TimerState:
    """Timers by key, and the keys of each element instance's timers."""

    __slots__ = ("by_element", "timers")

    def __init__(self) -> None:
        self.timers: Table[int, TimerRecordValue] = Table()
        self.by_element: Table[int, Table[int, None]] = Table()

    def get(self, key: int) -> TimerRecordValue | None:
        return self.timers.get(key)

    def of_element(self, element_instance_key: int) -> list[tuple[int, TimerRecordValue]]:
        """(key, timer) of an element instance's timers (or the start timers: -1), lowest key first."""
        keys = self.by_element.get(element_instance_key)
        return [(key, self.timers[key]) for key in sorted(keys)] if keys else []

    def put(self, key: int, timer: TimerRecordValue) -> None:
        self.timers[key] = timer
        self.by_element.setdefault(timer.element_instance_key, Table())[key] = None

    def remove(self, key: int) -> None:
        timer = self.timers.pop(key, None)
        if timer is None:
            return
        keys = self.by_element[timer.element_instance_key]
        keys.pop(key, None)
        if not keys:
            del self.by_element[timer.element_instance_key]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TimerState):
            return NotImplemented
        return self.timers == other.timers and self.by_element == other.by_element
