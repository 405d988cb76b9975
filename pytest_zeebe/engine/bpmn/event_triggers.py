"""Triggering an event in its scope (Zeebe's EventHandle), for the processing hooks.

Triggering changes state without a record of its own: the trigger (event, variables) is kept in
the scope's event scope until the scope's EVENT_OCCURRED is processed, and an interrupting event
closes the scope to further events. Zeebe takes a key for the trigger that it never writes, so
these functions take keys in Zeebe's order; they run in the `before` hooks of the records whose
processing triggers events (TIMER TRIGGER, WORKFLOW_INSTANCE_SUBSCRIPTION CORRELATE, JOB
ERROR_THROWN, an error end event's ELEMENT_ACTIVATED, MESSAGE PUBLISH, a process that ends with a
buffered message waiting), which hand the processor the EVENT_OCCURRED to write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from pytest_zeebe.engine.bpmn.catch_events import CatchEvent
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.state import ElementInstance, EngineState, EventTrigger
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue
from pytest_zeebe.model import BpmnElementType


@dataclass(frozen=True, slots=True)
class Occurred:
    """The EVENT_OCCURRED a trigger asks for: on the scope, or (a start event) with a new key."""

    key: int
    value: WorkflowInstanceRecordValue


def trigger_event(
    state: EngineState,
    scope: ElementInstance | None,
    event: CatchEvent,
    variables: Mapping[str, Any],
    partition_id: int,
) -> Occurred | None:
    """`EventHandle.triggerEvent`: keep the trigger if the scope is active and accepts events.

    The EVENT_OCCURRED is the scope's own record, or, for an event sub-process's start event, a
    START_EVENT record with a new key in the scope.
    """
    if scope is None or not scope.is_active:
        return None
    event_key = state.next_key(partition_id)
    if not state.event_scopes.trigger(scope.key, EventTrigger(event_key, event.id, variables)):
        return None
    if event.event_sub_process_id is None:
        return Occurred(scope.key, scope.value)
    value = replace(
        scope.value, element_id=event.id, bpmn_element_type=BpmnElementType.START_EVENT.value, flow_scope_key=scope.key
    )
    return Occurred(state.next_key(partition_id), value)


def trigger_start_event(
    state: EngineState, workflow_key: int, element_id: str, variables: Mapping[str, Any], partition_id: int
) -> Occurred | None:
    """`EventHandle.triggerStartEvent`: a message or timer start event of a workflow.

    The EVENT_OCCURRED carries the key of the instance to create; its other fields keep the
    record's defaults (Zeebe reuses one record object, so its leftovers from an earlier trigger may
    show there; a fresh record is what a first trigger writes).
    """
    event_key = state.next_key(partition_id)
    if not state.event_scopes.trigger(workflow_key, EventTrigger(event_key, element_id, variables)):
        return None
    instance_key = state.next_key(partition_id)
    value = WorkflowInstanceRecordValue(
        bpmn_process_id="",
        version=-1,
        workflow_key=workflow_key,
        workflow_instance_key=instance_key,
        element_id=element_id,
        flow_scope_key=NO_KEY,
        bpmn_element_type=BpmnElementType.START_EVENT.value,
    )
    return Occurred(state.next_key(partition_id), value)


def write_occurred(ctx: ProcessingContext, occurred: Occurred) -> None:
    """Write the EVENT_OCCURRED a trigger asked for."""
    ctx.write_event(ValueType.WORKFLOW_INSTANCE, WorkflowInstanceIntent.EVENT_OCCURRED, occurred.key, occurred.value)
