"""MESSAGE_START_EVENT_SUBSCRIPTION OPEN and CLOSE (Zeebe's Open/CloseMessageStartEventSubscriptionProcessor).

Written when a deployment makes a workflow with message start events the latest version: CLOSE
for the previous version that had message start events, OPEN for each of the new version's. Their
events (key -1, as in Zeebe) put the subscriptions in place or take them away.
"""

from __future__ import annotations

from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import MessageStartEventSubscriptionIntent, RecordType, ValueType
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record

Intent = MessageStartEventSubscriptionIntent


@processes(RecordType.COMMAND, ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, Intent.OPEN)
def open_start_subscription(ctx: ProcessingContext, record: Record) -> None:
    ctx.write_event(ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, Intent.OPENED, record.key, record.value)
    ctx.accept(record.key, record.value)


@processes(RecordType.COMMAND, ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, Intent.CLOSE)
def close_start_subscription(ctx: ProcessingContext, record: Record) -> None:
    ctx.write_event(ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, Intent.CLOSED, record.key, record.value)
    ctx.accept(record.key, record.value)
