"""TIMER commands (Zeebe's CreateTimerProcessor, TriggerTimerProcessor, CancelTimerProcessor).

CREATE arms a timer (CREATED, with a new key; the due queue fires it at its due date). The clock
writes TRIGGER when it falls due: the timer leaves the state while the command is processed (its
hook), and its event is triggered in the element instance that waits for it (EVENT_OCCURRED before
TRIGGERED), or, for a start event, a new instance is started. A cycle with repetitions left is
armed again from now, its expression evaluated again (`R3/PT1H` fires three times, an hour apart).
A timer whose element is no longer active is rejected. CANCEL disarms a timer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pytest_zeebe.engine import expressions, messages
from pytest_zeebe.engine.appliers.registry import before_processing
from pytest_zeebe.engine.appliers.timers import remove_timer
from pytest_zeebe.engine.bpmn.catch_events import catch_event_of
from pytest_zeebe.engine.bpmn.event_subscriptions import arm_timer
from pytest_zeebe.engine.bpmn.event_triggers import Occurred, trigger_event, trigger_start_event, write_occurred
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.failures import Failure
from pytest_zeebe.engine.intents import RecordType, RejectionType, TimerIntent, ValueType
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import EngineState
from pytest_zeebe.engine.values import TimerRecordValue
from pytest_zeebe.model.expressions import EvaluationFailed, Timer
from pytest_zeebe.model.timers import INFINITE

NO_VARIABLES: dict[str, Any] = {}


def _timer(record: Record) -> TimerRecordValue:
    value = record.value
    assert isinstance(value, TimerRecordValue)
    return value


@processes(RecordType.COMMAND, ValueType.TIMER, TimerIntent.CREATE)
def create_timer(ctx: ProcessingContext, record: Record) -> None:
    key = ctx.next_key()
    ctx.write_event(ValueType.TIMER, TimerIntent.CREATED, key, record.value)
    ctx.accept(key, record.value)


@dataclass(frozen=True, slots=True)
class _Fired:
    """A TRIGGER found its timer (and removed it); `occurred` is None when nothing waits any more."""

    occurred: Occurred | None


@before_processing(RecordType.COMMAND, ValueType.TIMER, TimerIntent.TRIGGER)
def before_trigger(state: EngineState, record: Record) -> Any:
    timer = state.timers.get(record.key)
    if timer is None:
        return None
    remove_timer(state, record.key)
    workflow = state.workflows.by_key[timer.workflow_key].workflow
    if timer.element_instance_key > 0:
        instance = state.elements.get(timer.element_instance_key)
        event = catch_event_of(workflow, timer.target_element_id)
        return _Fired(trigger_event(state, instance, event, NO_VARIABLES, record.partition_id))
    occurred = trigger_start_event(
        state, timer.workflow_key, timer.target_element_id, NO_VARIABLES, record.partition_id
    )
    return _Fired(occurred)


@processes(RecordType.COMMAND, ValueType.TIMER, TimerIntent.TRIGGER)
def trigger_timer(ctx: ProcessingContext, record: Record) -> None:
    fired = ctx.verdict
    if not isinstance(fired, _Fired):
        ctx.reject(RejectionType.NOT_FOUND, messages.TIMER_TRIGGER_NOT_FOUND.format(key=record.key))
        return
    if fired.occurred is None:
        ctx.reject(RejectionType.INVALID_STATE, messages.TIMER_NOT_ACTIVE.format(key=record.key))
        return
    write_occurred(ctx, fired.occurred)
    timer = _timer(record)
    ctx.write_event(ValueType.TIMER, TimerIntent.TRIGGERED, record.key, timer)
    ctx.accept(record.key, timer)
    if timer.repetitions == INFINITE or timer.repetitions > 1:
        _rearm(ctx, timer)


def _rearm(ctx: ProcessingContext, timer: TimerRecordValue) -> None:
    """Zeebe's rescheduleTimer: the cycle's interval from now, one repetition fewer.

    A failure is Zeebe's IllegalStateException (no incident): a processing error here.
    """
    workflow = ctx.state.workflows.by_key[timer.workflow_key].workflow
    event = catch_event_of(workflow, timer.target_element_id)
    assert event.timer is not None
    evaluated = expressions.evaluate_timer_definition(
        event.timer, ctx.state, timer.element_instance_key, ctx.feel_env()
    )
    if isinstance(evaluated, Failure):
        raise RuntimeError(messages.TIMER_RESCHEDULE_FAILED.format(id=event.id, message=evaluated.message))
    repetitions = timer.repetitions if timer.repetitions == INFINITE else timer.repetitions - 1
    rearmed = Timer(repetitions, evaluated.interval)
    try:
        due_date = rearmed.due_date(ctx.now(), ctx.state.zone)
    except EvaluationFailed as error:
        raise RuntimeError(messages.TIMER_RESCHEDULE_FAILED.format(id=event.id, message=error)) from None
    arm_timer(
        ctx,
        timer.element_instance_key,
        timer.workflow_instance_key,
        timer.workflow_key,
        timer.target_element_id,
        rearmed,
        due_date,
    )


@processes(RecordType.COMMAND, ValueType.TIMER, TimerIntent.CANCEL)
def cancel_timer(ctx: ProcessingContext, record: Record) -> None:
    if ctx.state.timers.get(record.key) is None:
        ctx.reject(RejectionType.NOT_FOUND, messages.TIMER_CANCEL_NOT_FOUND.format(key=record.key))
        return
    ctx.write_event(ValueType.TIMER, TimerIntent.CANCELED, record.key, record.value)
    ctx.accept(record.key, record.value)
