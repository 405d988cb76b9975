"""What an EVENT_OCCURRED does (Zeebe's BpmnEventSubscriptionBehavior#trigger*), in two halves.

`take_event` is the processing hook: it takes the scope's first trigger and makes the state changes
Zeebe makes without a record: a key for the element the event activates (a boundary event, an
event-based gateway's target, an event sub-process, a started process's start event), that
element's ACTIVATING record kept for later when it must wait (an interrupting boundary event waits
for its activity to terminate, a gateway's target for the gateway to complete), the event's
variables kept as the element's temporary variables, and, for an interrupting event sub-process,
the scope closed to other events, its finished children dropped and the scope marked interrupted.
It hands the processor an `EventVerdict`; the element processors write the records
(`on_event_occurred`), and `publish_deferred` writes a waiting ACTIVATING when its time comes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pytest_zeebe.engine.bpmn.catch_events import CatchEvent, catch_event_of
from pytest_zeebe.engine.bpmn.context import BpmnProcessingError, Element
from pytest_zeebe.engine.bpmn.element_state import drop_finished_children
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import EngineState, EventTrigger, Purpose, StoredRecord
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue
from pytest_zeebe.model import BpmnElementType, Workflow

Intent = WorkflowInstanceIntent

NO_TRIGGERED_EVENT = (
    "Expected to create an instance of workflow with key '{key}', but no triggered event could be found"
)


@dataclass(frozen=True, slots=True)
class EventVerdict:
    """The trigger an EVENT_OCCURRED took, and the element it activates (if any)."""

    event: CatchEvent
    key: int = NO_KEY
    """The element instance the event activates; NO_KEY when the element itself completes."""
    value: WorkflowInstanceRecordValue | None = None
    activate_now: bool = False
    """Write the ACTIVATING at once (else it was kept for later, or the element completes)."""


def take_event(state: EngineState, record: Record) -> EventVerdict | None:
    """The state half of processing an EVENT_OCCURRED; None when the event is discarded."""
    value = record.value
    assert isinstance(value, WorkflowInstanceRecordValue)
    workflow = state.workflows.by_key[value.workflow_key].workflow
    element_type = BpmnElementType(value.bpmn_element_type)
    if element_type is BpmnElementType.START_EVENT:
        if value.flow_scope_key < 0:
            return _start_process(state, record, value, workflow)
        return _start_event_sub_process(state, record, value, workflow)
    trigger = state.event_scopes.peek(record.key)
    if trigger is None:
        return None  # the element left its event scope: the event is discarded
    event = catch_event_of(workflow, trigger.element_id)
    if element_type is BpmnElementType.EVENT_BASED_GATEWAY:
        key = state.next_key(record.partition_id)
        target = replace(value, element_id=event.id, bpmn_element_type=event.element_type.value)
        _defer(state, key, record.key, target)
        verdict = EventVerdict(event, key, target)
    elif event.is_boundary:
        key = state.next_key(record.partition_id)
        boundary = replace(value, element_id=event.id, bpmn_element_type=BpmnElementType.BOUNDARY_EVENT.value)
        if event.interrupting:
            _defer(state, key, record.key, boundary)
        verdict = EventVerdict(event, key, boundary, activate_now=not event.interrupting)
    else:
        verdict = EventVerdict(event)
    _consume(state, record.key, trigger, verdict.key if verdict.key > 0 else record.key)
    return verdict


def _start_process(
    state: EngineState, record: Record, value: WorkflowInstanceRecordValue, workflow: Workflow
) -> EventVerdict:
    """A message or timer start event creates an instance; its start event waits for the process."""
    entry = state.workflows.by_key[value.workflow_key]
    trigger = state.event_scopes.peek(entry.key)
    if trigger is None:
        raise BpmnProcessingError(NO_TRIGGERED_EVENT.format(key=entry.key))
    instance_key = value.workflow_instance_key
    start = replace(
        value,
        element_id=trigger.element_id,
        bpmn_element_type=BpmnElementType.START_EVENT.value,
        workflow_instance_key=instance_key,
        version=entry.version,
        bpmn_process_id=entry.bpmn_process_id,
        flow_scope_key=instance_key,
    )
    start_key = state.next_key(record.partition_id)
    _defer(state, start_key, instance_key, start)
    state.elements.temporary_variables[start_key] = dict(trigger.variables)
    state.event_scopes.delete_trigger(entry.key, trigger.event_key)
    process = entry.process_value(instance_key)
    return EventVerdict(catch_event_of(workflow, trigger.element_id), instance_key, process, activate_now=True)


def _start_event_sub_process(
    state: EngineState, record: Record, value: WorkflowInstanceRecordValue, workflow: Workflow
) -> EventVerdict | None:
    """An event sub-process starts in its scope; an interrupting one takes the scope over."""
    scope = state.elements.get(value.flow_scope_key)
    if scope is None or scope.interrupting_event_key > 0:
        return None  # the scope is gone or already interrupted: the event is discarded
    trigger = state.event_scopes.peek(scope.key)
    if trigger is None:
        return None
    event = catch_event_of(workflow, value.element_id)
    assert event.event_sub_process_id is not None
    key = state.next_key(record.partition_id)
    sub_process = replace(
        value, element_id=event.event_sub_process_id, bpmn_element_type=BpmnElementType.SUB_PROCESS.value
    )
    activate_now = True
    if event.interrupting:
        state.event_scopes.delete(scope.key)
        drop_finished_children(state, scope.key)
        activate_now = scope.child_count == 0
        if not activate_now:
            _defer(state, key, scope.key, sub_process)
        scope.active_tokens += 1
        scope.interrupting_event_key = key
    _consume(state, scope.key, trigger, key)
    return EventVerdict(event, key, sub_process, activate_now)


def _defer(state: EngineState, key: int, scope_key: int, value: WorkflowInstanceRecordValue) -> None:
    state.elements.store(StoredRecord(key, scope_key, Purpose.DEFERRED, Intent.ELEMENT_ACTIVATING, value))


def _consume(state: EngineState, scope_key: int, trigger: EventTrigger, element_key: int) -> None:
    """The event's variables go to the element it completes or activates; the trigger is used up."""
    if trigger.variables:
        state.elements.temporary_variables[element_key] = dict(trigger.variables)
    state.event_scopes.delete_trigger(scope_key, trigger.event_key)


