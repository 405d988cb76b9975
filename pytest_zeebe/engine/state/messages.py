"""Buffered messages and what they were correlated to (Zeebe's MessageState).

A message with a time to live is kept until it expires: by key, by (name, correlation key) in
publication order (lowest key first, which is how Zeebe visits them), and by message id while it
is buffered. A message remembers every process (bpmnProcessId) it was correlated to, so it never
correlates twice to the same workflow. A message start event with a correlation key locks its
workflow for that key while the instance it created runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pytest_zeebe.engine.journal import Entity, Table


class Message(Entity):
    """A buffered message; it can be correlated while `deadline` (epoch ms) is after now."""

    __slots__ = ("correlation_key", "deadline", "key", "message_id", "name", "time_to_live", "variables")
    key: int
    name: str
    correlation_key: str
    variables: Mapping[str, Any]
    message_id: str
    time_to_live: int
    deadline: int

    def __init__(
        self,
        key: int,
        name: str,
        correlation_key: str,
        variables: Mapping[str, Any],
        message_id: str,
        time_to_live: int,
        deadline: int,
    ) -> None:
        self._init(
            key=key,
            name=name,
            correlation_key=correlation_key,
            variables=variables,
            message_id=message_id,
            time_to_live=time_to_live,
            deadline=deadline,
        )


class MessageState:
    """Buffered messages, their correlations, and the message-start locks."""

    __slots__ = ("by_name", "correlations", "ids", "instance_keys", "locks", "messages")

    def __init__(self) -> None:
        self.messages: Table[int, Message] = Table()
        self.by_name: Table[tuple[str, str], Table[int, None]] = Table()
        self.ids: Table[tuple[str, str, str], int] = Table()
        self.correlations: Table[int, Table[str, None]] = Table()
        """The bpmnProcessIds each message was correlated to."""
        self.locks: Table[tuple[str, str], None] = Table()
        """(bpmnProcessId, correlation key) with an active instance created by a message start event."""
        self.instance_keys: Table[int, str] = Table()
        """The correlation key of each running instance that a message start event created."""

    # -- reading ------------------------------------------------------------------------------

    def get(self, key: int) -> Message | None:
        return self.messages.get(key)

    def exists(self, name: str, correlation_key: str, message_id: str) -> bool:
        """Whether a message with this id is buffered (Zeebe's uniqueness check)."""
        return (name, correlation_key, message_id) in self.ids

    def buffered(self, name: str, correlation_key: str) -> list[Message]:
        """Buffered messages with this name and correlation key, first published first."""
        keys = self.by_name.get((name, correlation_key))
        return [self.messages[key] for key in sorted(keys)] if keys else []

    def correlated(self, message_key: int, bpmn_process_id: str) -> bool:
        processes = self.correlations.get(message_key)
        return processes is not None and bpmn_process_id in processes

    def is_locked(self, bpmn_process_id: str, correlation_key: str) -> bool:
        return (bpmn_process_id, correlation_key) in self.locks

    # -- changing (appliers and hooks only) ----------------------------------------------------

    def put(self, message: Message) -> None:
        self.messages[message.key] = message
        self.by_name.setdefault((message.name, message.correlation_key), Table())[message.key] = None
        if message.message_id:
            self.ids[(message.name, message.correlation_key, message.message_id)] = message.key

    def remove(self, key: int) -> None:
        """Forget a message with its id and correlations."""
        message = self.messages.pop(key, None)
        if message is None:
            return
        slot = (message.name, message.correlation_key)
        keys = self.by_name.get(slot)
        if keys is not None:
            keys.pop(key, None)
            if not keys:
                del self.by_name[slot]
        if message.message_id:
            self.ids.pop((message.name, message.correlation_key, message.message_id), None)
        self.correlations.pop(key, None)

    def correlate(self, message_key: int, bpmn_process_id: str) -> None:
        """Remember that the message went to this process (only while it is buffered)."""
        if message_key in self.messages:
            self.correlations.setdefault(message_key, Table())[bpmn_process_id] = None

    def uncorrelate(self, message_key: int, bpmn_process_id: str) -> None:
        processes = self.correlations.get(message_key)
        if processes is not None:
            processes.pop(bpmn_process_id, None)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MessageState):
            return NotImplemented
        return (
            self.messages == other.messages
            and {k: v for k, v in self.by_name.items() if v} == {k: v for k, v in other.by_name.items() if v}
            and self.ids == other.ids
            and {k: v for k, v in self.correlations.items() if v} == {k: v for k, v in other.correlations.items() if v}
            and self.locks == other.locks
            and self.instance_keys == other.instance_keys
        )
