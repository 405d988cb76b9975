"""Commands submitted to the engine and what comes back."""

from __future__ import annotations

from dataclasses import dataclass

from pytest_zeebe.engine.intents import Intent, RejectionType, ValueType
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.values import RecordValue


@dataclass(frozen=True, slots=True)
class Command:
    """A command for the engine, as a client (or the clock) sends it."""

    value_type: ValueType
    intent: Intent
    value: RecordValue
    key: int = NO_KEY
    partition_id: int = 1


@dataclass(frozen=True, slots=True)
class Accepted:
    """A command that was processed: the key and value of the event that answers it."""

    key: int
    value: RecordValue


@dataclass(frozen=True, slots=True)
class Rejected:
    """A command the engine rejected, with Zeebe's rejection type and reason."""

    intent: Intent
    rejection_type: RejectionType
    reason: str

    @property
    def message(self) -> str:
        """The text Zeebe's gateway sends for a rejection."""
        return f"Command '{self.intent.value}' rejected with code '{self.rejection_type.value}': {self.reason}"


CommandResult = Accepted | Rejected