# -- the processors' half ---------------------------------------------------------------------------


def write_activating(ctx: ProcessingContext, key: int, value: WorkflowInstanceRecordValue) -> None:
    """ELEMENT_ACTIVATING of an element an event starts (its applier creates it and spawns its token)."""
    ctx.write_event(ValueType.WORKFLOW_INSTANCE, Intent.ELEMENT_ACTIVATING, key, value)


def activate_triggered(ctx: ProcessingContext, verdict: EventVerdict) -> None:
    """Write the ACTIVATING the event asked for now (a non-interrupting event, a started process)."""
    assert verdict.value is not None
    write_activating(ctx, verdict.key, verdict.value)


def publish_deferred(ctx: ProcessingContext, scope: Element, element_type: BpmnElementType) -> bool:
    """Write the first ACTIVATING of `element_type` kept in `scope`, if there is one."""
    for stored in ctx.state.elements.deferred(scope.key):
        if stored.intent is Intent.ELEMENT_ACTIVATING and stored.value.bpmn_element_type == element_type.value:
            write_activating(ctx, stored.key, stored.value)
            return True
    return False


def publish_interrupting_event_sub_process(ctx: ProcessingContext, scope: Element) -> None:
    """The last child of an interrupted scope terminated: its event sub-process starts now.

    Zeebe checks the scope holds exactly two tokens then: the terminating child's and the one its
    interruption spawned.
    """
    instance = ctx.state.elements.get(scope.key)
    if instance is None or not instance.is_interrupted or not instance.is_active or instance.active_tokens != 2:
        return
    for stored in ctx.state.elements.deferred(scope.key):
        if (
            stored.key == instance.interrupting_event_key
            and stored.value.bpmn_element_type == BpmnElementType.SUB_PROCESS.value
        ):
            write_activating(ctx, stored.key, stored.value)
            return
