"""MESSAGE DELETED: an expired message leaves the buffer (with its id and correlations) and the due queue.

A published message is buffered by the processing hook of its PUBLISH (processors/messages.py),
where Zeebe decides what it correlates to.
"""

from __future__ import annotations

from pytest_zeebe.engine.appliers.registry import applies
from pytest_zeebe.engine.intents import MessageIntent, ValueType
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import DueKind, EngineState


@applies(ValueType.MESSAGE, MessageIntent.DELETED)
def message_deleted(state: EngineState, record: Record, cause: Record | None) -> None:
    state.messages.remove(record.key)
    state.due.cancel(DueKind.MESSAGE_EXPIRY, record.key)
