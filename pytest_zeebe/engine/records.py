"""Records as Zeebe's exporters see them, and the log that holds them in order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import overload

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
    """The append-only sequence of every record the engine wrote, in processing order.

    Alongside each record it keeps its *cause*: the index of the record whose processing wrote it
    (-1 for a command that came from outside). Zeebe's `sourceRecordPosition` says the same within
    one partition; the cause also spans partitions, and lets a replay interleave the processing
    steps exactly as they ran. Reading, indexing and slicing never copy the whole log.
    """

    __slots__ = ("_causes", "_records")

    def __init__(self) -> None:
        self._records: list[Record] = []
        self._causes: list[int] = []

    def append(self, record: Record, cause: int = -1) -> None:
        """Add `record` at the end, written while processing the record at index `cause`."""
        self._records.append(record)
        self._causes.append(cause)

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> list[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | list[Record]:
        return self._records[index]

    def __iter__(self) -> Iterator[Record]:
        """Iterate the records present now; records appended meanwhile are not visited."""
        records = self._records
        return (records[i] for i in range(len(records)))

    def cause(self, index: int) -> int:
        """The index of the record whose processing wrote record `index` (-1: from outside)."""
        return self._causes[index]

    def truncate(self, length: int) -> None:
        """Drop every record after the first `length` (a failed processing step is undone)."""
        del self._records[length:]
        del self._causes[length:]

    def copy(self) -> RecordLog:
        """An independent log with the same records (records are immutable and shared)."""
        clone = RecordLog()
        clone._records = list(self._records)
        clone._causes = list(self._causes)
        return clone
