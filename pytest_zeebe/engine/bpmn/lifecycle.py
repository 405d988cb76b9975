"""The element lifecycle as a table (Zeebe's WorkflowInstanceLifecycle), and its guard.

Every transition a processor writes is checked against the table; a lifecycle event is processed
only while its element (and, for most events, its flow scope) is in the state the event says
(Zeebe's WorkflowInstanceStateTransitionGuard): stale events of a terminated path are skipped.
"""

from __future__ import annotations

from pytest_zeebe.engine.intents import WorkflowInstanceIntent
from pytest_zeebe.engine.state import EngineState
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue
from pytest_zeebe.model import BpmnElementType

Intent = WorkflowInstanceIntent

TRANSITIONS: dict[Intent, frozenset[Intent]] = {
    Intent.ELEMENT_ACTIVATING: frozenset({Intent.ELEMENT_ACTIVATED, Intent.ELEMENT_TERMINATING}),
    Intent.ELEMENT_ACTIVATED: frozenset({Intent.ELEMENT_COMPLETING, Intent.ELEMENT_TERMINATING}),
    Intent.ELEMENT_COMPLETING: frozenset({Intent.ELEMENT_COMPLETED, Intent.ELEMENT_TERMINATING}),
    Intent.ELEMENT_TERMINATING: frozenset({Intent.ELEMENT_TERMINATED}),
    Intent.ELEMENT_COMPLETED: frozenset({Intent.SEQUENCE_FLOW_TAKEN}),
    Intent.ELEMENT_TERMINATED: frozenset(),
    Intent.EVENT_OCCURRED: frozenset({Intent.ELEMENT_COMPLETING, Intent.ELEMENT_TERMINATING}),
    Intent.SEQUENCE_FLOW_TAKEN: frozenset({Intent.ELEMENT_ACTIVATING}),
}


class IllegalTransitionError(Exception):
    """Raised when a processor would take a transition the lifecycle forbids (an engine bug)."""


def check_transition(current: Intent, target: Intent, element_id: str) -> None:
    """Refuse a transition the table does not allow."""
    if target not in TRANSITIONS[current]:
        raise IllegalTransitionError(
            f"Expected to take transition to '{target.value}' but element instance is in state "
            f"'{current.value}' (element '{element_id}')."
        )


def may_process(state: EngineState, key: int, intent: Intent, value: WorkflowInstanceRecordValue) -> bool:
    """Whether a WORKFLOW_INSTANCE event may be processed now (Zeebe's transition guard)."""
    if intent is Intent.SEQUENCE_FLOW_TAKEN:
        return _flow_scope_active(state, key, value)
    if intent is Intent.EVENT_OCCURRED:
        if value.bpmn_element_type == BpmnElementType.START_EVENT:
            return True
        instance = state.elements.get(key)
        return instance is not None and instance.state is Intent.ELEMENT_ACTIVATED
    instance = state.elements.get(key)
    if instance is None or instance.state is not intent:
        return False
    if intent is Intent.ELEMENT_TERMINATING or intent is Intent.ELEMENT_TERMINATED:
        return True
    return _flow_scope_active(state, key, value)


def _flow_scope_active(state: EngineState, key: int, value: WorkflowInstanceRecordValue) -> bool:
    if value.bpmn_element_type == BpmnElementType.PROCESS:
        return True
    scope = state.elements.get(value.flow_scope_key)
    if scope is None or scope.state is not Intent.ELEMENT_ACTIVATED:
        return False
    return not (scope.interrupting_event_key > 0 and scope.interrupting_event_key != key)
