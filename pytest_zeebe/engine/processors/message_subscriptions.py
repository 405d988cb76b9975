"""MESSAGE_SUBSCRIPTION commands, the message partition's side (Zeebe's OpenMessageSubscription-,
CorrelateMessageSubscription-, RejectMessageCorrelation- and CloseMessageSubscriptionProcessor).

OPEN records the subscription and offers it the first buffered message it may take (instead of
acknowledging it, as Zeebe's replaced side effect does); CORRELATE is
the instance's acknowledgement of a correlation (a subscription that may trigger again is offered
the next buffered message); REJECT returns a message the instance could not take, which then goes
to another subscription of the same process; CLOSE removes the subscription. Each answers the
instance partition with the matching WORKFLOW_INSTANCE_SUBSCRIPTION command. The records keep key
-1, as in Zeebe (these processors do not take keys).
"""

from __future__ import annotations

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import (
    MessageSubscriptionIntent,
    RecordType,
    RejectionType,
    ValueType,
    WorkflowInstanceSubscriptionIntent,
)
from pytest_zeebe.engine.keys import decode_partition_id
from pytest_zeebe.engine.processors.messages import send_correlate
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import Message
from pytest_zeebe.engine.values import MessageSubscriptionRecordValue, WorkflowInstanceSubscriptionRecordValue

Intent = MessageSubscriptionIntent


def _value(record: Record) -> MessageSubscriptionRecordValue:
    value = record.value
    assert isinstance(value, MessageSubscriptionRecordValue)
    return value


def _answer(
    ctx: ProcessingContext, intent: WorkflowInstanceSubscriptionIntent, value: MessageSubscriptionRecordValue
) -> None:
    """OPEN or CLOSE acknowledged to the instance partition."""
    answer = WorkflowInstanceSubscriptionRecordValue(
        subscription_partition_id=ctx.partition_id,
        workflow_instance_key=value.workflow_instance_key,
        element_instance_key=value.element_instance_key,
        message_name=value.message_name,
        close_on_correlate=value.close_on_correlate,
    )
    partition = decode_partition_id(value.workflow_instance_key)
    ctx.send_command(ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION, intent, answer, partition)


def _first_message(ctx: ProcessingContext, name: str, correlation_key: str, process_id: str) -> Message | None:
    """Zeebe's MessageCorrelator: the first published buffered message not yet sent to the process."""
    now = ctx.now()
    for message in ctx.state.messages.buffered(name, correlation_key):
        if message.deadline > now and not ctx.state.messages.correlated(message.key, process_id):
            return message
    return None


def _correlate_next(
    ctx: ProcessingContext, instance_key: int, element_key: int, process_id: str, name: str, correlation_key: str
) -> bool:
    """Send the first buffered message the subscription may take; whether there was one."""
    message = _first_message(ctx, name, correlation_key, process_id)
    if message is None:
        return False
    send_correlate(ctx, instance_key, element_key, process_id, name, message.key, message)
    return True


@processes(RecordType.COMMAND, ValueType.MESSAGE_SUBSCRIPTION, Intent.OPEN)
def open_subscription(ctx: ProcessingContext, record: Record) -> None:
    """OPENED, and the acknowledgement *or* the first buffered message, never both.

    Zeebe's processor hands the stream processor one side effect, and a processor's side effect
    replaces the one before it (`TypedRecordProcessor#processRecord`: "consumer to replace the
    default side effect"): OpenMessageSubscriptionProcessor sets the acknowledgement, then
    MessageCorrelator replaces it with the CORRELATE ("send the correlate instead of acknowledge
    command"). So an element that finds a buffered message writes no WORKFLOW_INSTANCE_SUBSCRIPTION
    OPEN/OPENED; its instance side stays OPENING, which CORRELATE accepts.
    """
    value = _value(record)
    if ctx.state.message_subscriptions.get(value.element_instance_key, value.message_name) is not None:
        _answer(ctx, WorkflowInstanceSubscriptionIntent.OPEN, value)
        reason = messages.SUBSCRIPTION_ALREADY_OPENED.format(key=value.element_instance_key, name=value.message_name)
        ctx.reject(RejectionType.INVALID_STATE, reason)
        return
    correlating = _correlate_next(
        ctx,
        value.workflow_instance_key,
        value.element_instance_key,
        value.bpmn_process_id,
        value.message_name,
        value.correlation_key,
    )
    if not correlating:
        _answer(ctx, WorkflowInstanceSubscriptionIntent.OPEN, value)
    ctx.write_event(ValueType.MESSAGE_SUBSCRIPTION, Intent.OPENED, record.key, value)
    ctx.accept(record.key, value)


@processes(RecordType.COMMAND, ValueType.MESSAGE_SUBSCRIPTION, Intent.CORRELATE)
def correlate_subscription(ctx: ProcessingContext, record: Record) -> None:
    value = _value(record)
    subscription = ctx.state.message_subscriptions.get(value.element_instance_key, value.message_name)
    if subscription is None:
        reason = messages.SUBSCRIPTION_CORRELATE_NOT_FOUND.format(
            key=value.element_instance_key, name=value.message_name
        )
        ctx.reject(RejectionType.NOT_FOUND, reason)
        return
    ctx.write_event(ValueType.MESSAGE_SUBSCRIPTION, Intent.CORRELATED, record.key, value)
    ctx.accept(record.key, value)
    if not subscription.close_on_correlate:
        _correlate_next(
            ctx,
            subscription.workflow_instance_key,
            subscription.element_instance_key,
            subscription.bpmn_process_id,
            subscription.message_name,
            subscription.correlation_key,
        )


@processes(RecordType.COMMAND, ValueType.MESSAGE_SUBSCRIPTION, Intent.REJECT)
def reject_correlation(ctx: ProcessingContext, record: Record) -> None:
    value = _value(record)
    if not ctx.state.messages.correlated(value.message_key, value.bpmn_process_id):
        reason = messages.CORRELATION_NOT_FOUND.format(key=value.message_key, process_id=value.bpmn_process_id)
        ctx.reject(RejectionType.INVALID_STATE, reason)
        return
    ctx.write_event(ValueType.MESSAGE_SUBSCRIPTION, Intent.REJECTED, record.key, value)
    ctx.accept(record.key, value)
    message = ctx.state.messages.get(value.message_key)
    if message is None:
        return  # its time to live ended meanwhile
    for subscription in ctx.state.message_subscriptions.matching(value.message_name, value.correlation_key):
        if subscription.bpmn_process_id == value.bpmn_process_id and not subscription.correlating:
            send_correlate(
                ctx,
                subscription.workflow_instance_key,
                subscription.element_instance_key,
                subscription.bpmn_process_id,
                subscription.message_name,
                message.key,
                message,
            )
            return


@processes(RecordType.COMMAND, ValueType.MESSAGE_SUBSCRIPTION, Intent.CLOSE)
def close_subscription(ctx: ProcessingContext, record: Record) -> None:
    value = _value(record)
    _answer(ctx, WorkflowInstanceSubscriptionIntent.CLOSE, value)
    if ctx.state.message_subscriptions.get(value.element_instance_key, value.message_name) is None:
        reason = messages.SUBSCRIPTION_CLOSE_NOT_FOUND.format(key=value.element_instance_key, name=value.message_name)
        ctx.reject(RejectionType.NOT_FOUND, reason)
        return
    ctx.write_event(ValueType.MESSAGE_SUBSCRIPTION, Intent.CLOSED, record.key, value)
    ctx.accept(record.key, value)
