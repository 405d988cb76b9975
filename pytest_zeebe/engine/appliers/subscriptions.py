"""Subscription records: both sides of each message subscription, and message start events.

Zeebe pairs the sending of some subscription commands with a state change on the sending side;
here the change is applied when the sent command is written (the same step):
- MESSAGE_SUBSCRIPTION OPEN, sent by a catch element, records the instance side (OPENING), with
  the catch event it triggers;
- MESSAGE_SUBSCRIPTION CLOSE, sent by a catch element, marks the instance side CLOSING;
- WORKFLOW_INSTANCE_SUBSCRIPTION CORRELATE, sent for a message, marks the message side
  correlating and remembers that the (buffered) message went to the subscription's process.
The events change what they name: OPENED, CORRELATED (a subscription that closes on correlation
goes; another may correlate the next message), REJECTED (the message may go to the process again),
CLOSED.
"""

from __future__ import annotations

from pytest_zeebe.engine.appliers.registry import applies
from pytest_zeebe.engine.intents import (
    MessageStartEventSubscriptionIntent,
    MessageSubscriptionIntent,
    RecordType,
    ValueType,
    WorkflowInstanceSubscriptionIntent,
)
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import (
    EngineState,
    MessageSubscription,
    SubscriptionStatus,
    WorkflowInstanceSubscription,
)
from pytest_zeebe.engine.values import (
    MessageStartEventSubscriptionRecordValue,
    MessageSubscriptionRecordValue,
    WorkflowInstanceSubscriptionRecordValue,
)


def _message_side(record: Record) -> MessageSubscriptionRecordValue:
    value = record.value
    assert isinstance(value, MessageSubscriptionRecordValue)
    return value


def _instance_side(record: Record) -> WorkflowInstanceSubscriptionRecordValue:
    value = record.value
    assert isinstance(value, WorkflowInstanceSubscriptionRecordValue)
    return value


@applies(ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.OPEN, record_type=RecordType.COMMAND)
def open_sent(state: EngineState, record: Record, cause: Record | None) -> None:
    value = _message_side(record)
    state.instance_subscriptions.put(
        WorkflowInstanceSubscription(
            workflow_instance_key=value.workflow_instance_key,
            element_instance_key=value.element_instance_key,
            bpmn_process_id=value.bpmn_process_id,
            message_name=value.message_name,
            correlation_key=value.correlation_key,
            target_element_id=value.target_element_id,
            close_on_correlate=value.close_on_correlate,
            subscription_partition_id=record.partition_id,
        )
    )


@applies(ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.CLOSE, record_type=RecordType.COMMAND)
def close_sent(state: EngineState, record: Record, cause: Record | None) -> None:
    value = _message_side(record)
    subscription = state.instance_subscriptions.get(value.element_instance_key, value.message_name)
    if subscription is not None:
        subscription.status = SubscriptionStatus.CLOSING


@applies(
    ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION,
    WorkflowInstanceSubscriptionIntent.CORRELATE,
    record_type=RecordType.COMMAND,
)
def correlate_sent(state: EngineState, record: Record, cause: Record | None) -> None:
    value = _instance_side(record)
    subscription = state.message_subscriptions.get(value.element_instance_key, value.message_name)
    if subscription is not None:
        subscription.correlating = True
        subscription.message_key = value.message_key
        subscription.variables = dict(value.variables)
    state.messages.correlate(value.message_key, value.bpmn_process_id)


@applies(ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.OPENED)
def message_subscription_opened(state: EngineState, record: Record, cause: Record | None) -> None:
    value = _message_side(record)
    state.message_subscriptions.put(
        MessageSubscription(
            workflow_instance_key=value.workflow_instance_key,
            element_instance_key=value.element_instance_key,
            bpmn_process_id=value.bpmn_process_id,
            message_name=value.message_name,
            correlation_key=value.correlation_key,
            close_on_correlate=value.close_on_correlate,
        )
    )


@applies(ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.CORRELATED)
def message_subscription_correlated(state: EngineState, record: Record, cause: Record | None) -> None:
    value = _message_side(record)
    subscription = state.message_subscriptions.get(value.element_instance_key, value.message_name)
    if subscription is None:
        return
    if subscription.close_on_correlate:
        state.message_subscriptions.remove(value.element_instance_key, value.message_name)
    else:
        subscription.correlating = False


@applies(ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.REJECTED)
def message_subscription_rejected(state: EngineState, record: Record, cause: Record | None) -> None:
    value = _message_side(record)
    state.messages.uncorrelate(value.message_key, value.bpmn_process_id)


@applies(ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.CLOSED)
def message_subscription_closed(state: EngineState, record: Record, cause: Record | None) -> None:
    value = _message_side(record)
    state.message_subscriptions.remove(value.element_instance_key, value.message_name)


@applies(ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION, WorkflowInstanceSubscriptionIntent.OPENED)
def instance_subscription_opened(state: EngineState, record: Record, cause: Record | None) -> None:
    value = _instance_side(record)
    subscription = state.instance_subscriptions.get(value.element_instance_key, value.message_name)
    if subscription is not None:
        subscription.status = SubscriptionStatus.OPENED
        subscription.subscription_partition_id = value.subscription_partition_id


@applies(ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION, WorkflowInstanceSubscriptionIntent.CLOSED)
def instance_subscription_closed(state: EngineState, record: Record, cause: Record | None) -> None:
    value = _instance_side(record)
    state.instance_subscriptions.remove(value.element_instance_key, value.message_name)


def _start_subscription(record: Record) -> MessageStartEventSubscriptionRecordValue:
    value = record.value
    assert isinstance(value, MessageStartEventSubscriptionRecordValue)
    return value


@applies(ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, MessageStartEventSubscriptionIntent.OPENED)
def start_subscription_opened(state: EngineState, record: Record, cause: Record | None) -> None:
    subscription = _start_subscription(record)
    state.start_subscriptions.put(subscription)
    state.event_scopes.create_if_absent(subscription.workflow_key, frozenset())


@applies(ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, MessageStartEventSubscriptionIntent.CLOSED)
def start_subscription_closed(state: EngineState, record: Record, cause: Record | None) -> None:
    workflow_key = _start_subscription(record).workflow_key
    state.start_subscriptions.remove_workflow(workflow_key)
    state.event_scopes.delete(workflow_key)
