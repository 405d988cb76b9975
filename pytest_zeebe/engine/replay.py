"""Rebuilding the engine state from the record log alone.

The log says what was written and, for each record, which record's processing wrote it (its
cause). Replay walks the log once and interleaves, exactly as the live engine did, the write
appliers of the records with the processing hooks of the records being processed: a record's
`before` hook runs when its processing began (just before the first record it wrote), its `after`
hook when it ended (before anything a later record wrote). Steps that failed, marked by their ERROR
records, were undone and are skipped. Nothing is parsed or evaluated again except what the hooks
decide (an exclusive gateway's conditions), which is a function of the state at that moment.

Replaying up to a position gives the state as it was then (`replay(log, upto=n)`).
"""

from __future__ import annotations

from typing import Any

from pytest_zeebe.engine.appliers import SKIP, apply_write, begin_processing, end_processing
from pytest_zeebe.engine.intents import RecordType, ValueType
from pytest_zeebe.engine.records import RecordLog
from pytest_zeebe.engine.state import EngineState
from pytest_zeebe.engine.values import ErrorRecordValue


def replay(
    log: RecordLog,
    *,
    partition_count: int,
    clock_millis: int,
    time_zone: str = "UTC",
    upto: int | None = None,
    processed: int | None = None,
) -> EngineState:
    """The state the live engine had after writing the first `upto` records (default: all).

    :param processed: how many records the engine had processed (its cursor); defaults to all of
        the replayed ones, as an idle engine has.
    :param clock_millis: the clock to leave the state at (the log does not record idle advances).
    """
    end = len(log) if upto is None else upto
    cursor = end if processed is None else processed
    state = EngineState(partition_count, log[0].timestamp if end else clock_millis, time_zone)
    failed = _failed_steps(log, end)
    next_index = 0
    current: int | None = None
    verdict: Any = None

    def begin(index: int) -> Any:
        record = log[index]
        state.counters.clock_millis = record.timestamp
        if index in failed:
            return SKIP
        return begin_processing(state, record)

    def finish(index: int, decided: Any) -> None:
        if decided is not SKIP:
            end_processing(state, log[index], decided)

    for index in range(end):
        record = log[index]
        cause = log.cause(index)
        if current is not None and current != cause:
            finish(current, verdict)
            current = None
        target = index if cause < 0 else cause
        while next_index < target:
            finish(next_index, begin(next_index))
            next_index += 1
        if cause >= 0 and current is None:
            verdict = begin(cause)
            current = cause
            next_index = cause + 1
        state.counters.clock_millis = record.timestamp
        state.positions[record.partition_id] = record.position
        if record.record_type is RecordType.EVENT and record.key >= 0:
            state.saw_key(record.key)
        if cause < 0 and record.value_type is ValueType.WORKFLOW_INSTANCE_CREATION:
            state.counters.next_creation_partition += 1
        apply_write(state, record, log[cause] if cause >= 0 else None)
    if current is not None:
        finish(current, verdict)
    while next_index < cursor:
        finish(next_index, begin(next_index))
        next_index += 1
    state.counters.cursor = cursor
    state.counters.clock_millis = clock_millis
    return state


def _failed_steps(log: RecordLog, end: int) -> set[int]:
    """Indexes of records whose processing failed (and was undone): the causes of ERROR events."""
    failed: set[int] = set()
    for index in range(end):
        record = log[index]
        if record.value_type is ValueType.ERROR and record.record_type is RecordType.EVENT:
            assert isinstance(record.value, ErrorRecordValue)
            cause = log.cause(index)
            if cause >= 0:
                failed.add(cause)
    return failed
