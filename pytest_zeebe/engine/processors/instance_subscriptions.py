"""WORKFLOW_INSTANCE_SUBSCRIPTION commands, the instance partition's side (Zeebe's
OpenWorkflowInstanceSubscriptionProcessor, CorrelateWorkflowInstanceSubscription,
CloseWorkflowInstanceSubscription).

OPEN (the message partition's acknowledgement) makes an OPENING subscription OPENED; CLOSE removes
it. CORRELATE delivers a message: its processing hook takes the subscription out of the state when
it closes on correlation, and triggers the catch event in the element instance that waits; the
processor writes EVENT_OCCURRED and CORRELATED and acknowledges to the message partition
(MESSAGE_SUBSCRIPTION CORRELATE), or rejects the delivery and hands the message back
(MESSAGE_SUBSCRIPTION REJECT) so that another subscription of the process may take it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.appliers.registry import before_processing
from pytest_zeebe.engine.bpmn.catch_events import catch_event_of
from pytest_zeebe.engine.bpmn.event_triggers import Occurred, trigger_event, write_occurred
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import (
    MessageSubscriptionIntent,
    RecordType,
    RejectionType,
    ValueType,
    WorkflowInstanceSubscriptionIntent,
)
from pytest_zeebe.engine.keys import decode_partition_id
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import EngineState, SubscriptionStatus
from pytest_zeebe.engine.values import MessageSubscriptionRecordValue, WorkflowInstanceSubscriptionRecordValue

Intent = WorkflowInstanceSubscriptionIntent


def _value(record: Record) -> WorkflowInstanceSubscriptionRecordValue:
    value = record.value
    assert isinstance(value, WorkflowInstanceSubscriptionRecordValue)
    return value


@processes(RecordType.COMMAND, ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION, Intent.OPEN)
def open_subscription(ctx: ProcessingContext, record: Record) -> None:
    value = _value(record)
    subscription = ctx.state.instance_subscriptions.get(value.element_instance_key, value.message_name)
    if subscription is not None and subscription.status is SubscriptionStatus.OPENING:
        ctx.write_event(ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION, Intent.OPENED, record.key, value)
        ctx.accept(record.key, value)
    elif subscription is None:
        reason = messages.INSTANCE_SUBSCRIPTION_OPEN_NOT_FOUND.format(
            key=value.element_instance_key, name=value.message_name
        )
        ctx.reject(RejectionType.NOT_FOUND, reason)
    else:
        status = "closing" if subscription.status is SubscriptionStatus.CLOSING else "opened"
        reason = messages.INSTANCE_SUBSCRIPTION_NOT_OPENING.format(
            key=value.element_instance_key, name=value.message_name, state=status
        )
        ctx.reject(RejectionType.INVALID_STATE, reason)


@dataclass(frozen=True, slots=True)
class _Delivery:
    """What a CORRELATE found: the event it triggered, or why not (and the key to hand the message back with)."""

    occurred: Occurred | None
    rejection: tuple[RejectionType, str] | None
    correlation_key: str


@before_processing(RecordType.COMMAND, ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION, Intent.CORRELATE)
def before_correlate(state: EngineState, record: Record) -> Any:
    value = _value(record)
    key, name = value.element_instance_key, value.message_name
    subscription = state.instance_subscriptions.get(key, name)
    if subscription is None:
        reason = messages.INSTANCE_SUBSCRIPTION_CORRELATE_NOT_FOUND.format(key=key, name=name)
        return _Delivery(None, (RejectionType.NOT_FOUND, reason), value.correlation_key)
    if subscription.status is SubscriptionStatus.CLOSING:
        reason = messages.INSTANCE_SUBSCRIPTION_CLOSING.format(key=key, name=name)
        return _Delivery(None, (RejectionType.INVALID_STATE, reason), subscription.correlation_key)
    if subscription.close_on_correlate:
        state.instance_subscriptions.remove(key, name)
    occurred = None
    instance = state.elements.get(key)
    if instance is not None:
        workflow = state.workflows.by_key[instance.value.workflow_key].workflow
        event = catch_event_of(workflow, subscription.target_element_id)
        occurred = trigger_event(state, instance, event, dict(value.variables), record.partition_id)
    if occurred is None:
        reason = messages.INSTANCE_SUBSCRIPTION_NOT_ACTIVE.format(key=key, name=name)
        return _Delivery(None, (RejectionType.INVALID_STATE, reason), subscription.correlation_key)
    return _Delivery(occurred, None, subscription.correlation_key)


@processes(RecordType.COMMAND, ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION, Intent.CORRELATE)
def correlate_subscription(ctx: ProcessingContext, record: Record) -> None:
    value = _value(record)
    delivery = ctx.verdict
    assert isinstance(delivery, _Delivery)
    if delivery.occurred is None:
        assert delivery.rejection is not None
        _hand_back(ctx, value, delivery.correlation_key)
        ctx.reject(*delivery.rejection)
        return
    write_occurred(ctx, delivery.occurred)
    ctx.write_event(ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION, Intent.CORRELATED, record.key, value)
    ctx.accept(record.key, value)
    answer = MessageSubscriptionRecordValue(
        workflow_instance_key=value.workflow_instance_key,
        element_instance_key=value.element_instance_key,
        bpmn_process_id=value.bpmn_process_id,
        message_name=value.message_name,
    )
    ctx.send_command(
        ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.CORRELATE, answer, value.subscription_partition_id
    )


def _hand_back(ctx: ProcessingContext, value: WorkflowInstanceSubscriptionRecordValue, correlation_key: str) -> None:
    """MESSAGE_SUBSCRIPTION REJECT, to the message's partition.

    Zeebe 0.26 sends it to the instance's partition (one partition: the same); with several
    partitions only the message's partition can offer the message again, so it goes there.
    """
    rejected = MessageSubscriptionRecordValue(
        workflow_instance_key=value.workflow_instance_key,
        element_instance_key=-1,
        bpmn_process_id=value.bpmn_process_id,
        message_key=value.message_key,
        message_name=value.message_name,
        correlation_key=correlation_key,
        close_on_correlate=False,
    )
    partition = decode_partition_id(value.message_key)
    ctx.send_command(ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.REJECT, rejected, partition)


@processes(RecordType.COMMAND, ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION, Intent.CLOSE)
def close_subscription(ctx: ProcessingContext, record: Record) -> None:
    value = _value(record)
    if ctx.state.instance_subscriptions.get(value.element_instance_key, value.message_name) is None:
        reason = messages.INSTANCE_SUBSCRIPTION_CLOSE_NOT_FOUND.format(
            key=value.element_instance_key, name=value.message_name
        )
        ctx.reject(RejectionType.NOT_FOUND, reason)
        return
    ctx.write_event(ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION, Intent.CLOSED, record.key, value)
    ctx.accept(record.key, value)
