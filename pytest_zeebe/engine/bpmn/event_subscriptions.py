"""Opening and closing an element's event subscriptions (Zeebe's CatchEventBehavior, as
BpmnEventSubscriptionBehavior hands it an element).

`subscribe` evaluates every message name (in the element's scope), every correlation key (in the
element's scope; a boundary event's in the flow scope of its activity) and every timer (in the
element's scope) before it opens anything, so a failure opens nothing and becomes the element's
incident. Then, in the element's event order (`catch_events`), each timer is armed with a TIMER
CREATE command and each message subscription is sent to the partition of its correlation key as a
MESSAGE_SUBSCRIPTION OPEN (whose writing records the instance side, OPENING). `unsubscribe` cancels
the element's timers (TIMER CANCEL) and sends a CLOSE for each of its message subscriptions.

Element processors call these two; nothing else about subscriptions is their business.
"""

from __future__ import annotations

from pytest_zeebe.engine import expressions
from pytest_zeebe.engine.bpmn.catch_events import CatchEvent, catch_events
from pytest_zeebe.engine.bpmn.context import Step
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.failures import Failure
from pytest_zeebe.engine.intents import MessageSubscriptionIntent, TimerIntent, ValueType
from pytest_zeebe.engine.keys import NO_KEY, subscription_partition_id
from pytest_zeebe.engine.values import MessageSubscriptionRecordValue, TimerRecordValue
from pytest_zeebe.model import BpmnElementType, EventKind
from pytest_zeebe.model.expressions import EvaluationFailed, Timer


def subscribe(step: Step) -> Failure | None:
    """Open the element's timers and message subscriptions, or return why they cannot be opened."""
    ctx, element = step.ctx, step.element
    events = catch_events(step.workflow, step.node, BpmnElementType(element.value.bpmn_element_type))
    if not events:
        return None
    state, env = ctx.state, ctx.feel_env()
    names: dict[str, str] = {}
    keys: dict[str, str] = {}
    timers: dict[str, tuple[Timer, int]] = {}
    for event in events:
        if event.kind is EventKind.MESSAGE:
            assert event.message is not None
            name = expressions.evaluate_string(event.message.name, state, element.key, env)
            if isinstance(name, Failure):
                return name
            names[event.id] = name
    for event in events:
        if event.kind is EventKind.MESSAGE:
            assert event.message is not None and event.message.correlation_key is not None
            scope_key = element.flow_scope_key if event.is_boundary else element.key
            key = expressions.evaluate_correlation_key(event.message.correlation_key, state, scope_key, env)
            if isinstance(key, Failure):
                return key
            keys[event.id] = key
    for event in events:
        if event.kind is EventKind.TIMER:
            assert event.timer is not None
            timer = expressions.evaluate_timer_definition(event.timer, state, element.key, env)
            if isinstance(timer, Failure):
                return timer
            try:
                timers[event.id] = (timer, timer.due_date(ctx.now(), state.zone))
            except EvaluationFailed as error:
                return Failure(str(error), variable_scope_key=element.key)
    for event in events:
        if event.id in timers:
            timer, due_date = timers[event.id]
            arm_timer(ctx, element.key, element.workflow_instance_key, element.workflow_key, event.id, timer, due_date)
        elif event.id in names:
            _open_message_subscription(step, event, names[event.id], keys[event.id])
    return None


def _open_message_subscription(step: Step, event: CatchEvent, name: str, correlation_key: str) -> None:
    ctx, element = step.ctx, step.element
    value = MessageSubscriptionRecordValue(
        workflow_instance_key=element.workflow_instance_key,
        element_instance_key=element.key,
        bpmn_process_id=element.value.bpmn_process_id,
        message_name=name,
        correlation_key=correlation_key,
        close_on_correlate=event.close_on_correlate,
        target_element_id=event.id,
    )
    partition = subscription_partition_id(correlation_key, len(ctx.state.positions))
    ctx.send_command(ValueType.MESSAGE_SUBSCRIPTION, MessageSubscriptionIntent.OPEN, value, partition)


def arm_timer(
    ctx: ProcessingContext,
    element_instance_key: int,
    workflow_instance_key: int,
    workflow_key: int,
    target_element_id: str,
    timer: Timer,
    due_date: int,
) -> None:
    """TIMER CREATE for a timer falling due at `due_date` (Zeebe's subscribeToTimerEvent)."""
    value = TimerRecordValue(
        element_instance_key=element_instance_key,
        workflow_instance_key=workflow_instance_key,
        due_date=due_date,
        target_element_id=target_element_id,
        repetitions=timer.repetitions,
        workflow_key=workflow_key,
    )
    ctx.write_command(ValueType.TIMER, TimerIntent.CREATE, NO_KEY, value)


def unsubscribe(ctx: ProcessingContext, element_key: int) -> None:
    """TIMER CANCEL for each of the element's timers, a CLOSE for each of its message subscriptions."""
    state = ctx.state
    for timer_key, timer in state.timers.of_element(element_key):
        ctx.write_command(ValueType.TIMER, TimerIntent.CANCEL, timer_key, timer)
    for subscription in state.instance_subscriptions.of_element(element_key):
        value = MessageSubscriptionRecordValue(
            workflow_instance_key=subscription.workflow_instance_key,
            element_instance_key=element_key,
            message_name=subscription.message_name,
        )
        ctx.send_command(
            ValueType.MESSAGE_SUBSCRIPTION,
            MessageSubscriptionIntent.CLOSE,
            value,
            subscription.subscription_partition_id,
        )
