"""MESSAGE PUBLISH and DELETE (Zeebe's PublishMessageProcessor, DeleteMessageProcessor).

PUBLISH is rejected (ALREADY_EXISTS) while a message with the same name, correlation key and
non-empty id is buffered. Otherwise the message gets a key (the response's) and, while its
processing hook runs, Zeebe's decisions are made: it goes to every open subscription with its name
and correlation key that is not busy with another message, but to one per process (lowest element
instance key first); it starts an instance of each workflow with a message start event for its
name, unless it already went to that process or, with a correlation key, an instance it created
still runs; with a time to live it is buffered until `publish time + ttl`. The processor writes
PUBLISHED, the start events' EVENT_OCCURRED, DELETED at once for a message without a time to live,
and sends a WORKFLOW_INSTANCE_SUBSCRIPTION CORRELATE to each chosen subscription's partition.

DELETE (written by the clock when the time to live ends) deletes the message.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.appliers.registry import before_processing
from pytest_zeebe.engine.bpmn.event_triggers import Occurred, write_occurred
from pytest_zeebe.engine.bpmn.message_start_events import start_instances
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import (
    MessageIntent,
    RecordType,
    RejectionType,
    ValueType,
    WorkflowInstanceSubscriptionIntent,
)
from pytest_zeebe.engine.keys import decode_partition_id
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import DueKind, EngineState, Message, MessageSubscription
from pytest_zeebe.engine.values import MessageRecordValue, WorkflowInstanceSubscriptionRecordValue


def _message(record: Record) -> MessageRecordValue:
    value = record.value
    assert isinstance(value, MessageRecordValue)
    return value


@dataclass(frozen=True, slots=True)
class _Published:
    """What publishing decided: the message's key, the subscriptions it goes to, the instances it starts."""

    key: int
    subscriptions: tuple[tuple[int, int, str], ...]
    """(workflow instance key, element instance key, bpmnProcessId) of each chosen subscription."""
    started: tuple[Occurred, ...]


@before_processing(RecordType.COMMAND, ValueType.MESSAGE, MessageIntent.PUBLISH)
def before_publish(state: EngineState, record: Record) -> Any:
    """The message's key is taken here: Zeebe takes it before the start events' keys."""
    message = _message(record)
    if message.message_id and state.messages.exists(message.name, message.correlation_key, message.message_id):
        return None
    key = state.next_key(record.partition_id)
    chosen = _subscriptions_to_correlate(state, message)
    correlated = {subscription.bpmn_process_id for subscription in chosen}
    started = start_instances(
        state, message.name, message.correlation_key, dict(message.variables), correlated, record.partition_id
    )
    if message.time_to_live > 0:
        deadline = record.timestamp + message.time_to_live
        buffered = Message(
            key,
            message.name,
            message.correlation_key,
            dict(message.variables),
            message.message_id,
            message.time_to_live,
            deadline,
        )
        state.messages.put(buffered)
        state.due.schedule(DueKind.MESSAGE_EXPIRY, key, deadline)
        for occurred in started:
            state.messages.correlate(key, state.workflows.by_key[occurred.value.workflow_key].bpmn_process_id)
    subscriptions = tuple((s.workflow_instance_key, s.element_instance_key, s.bpmn_process_id) for s in chosen)
    return _Published(key, subscriptions, tuple(started))


def _subscriptions_to_correlate(state: EngineState, message: MessageRecordValue) -> list[MessageSubscription]:
    """Open, idle subscriptions for the message, one per process, lowest element instance key first."""
    chosen: list[MessageSubscription] = []
    processes_seen: set[str] = set()
    for subscription in state.message_subscriptions.matching(message.name, message.correlation_key):
        if not subscription.correlating and subscription.bpmn_process_id not in processes_seen:
            chosen.append(subscription)
            processes_seen.add(subscription.bpmn_process_id)
    return chosen


@processes(RecordType.COMMAND, ValueType.MESSAGE, MessageIntent.PUBLISH)
def publish_message(ctx: ProcessingContext, record: Record) -> None:
    message = _message(record)
    published = ctx.verdict
    if not isinstance(published, _Published):
        reason = messages.MESSAGE_ALREADY_PUBLISHED.format(id=message.message_id)
        ctx.reject(RejectionType.ALREADY_EXISTS, reason)
        return
    ctx.write_event(ValueType.MESSAGE, MessageIntent.PUBLISHED, published.key, message)
    ctx.accept(published.key, message)
    for occurred in published.started:
        write_occurred(ctx, occurred)
    if message.time_to_live <= 0:
        ctx.write_event(ValueType.MESSAGE, MessageIntent.DELETED, published.key, message)
    for instance_key, element_key, process_id in published.subscriptions:
        send_correlate(ctx, instance_key, element_key, process_id, message.name, published.key, message)


def send_correlate(
    ctx: ProcessingContext,
    instance_key: int,
    element_key: int,
    bpmn_process_id: str,
    message_name: str,
    message_key: int,
    message: MessageRecordValue | Message,
) -> None:
    """Send a message to a subscription: WORKFLOW_INSTANCE_SUBSCRIPTION CORRELATE on the instance's partition."""
    value = WorkflowInstanceSubscriptionRecordValue(
        subscription_partition_id=ctx.partition_id,
        workflow_instance_key=instance_key,
        element_instance_key=element_key,
        bpmn_process_id=bpmn_process_id,
        message_key=message_key,
        message_name=message_name,
        variables=MappingProxyType(dict(message.variables)),
        correlation_key=message.correlation_key,
    )
    ctx.send_command(
        ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION,
        WorkflowInstanceSubscriptionIntent.CORRELATE,
        value,
        decode_partition_id(instance_key),
    )


@processes(RecordType.COMMAND, ValueType.MESSAGE, MessageIntent.DELETE)
def delete_message(ctx: ProcessingContext, record: Record) -> None:
    ctx.write_event(ValueType.MESSAGE, MessageIntent.DELETED, record.key, record.value)
    ctx.accept(record.key, record.value)
