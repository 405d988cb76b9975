"""Records as Zeebe's exporters see them, and the log that holds them in order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pytest_zeebe.engine.intents import Intent, RecordType, RejectionType, ValueType
from pytest_zeebe.engine.values import RecordValue

BROKER_VERSION = "0.26.0"


@dataclass(frozen=True, slots=True)
class Record:
    """One command, event or rejection, with the fields of Zeebe's exported records."""

    position: int
    source_record_position: int
    key: int
    timestamp: int
    record_type: RecordType
    value_type: ValueType
    intent: Intent
    partition_id: int
    value: RecordValue
    rejection_type: RejectionType = RejectionType.NULL_VAL
    rejection_reason: str = ""
    broker_version: str = BROKER_VERSION

    def to_dict(self) -> dict[str, object]:
        """Zeebe's JSON form of the record (the field names its JSON exporters write)."""
        return {
            "partitionId": self.partition_id,
            "value": self.value.to_dict(),
            "rejectionType": self.rejection_type.value,
            "rejectionReason": self.rejection_reason,
            "brokerVersion": self.broker_version,
            "sourceRecordPosition": self.source_record_position,
            "position": self.position,
            "key": self.key,
            "timestamp": self.timestamp,
            "recordType": self.record_type.value,
            "valueType": self.value_type.value,
            "intent": self.intent.value,
        }

    def __repr__(self) -> str:
        """Short enough to read in an assertion message."""
        element = getattr(self.value, "element_id", None)
        where = f" {element}" if element else ""
        return (
            f"<{self.record_type.value} {self.value_type.value} {self.intent.value}{where}"
            f" key={self.key} pos={self.position}>"
        )


class RecordLog:
    """The append-only sequence of every record the engine wrote, in processing order."""

    __slots__ = ("_records",)

    def __init__(self) -> None:
        self._records: list[Record] = []

    def append(self, record: Record) -> None:
        """Add `record` at the end."""
        self._records.append(record)

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, index: int) -> Record:
        return self._records[index]

    def __iter__(self) -> Iterator[Record]:
        return iter(list(self._records))

    def truncate(self, length: int) -> None:
        """Drop every record after the first `length` (a failed processing step is undone)."""
        del self._records[length:]
