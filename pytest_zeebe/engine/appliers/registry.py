"""The tables of appliers: the only code that changes engine state.

Two kinds, both pure functions of the state and records:
- a *write applier* runs when a record is written (events, and the few commands whose writing
  Zeebe pairs with a state change), as Zeebe's StateWriter applies an event as it appends it;
- a *processing hook* runs when a record is processed, for the changes Zeebe 0.26 makes while
  processing without writing a record of its own (a completed element leaves the state, a token
  waits at a join). `before` runs first and decides whether the processor runs at all (the
  lifecycle guard), handing the processor what it decided; `after` runs when the processor is done.

Because all of them are functions of what is in the log, replaying the log through them rebuilds
the state exactly (see replay.py); nothing needs a record Zeebe does not write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pytest_zeebe.engine.intents import Intent, RecordType, ValueType

if TYPE_CHECKING:
    from pytest_zeebe.engine.records import Record
    from pytest_zeebe.engine.state import EngineState

WriteApplier = Callable[["EngineState", "Record", "Record | None"], None]
Before = Callable[["EngineState", "Record"], Any]
After = Callable[["EngineState", "Record", Any], None]
RecordKind = tuple[RecordType, ValueType, Intent]

SKIP: Any = object()
"""Returned by a `before` hook: the record is not processed (the guard refused it)."""

WRITE_APPLIERS: dict[RecordKind, WriteApplier] = {}
BEFORE: dict[RecordKind, Before] = {}
AFTER: dict[RecordKind, After] = {}


def _register(table: dict[RecordKind, Any], kinds: list[RecordKind]) -> Callable[[Any], Any]:
    def register(function: Any) -> Any:
        for kind in kinds:
            if kind in table:
                raise RuntimeError(f"two appliers for {kind!r}")
            table[kind] = function
        return function

    return register


def applies(
    value_type: ValueType, *intents: Intent, record_type: RecordType = RecordType.EVENT
) -> Callable[[WriteApplier], WriteApplier]:
    """Register a write applier for these records (events unless `record_type` says otherwise)."""
    return _register(WRITE_APPLIERS, [(record_type, value_type, intent) for intent in intents])


def before_processing(record_type: RecordType, value_type: ValueType, *intents: Intent) -> Callable[[Before], Before]:
    """Register the hook that runs before these records are processed; it may return SKIP."""
    return _register(BEFORE, [(record_type, value_type, intent) for intent in intents])


def after_processing(record_type: RecordType, value_type: ValueType, *intents: Intent) -> Callable[[After], After]:
    """Register the hook that runs after these records were processed."""
    return _register(AFTER, [(record_type, value_type, intent) for intent in intents])


def apply_write(state: EngineState, record: Record, cause: Record | None) -> None:
    """Apply the write applier of `record`, if it has one."""
    applier = WRITE_APPLIERS.get((record.record_type, record.value_type, record.intent))
    if applier is not None:
        applier(state, record, cause)


def begin_processing(state: EngineState, record: Record) -> Any:
    """Run the `before` hook of `record`; returns SKIP or what the processor is handed."""
    hook = BEFORE.get((record.record_type, record.value_type, record.intent))
    return None if hook is None else hook(state, record)


def end_processing(state: EngineState, record: Record, verdict: Any) -> None:
    """Run the `after` hook of `record` (only for records that were processed)."""
    hook = AFTER.get((record.record_type, record.value_type, record.intent))
    if hook is not None:
        hook(state, record, verdict)
