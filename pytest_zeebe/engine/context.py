"""What a processor may do while it processes one record: read state, write records, answer."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pytest_zeebe.engine.intents import Intent, RecordType, RejectionType, ValueType
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.results import Accepted, CommandResult, Rejected
from pytest_zeebe.engine.values import RecordValue
from pytest_zeebe.feel import FixedClock

if TYPE_CHECKING:
    from pytest_zeebe.engine.engine import Engine
    from pytest_zeebe.engine.state import EngineState


class ProcessingContext:
    """The processor's handle on the engine for one record.

    Events written here are applied to the state at once; commands written here are processed
    after the current record, in log order, as Zeebe's stream processor does.
    """

    __slots__ = ("_engine", "record", "result")

    def __init__(self, engine: Engine, record: Record) -> None:
        self._engine = engine
        self.record = record
        self.result: CommandResult | None = None

    @property
    def state(self) -> EngineState:
        """The engine state (processors read it; appliers change it)."""
        return self._engine.state

    @property
    def partition_id(self) -> int:
        """The partition the processed record belongs to."""
        return self.record.partition_id

    @property
    def max_resource_size(self) -> int:
        """The largest deployment resource the engine accepts, in bytes."""
        return self._engine.config.max_resource_size

    def now(self) -> int:
        """Engine time in epoch milliseconds."""
        return self._engine.clock.millis()

    def feel_now(self) -> datetime:
        """Engine time in the engine's time zone: what FEEL's `now()` and `today()` see."""
        return self._engine.clock.now().astimezone(self._engine.config.zone)

    def feel_env(self) -> FixedClock:
        """FEEL's environment for this step: the engine clock, frozen while the step runs."""
        return FixedClock(self.feel_now())

    def next_key(self) -> int:
        """A fresh key on this record's partition."""
        return self._engine.next_key(self.partition_id)

    def write_event(self, value_type: ValueType, intent: Intent, key: int, value: RecordValue) -> Record:
        """Append an event caused by the processed record, and apply it to the state."""
        return self._engine.write(RecordType.EVENT, value_type, intent, key, value, self.record)

    def write_command(self, value_type: ValueType, intent: Intent, key: int, value: RecordValue) -> Record:
        """Append a follow-up command, processed after the current record."""
        return self._engine.write(RecordType.COMMAND, value_type, intent, key, value, self.record)

    def accept(self, key: int, value: RecordValue) -> None:
        """Answer the processed command with this key and value."""
        self.result = Accepted(key, value)

    def reject(self, rejection_type: RejectionType, reason: str) -> None:
        """Reject the processed command: write the rejection record and answer with it."""
        command = self.record
        self._engine.write(
            RecordType.COMMAND_REJECTION,
            command.value_type,
            command.intent,
            command.key,
            command.value,
            command,
            rejection=(rejection_type, reason),
        )
        self.result = Rejected(command.intent, rejection_type, reason)
