"""Processing hooks of WORKFLOW_INSTANCE events: the state Zeebe 0.26 changes while processing them.

- Before an event is processed, the lifecycle guard decides whether it is processed at all.
  Then, where Zeebe keeps something while processing without writing a record:
  a SEQUENCE_FLOW_TAKEN into a parallel gateway leaves its token waiting at the join; an exclusive
  gateway that activates decides its flow (kept until it completes); a container that terminates
  drops its children whose completion will never be processed, and their pending tokens; an
  EVENT_OCCURRED takes its trigger (bpmn/event_occurred.py); an error end event throws its error
  (bpmn/error_events.py); a process called by an active call activity hands it its root variables
  when it completes; a process created by a message lets the next buffered message start another
  when it ends (bpmn/message_start_events.py).
- After an element's COMPLETED or TERMINATED is processed, it leaves the state with its token and
  variables; after its COMPLETING, its temporary variables (a job's) are gone.
"""

from __future__ import annotations

from typing import Any

from pytest_zeebe.engine import expressions
from pytest_zeebe.engine.appliers.registry import SKIP, after_processing, before_processing
from pytest_zeebe.engine.bpmn.element_state import drop_finished_children, remove_element
from pytest_zeebe.engine.bpmn.error_events import throw_error
from pytest_zeebe.engine.bpmn.event_occurred import take_event
from pytest_zeebe.engine.bpmn.lifecycle import may_process
from pytest_zeebe.engine.bpmn.message_start_events import correlate_buffered_message, message_start_events
from pytest_zeebe.engine.failures import Failure
from pytest_zeebe.engine.intents import ErrorType, RecordType, ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import EngineState, Purpose, StoredRecord
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue
from pytest_zeebe.model import BpmnElementType, CallActivity, EndEvent, ExclusiveGateway, SequenceFlow, Workflow

Intent = WorkflowInstanceIntent
NO_FLOW_CHOSEN = "Expected at least one condition to evaluate to true, or to have a default flow"
_CONTAINERS = frozenset(
    {BpmnElementType.PROCESS.value, BpmnElementType.SUB_PROCESS.value, BpmnElementType.MULTI_INSTANCE_BODY.value}
)


def _value(record: Record) -> WorkflowInstanceRecordValue:
    value = record.value
    assert isinstance(value, WorkflowInstanceRecordValue)
    return value


def _workflow(state: EngineState, value: WorkflowInstanceRecordValue) -> Workflow:
    return state.workflows.by_key[value.workflow_key].workflow


@before_processing(RecordType.EVENT, ValueType.WORKFLOW_INSTANCE, *Intent)
def before_workflow_instance_event(state: EngineState, record: Record) -> Any:
    value = _value(record)
    intent = record.intent
    assert isinstance(intent, Intent)
    if not may_process(state, record.key, intent, value):
        return SKIP
    if intent is Intent.SEQUENCE_FLOW_TAKEN:
        workflow = _workflow(state, value)
        target = workflow.node(workflow.flow(value.element_id).target_id)
        if target.element_type is BpmnElementType.PARALLEL_GATEWAY:
            state.elements.store(StoredRecord(record.key, value.flow_scope_key, Purpose.DEFERRED, intent, value))
    elif intent is Intent.ELEMENT_ACTIVATING and value.bpmn_element_type == BpmnElementType.EXCLUSIVE_GATEWAY.value:
        return _choose_flow(state, record.key, value)
    elif intent is Intent.ELEMENT_TERMINATING and value.bpmn_element_type in _CONTAINERS:
        drop_finished_children(state, record.key)
    elif intent is Intent.EVENT_OCCURRED:
        return take_event(state, record)
    elif intent is Intent.ELEMENT_ACTIVATED and value.bpmn_element_type == BpmnElementType.END_EVENT.value:
        node = _workflow(state, value).node(value.element_id)
        if isinstance(node, EndEvent) and node.error_code is not None:
            scope = state.elements.get(value.flow_scope_key)
            return throw_error(state, node.error_code, scope, record.partition_id)
    elif intent in _ENDED and value.bpmn_element_type == BpmnElementType.PROCESS.value:
        if intent is Intent.ELEMENT_COMPLETED:
            _hand_over_child_variables(state, record.key, value)
        if message_start_events(_workflow(state, value)):
            return correlate_buffered_message(state, record)
    return None


