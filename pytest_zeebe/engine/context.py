"""What a processor may do while it processes one record: read state, write records, answer.

A processor never changes state itself: every change is the write applier of a record it writes,
or the processing hook of the record it processes (appliers/registry.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from pytest_zeebe.engine.effects import Effect
from pytest_zeebe.engine.intents import Intent, RecordType, RejectionType, ValueType
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.results import Accepted, CommandResult, Rejected
from pytest_zeebe.engine.values import RecordValue
from pytest_zeebe.feel import FixedClock

if TYPE_CHECKING:
    from pytest_zeebe.engine.state import EngineState


class RecordWriter(Protocol):
    """The part of the engine a context writes through."""

    state: EngineState

    def write(
        self,
        record_type: RecordType,
        value_type: ValueType,
        intent: Intent,
        key: int,
        value: RecordValue,
        *,
        cause: int,
        partition_id: int,
        rejection: tuple[RejectionType, str] | None = None,
    ) -> Record: ...

    def feel_now(self) -> datetime: ...

    @property
    def max_resource_size(self) -> int: ...


class ProcessingContext:
    """The processor's handle on the engine for one record.

    Events written here are applied to the state at once; commands written here are processed
    after the current record, in log order, as Zeebe's stream processor does.
    """

    __slots__ = ("_writer", "effects", "index", "record", "result", "sent", "verdict")

    def __init__(self, writer: RecordWriter, record: Record, index: int, verdict: Any = None) -> None:
        self._writer = writer
        self.record = record
        self.index = index
        """The record's index in the log (the cause of everything written here)."""
        self.verdict = verdict
        """What the record's `before` hook decided, if it has one."""
        self.result: CommandResult | None = None
        self.effects: list[Effect] = []
        self.sent: list[tuple[ValueType, Intent, RecordValue, int]] = []
        """Commands sent to a partition (`send_command`), written when the processor is done."""

    @property
    def state(self) -> EngineState:
        """The engine state (processors read it; appliers change it)."""
        return self._writer.state

    @property
    def partition_id(self) -> int:
        """The partition the processed record belongs to."""
        return self.record.partition_id

    @property
    def max_resource_size(self) -> int:
        """The largest deployment resource the engine accepts, in bytes (0: no limit of ours)."""
        return self._writer.max_resource_size

    def now(self) -> int:
        """Engine time in epoch milliseconds."""
        return self._writer.state.counters.clock_millis

    def feel_env(self) -> FixedClock:
        """FEEL's environment for this step: the engine clock, frozen while the step runs."""
        return self._writer.state.feel_env()

    def next_key(self, partition_id: int | None = None) -> int:
        """A fresh key on this record's partition (or another)."""
        return self._writer.state.next_key(partition_id or self.record.partition_id)

    def write_event(self, value_type: ValueType, intent: Intent, key: int, value: RecordValue) -> Record:
        """Append an event caused by the processed record, and apply it to the state."""
        return self._writer.write(
            RecordType.EVENT, value_type, intent, key, value, cause=self.index, partition_id=self.record.partition_id
        )

    def write_command(
        self, value_type: ValueType, intent: Intent, key: int, value: RecordValue, partition_id: int | None = None
    ) -> Record:
        """Append a follow-up command, processed after the current record; it may go to another partition."""
        return self._writer.write(
            RecordType.COMMAND,
            value_type,
            intent,
            key,
            value,
            cause=self.index,
            partition_id=partition_id or self.record.partition_id,
        )

    def send_command(self, value_type: ValueType, intent: Intent, value: RecordValue, partition_id: int) -> None:
        """Send a command to a partition, as Zeebe's SubscriptionCommandSender does.

        Zeebe sends it as a side effect, after the step's records are written; it reaches the log
        later. Here it is appended (key -1) right after the records of this step, in sending order:
        one deterministic order among those a real broker could produce (docs/events.md).
        """
        self.sent.append((value_type, intent, value, partition_id))

    def accept(self, key: int, value: RecordValue) -> None:
        """Answer the processed command with this key and value."""
        self.result = Accepted(key, value)

    def reject(self, rejection_type: RejectionType, reason: str) -> None:
        """Reject the processed command: write the rejection record and answer with it."""
        command = self.record
        self._writer.write(
            RecordType.COMMAND_REJECTION,
            command.value_type,
            command.intent,
            command.key,
            command.value,
            cause=self.index,
            partition_id=command.partition_id,
            rejection=(rejection_type, reason),
        )
        self.result = Rejected(command.intent, rejection_type, reason)

    def effect(self, effect: Effect) -> None:
        """Deliver `effect` once this step is committed and the engine lock released."""
        self.effects.append(effect)
