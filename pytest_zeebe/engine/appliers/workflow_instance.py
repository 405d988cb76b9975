"""WORKFLOW_INSTANCE events and instance creation: element instances, their states and tokens.

As in Zeebe 0.26, an element instance is created when its ELEMENT_ACTIVATING is written, and each
lifecycle event sets its state. How the activation moves tokens in the flow scope follows from the
record whose processing wrote it:
- written while a SEQUENCE_FLOW_TAKEN was processed, the flow's token moves on to the element; at a
  parallel gateway, the join takes one waiting token of each incoming flow and leaves one;
- written otherwise (a start event entered by its scope, an event-triggered element, an inner
  instance of a multi-instance body), it spawns a new token in the scope; except for an
  interrupting event sub-process that waited for its scope's children to terminate: its token was
  spawned when it was triggered.
An ACTIVATING that was kept for later (a boundary event waiting for its activity to terminate) is
no longer kept once written. An element that waits for events opens its event scope; the start
event of an event sub-process takes over the sub-process's temporary variables (the event's).
An activation inside a multi-instance body counts one more iteration: the body's loop counter goes
up and the inner instance keeps its value (Zeebe's createInnerInstance does both as it writes it).
A process activated for a call activity is a root instance the call activity remembers.
The element leaves the state when its COMPLETED or TERMINATED is processed (bpmn/hooks.py).
"""

from __future__ import annotations

from pytest_zeebe.engine.appliers.registry import applies
from pytest_zeebe.engine.bpmn.catch_events import SUBSCRIBING_TYPES, interrupting_ids
from pytest_zeebe.engine.intents import (
    RecordType,
    ValueType,
    WorkflowInstanceCreationIntent,
    WorkflowInstanceIntent,
)
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import AwaitResult, EngineState, Purpose
from pytest_zeebe.engine.values import WorkflowInstanceCreationRecordValue, WorkflowInstanceRecordValue
from pytest_zeebe.model import BpmnElementType

Intent = WorkflowInstanceIntent


def _value(record: Record) -> WorkflowInstanceRecordValue:
    value = record.value
    assert isinstance(value, WorkflowInstanceRecordValue)
    return value


@applies(ValueType.WORKFLOW_INSTANCE, Intent.ELEMENT_ACTIVATING)
def element_activating(state: EngineState, record: Record, cause: Record | None) -> None:
    value = _value(record)
    elements = state.elements
    scope_key = value.flow_scope_key
    instance = elements.create(record.key, scope_key, Intent.ELEMENT_ACTIVATING, value)
    state.variables.create_scope(record.key, scope_key)
    element_type = BpmnElementType(value.bpmn_element_type)
    if element_type in SUBSCRIBING_TYPES:
        workflow = state.workflows.by_key[value.workflow_key].workflow
        node = workflow.node(value.element_id)
        state.event_scopes.create_if_absent(record.key, interrupting_ids(workflow, node, element_type))
    if value.parent_element_instance_key > 0 and scope_key < 0:
        caller = elements.get(value.parent_element_instance_key)
        if caller is not None:
            caller.called_child_instance_key = record.key
    deferred = elements.stored.get((record.key, Purpose.DEFERRED))
    if deferred is not None and deferred.intent is Intent.ELEMENT_ACTIVATING:
        elements.unstore(deferred.scope_key, record.key, Purpose.DEFERRED)
    scope = elements.get(scope_key)
    if scope is None:
        return
    if element_type is BpmnElementType.START_EVENT:
        temporary = elements.temporary_variables.pop(scope_key, None)
        if temporary is not None:
            elements.temporary_variables[record.key] = temporary
    inner_instance = scope.value.element_id == value.element_id
    if inner_instance and scope.value.bpmn_element_type == BpmnElementType.MULTI_INSTANCE_BODY:
        scope.multi_instance_loop_counter += 1
        instance.multi_instance_loop_counter = scope.multi_instance_loop_counter
    if cause is not None and cause.intent is Intent.SEQUENCE_FLOW_TAKEN:
        if element_type is BpmnElementType.PARALLEL_GATEWAY:
            _join(state, scope_key, value)
        return
    if deferred is not None and scope.interrupting_event_key == record.key:
        return
    scope.active_tokens += 1


def _join(state: EngineState, scope_key: int, gateway: WorkflowInstanceRecordValue) -> None:
    """Take the first waiting token of every incoming flow of the gateway, leave one for it."""
    node = state.workflows.by_key[gateway.workflow_key].workflow.node(gateway.element_id)
    scope = state.elements.instances[scope_key]
    waiting = state.elements.deferred(scope_key)
    for flow_id in node.incoming:
        token = next(
            (r for r in waiting if r.intent is Intent.SEQUENCE_FLOW_TAKEN and r.value.element_id == flow_id), None
        )
        if token is not None:
            state.elements.unstore(scope_key, token.key, Purpose.DEFERRED)
            scope.active_tokens -= 1
    scope.active_tokens += 1


def _set_state(intent: WorkflowInstanceIntent) -> None:
    def apply(state: EngineState, record: Record, cause: Record | None) -> None:
        instance = state.elements.get(record.key)
        if instance is not None:
            instance.state = intent

    applies(ValueType.WORKFLOW_INSTANCE, intent)(apply)


for _intent in (
    Intent.ELEMENT_ACTIVATED,
    Intent.ELEMENT_COMPLETING,
    Intent.ELEMENT_COMPLETED,
    Intent.ELEMENT_TERMINATING,
    Intent.ELEMENT_TERMINATED,
):
    _set_state(_intent)


@applies(ValueType.WORKFLOW_INSTANCE, Intent.SEQUENCE_FLOW_TAKEN)
def sequence_flow_taken(state: EngineState, record: Record, cause: Record | None) -> None:
    scope = state.elements.get(_value(record).flow_scope_key)
    if scope is not None:
        scope.active_tokens += 1


@applies(ValueType.WORKFLOW_INSTANCE_CREATION, WorkflowInstanceCreationIntent.CREATED)
def instance_created(state: EngineState, record: Record, cause: Record | None) -> None:
    """A CREATE_WITH_AWAITING_RESULT caller waits for the instance: remember who and what to fetch."""
    if cause is None or cause.intent is not WorkflowInstanceCreationIntent.CREATE_WITH_AWAITING_RESULT:
        return
    if cause.record_type is not RecordType.COMMAND:
        return
    created = record.value
    assert isinstance(created, WorkflowInstanceCreationRecordValue)
    state.elements.await_results[created.workflow_instance_key] = AwaitResult(
        (cause.partition_id, cause.position), created.fetch_variables
    )
