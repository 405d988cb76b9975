"""TIMER events: an armed timer joins the state and the due queue; a cancelled one leaves both.

A timer falls due when its due date has come (Zeebe triggers timers whose due date is not after
now). A start-event timer makes its workflow an event scope, as Zeebe's deployment does when it
arms one. A triggered timer leaves the state while its TRIGGER is processed (processors/timers.py).
"""

from __future__ import annotations

from pytest_zeebe.engine.appliers.registry import applies
from pytest_zeebe.engine.intents import TimerIntent, ValueType
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import DueKind, EngineState
from pytest_zeebe.engine.values import TimerRecordValue


def _timer(record: Record) -> TimerRecordValue:
    value = record.value
    assert isinstance(value, TimerRecordValue)
    return value


@applies(ValueType.TIMER, TimerIntent.CREATED)
def timer_created(state: EngineState, record: Record, cause: Record | None) -> None:
    timer = _timer(record)
    state.timers.put(record.key, timer)
    state.due.schedule(DueKind.TIMER, record.key, timer.due_date)
    if timer.element_instance_key < 0:
        state.event_scopes.create_if_absent(timer.workflow_key, frozenset())


@applies(ValueType.TIMER, TimerIntent.CANCELED)
def timer_canceled(state: EngineState, record: Record, cause: Record | None) -> None:
    remove_timer(state, record.key)


def remove_timer(state: EngineState, key: int) -> None:
    """The timer is gone, and with it its due item."""
    state.timers.remove(key)
    state.due.cancel(DueKind.TIMER, key)