_ENDED = frozenset({Intent.ELEMENT_COMPLETED, Intent.ELEMENT_TERMINATED})


def _hand_over_child_variables(state: EngineState, child_key: int, child: WorkflowInstanceRecordValue) -> None:
    """Zeebe's CallActivityProcessor#onChildCompleted: the child's root variables become the active
    call activity's temporary variables, if it has output mappings or propagates all of them."""
    caller = state.elements.get(child.parent_element_instance_key)
    if caller is None or caller.state is not Intent.ELEMENT_ACTIVATED:
        return
    call_activity = _workflow(state, caller.value).node(caller.value.element_id)
    assert isinstance(call_activity, CallActivity)
    if call_activity.output_mappings or call_activity.propagate_all_child_variables:
        state.elements.temporary_variables[caller.key] = state.variables.visible_document(child_key)


def _choose_flow(state: EngineState, key: int, value: WorkflowInstanceRecordValue) -> SequenceFlow | Failure | None:
    """Zeebe's ExclusiveGatewayProcessor: the first flow whose condition holds, else the default.

    The flows are tried in Zeebe's order (reverse document order); the choice is kept in state
    as a deferred SEQUENCE_FLOW_TAKEN of the gateway until the gateway completes.
    """
    workflow = _workflow(state, value)
    gateway = workflow.node(value.element_id)
    assert isinstance(gateway, ExclusiveGateway)
    if not gateway.outgoing:
        return None
    flows = [workflow.flow(flow_id) for flow_id in reversed(gateway.outgoing)]
    chosen: SequenceFlow | None = None
    if len(flows) == 1 and flows[0].condition is None:
        chosen = flows[0]
    else:
        env = state.feel_env()
        for flow in flows:
            if flow.condition is None:
                continue
            fulfilled = expressions.evaluate_boolean(flow.condition, state, key, env)
            if isinstance(fulfilled, Failure):
                return fulfilled
            if fulfilled:
                chosen = flow
                break
        if chosen is None and gateway.default_flow_id is not None:
            chosen = workflow.flow(gateway.default_flow_id)
    if chosen is None:
        return Failure(NO_FLOW_CHOSEN, ErrorType.CONDITION_ERROR, key)
    taken = WorkflowInstanceRecordValue(
        bpmn_process_id=value.bpmn_process_id,
        version=value.version,
        workflow_key=value.workflow_key,
        workflow_instance_key=value.workflow_instance_key,
        element_id=chosen.id,
        flow_scope_key=value.flow_scope_key,
        bpmn_element_type=BpmnElementType.SEQUENCE_FLOW.value,
        parent_workflow_instance_key=value.parent_workflow_instance_key,
        parent_element_instance_key=value.parent_element_instance_key,
    )
    state.elements.store(StoredRecord(key, key, Purpose.DEFERRED, Intent.SEQUENCE_FLOW_TAKEN, taken))
    return chosen


@after_processing(RecordType.EVENT, ValueType.WORKFLOW_INSTANCE, Intent.ELEMENT_COMPLETED, Intent.ELEMENT_TERMINATED)
def after_element_left(state: EngineState, record: Record, verdict: Any) -> None:
    value = _value(record)
    if value.bpmn_element_type != BpmnElementType.PROCESS.value:
        scope = state.elements.get(value.flow_scope_key)
        if scope is not None:
            scope.active_tokens -= 1
    remove_element(state, record.key)


@after_processing(RecordType.EVENT, ValueType.WORKFLOW_INSTANCE, Intent.ELEMENT_COMPLETING)
def after_element_completing(state: EngineState, record: Record, verdict: Any) -> None:
    state.elements.temporary_variables.pop(record.key, None)
