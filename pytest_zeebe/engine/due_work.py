"""The command that fires a due item, as the Zeebe checker that owns it writes it.

- JOB_TIME_OUT: TIME_OUT for an activated job past its deadline (JobTimeoutTrigger);
- TIMER: TRIGGER for a timer whose due date has come (DueDateTimerChecker);
- MESSAGE_EXPIRY: DELETE for a message whose time to live ended (MessageTimeToLiveChecker).

Zeebe's checkers poll (jobs every 30 s, messages every 60 s, timers when the next one is due);
here each item fires at its own due time.
"""

from __future__ import annotations

from pytest_zeebe.engine.intents import JobIntent, MessageIntent, TimerIntent, ValueType
from pytest_zeebe.engine.keys import decode_partition_id
from pytest_zeebe.engine.results import Command
from pytest_zeebe.engine.state import DueKind, EngineState
from pytest_zeebe.engine.values import MessageRecordValue


def command_for_due_item(state: EngineState, kind: DueKind, key: int) -> Command:
    """The command for the due item (`kind`, `key`), on the partition of its key."""
    partition = decode_partition_id(key)
    if kind is DueKind.JOB_TIME_OUT:
        job = state.jobs.jobs[key]
        return Command(ValueType.JOB, JobIntent.TIME_OUT, job.record, key, partition)
    if kind is DueKind.TIMER:
        return Command(ValueType.TIMER, TimerIntent.TRIGGER, state.timers.timers[key], key, partition)
    message = state.messages.messages[key]
    value = MessageRecordValue(
        name=message.name,
        correlation_key=message.correlation_key,
        time_to_live=message.time_to_live,
        variables=message.variables,
        message_id=message.message_id,
    )
    return Command(ValueType.MESSAGE, MessageIntent.DELETE, value, key, partition)
