"""Message start events: a published message creates an instance; a buffered one waits for its turn.

For the processing hooks (Zeebe's PublishMessageProcessor#correlateToMessageStartEvents and
BpmnBufferedMessageStartEventBehavior). A message creates at most one instance per workflow. With
a correlation key, at most one instance created by a message with that key runs per workflow (any
version): the workflow is locked for the key until that instance ends, and then the first
published buffered message with the key (not expired, not yet correlated to the workflow) creates
the next instance, of the latest version; with none left the lock is released.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pytest_zeebe import feel
from pytest_zeebe.engine.bpmn.event_triggers import Occurred, trigger_start_event
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import EngineState, Message
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue
from pytest_zeebe.model import EventKind, StartEvent, Workflow


def message_start_events(workflow: Workflow) -> list[tuple[str, str]]:
    """(start event id, message name) of a workflow's message start events, in Zeebe's order.

    Zeebe lists a process's start events in reverse document order; their message names are
    constants (deployment checks them).
    """
    events: list[tuple[str, str]] = []
    for start_id in reversed(workflow.process.start_event_ids):
        start = workflow.node(start_id)
        if isinstance(start, StartEvent) and start.event_kind is EventKind.MESSAGE and start.message is not None:
            events.append((start_id, feel.evaluate_string(start.message.name)))
    return events


def start_instances(
    state: EngineState,
    message_name: str,
    correlation_key: str,
    variables: Mapping[str, Any],
    correlated: set[str],
    partition_id: int,
) -> list[Occurred]:
    """A published message starts an instance of each subscribed workflow it may start.

    `correlated` holds the processes the message already went to (it grows); a workflow locked
    for the correlation key is left alone.
    """
    started: list[Occurred] = []
    for subscription in state.start_subscriptions.subscribed_to(message_name):
        process_id = subscription.bpmn_process_id
        if process_id in correlated or (correlation_key and state.messages.is_locked(process_id, correlation_key)):
            continue
        occurred = trigger_start_event(
            state, subscription.workflow_key, subscription.start_event_id, variables, partition_id
        )
        if occurred is None:
            continue
        correlated.add(process_id)
        started.append(occurred)
        if correlation_key:
            state.messages.locks[(process_id, correlation_key)] = None
            state.messages.instance_keys[occurred.value.workflow_instance_key] = correlation_key
    return started


def correlate_buffered_message(state: EngineState, record: Record) -> Occurred | None:
    """A process created by a message ended: the next buffered message with its key starts another."""
    value = record.value
    assert isinstance(value, WorkflowInstanceRecordValue)
    correlation_key = state.messages.instance_keys.pop(value.workflow_instance_key, None)
    if correlation_key is None:
        return None
    entry = state.workflows.latest(value.bpmn_process_id)
    assert entry is not None
    found: tuple[Message, str] | None = None
    for start_id, name in message_start_events(entry.workflow):
        message = _first_correlatable(state, name, correlation_key, entry.bpmn_process_id)
        if message is not None and (found is None or message.key < found[0].key):
            found = (message, start_id)
    if found is None:
        state.messages.locks.pop((entry.bpmn_process_id, correlation_key), None)
        return None
    message, start_id = found
    occurred = trigger_start_event(state, entry.key, start_id, dict(message.variables), record.partition_id)
    if occurred is not None:
        state.messages.correlate(message.key, entry.bpmn_process_id)
        state.messages.instance_keys[occurred.value.workflow_instance_key] = message.correlation_key
    return occurred


def _first_correlatable(state: EngineState, name: str, correlation_key: str, process_id: str) -> Message | None:
    now = state.counters.clock_millis
    for message in state.messages.buffered(name, correlation_key):
        if message.deadline > now and not state.messages.correlated(message.key, process_id):
            return message
    return None
