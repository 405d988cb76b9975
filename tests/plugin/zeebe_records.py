"""Hand-built records in Zeebe 0.26's exported format, for what the engine cannot produce yet.

The value classes below carry the fields of Zeebe's `IncidentRecordValue`, `TimerRecordValue`,
`WorkflowInstanceSubscriptionRecordValue` and `MessageRecordValue` (snake_case, as ours are), so
the harness's reading of such records is tested before the engine writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pytest_zeebe.engine.intents import (
    Intent,
    JobBatchIntent,
    JobIntent,
    RecordType,
    ValueType,
    VariableIntent,
    WorkflowInstanceIntent,
)
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.values import (
    JobBatchRecordValue,
    JobRecordValue,
    RecordValue,
    VariableRecordValue,
    WorkflowInstanceRecordValue,
)

INSTANCE = 2251799813685251
START = 1609459200000  # 2021-01-01T00:00:00Z


class IncidentIntent(Intent):
    CREATE = "CREATE"
    CREATED = "CREATED"
    RESOLVE = "RESOLVE"
    RESOLVED = "RESOLVED"


class TimerIntent(Intent):
    CREATED = "CREATED"
    TRIGGERED = "TRIGGERED"
    CANCELED = "CANCELED"


class SubscriptionIntent(Intent):
    OPENED = "OPENED"
    CORRELATED = "CORRELATED"
    CLOSED = "CLOSED"


class MessageIntent(Intent):
    PUBLISHED = "PUBLISHED"
    DELETED = "DELETED"


@dataclass(frozen=True, slots=True)
class IncidentRecordValue(RecordValue):
    error_type: str
    error_message: str
    bpmn_process_id: str
    workflow_key: int
    workflow_instance_key: int
    element_id: str
    element_instance_key: int
    job_key: int
    variable_scope_key: int


@dataclass(frozen=True, slots=True)
class TimerRecordValue(RecordValue):
    workflow_key: int
    element_instance_key: int
    workflow_instance_key: int
    due_date: int
    target_element_id: str
    repetitions: int


@dataclass(frozen=True, slots=True)
class WorkflowInstanceSubscriptionRecordValue(RecordValue):
    workflow_instance_key: int
    element_instance_key: int
    bpmn_process_id: str
    message_name: str
    correlation_key: str
    message_key: int = -1


@dataclass(frozen=True, slots=True)
class MessageRecordValue(RecordValue):
    name: str
    correlation_key: str
    message_id: str
    time_to_live: int


class RecordBuilder:
    """Appends records with increasing positions; timestamps move with `at(millis)`."""

    def __init__(self) -> None:
        self.records: list[Record] = []
        self.now = START

    def at(self, offset_ms: int) -> RecordBuilder:
        self.now = START + offset_ms
        return self

    def add(
        self,
        value_type: ValueType,
        intent: Intent,
        key: int,
        value: RecordValue,
        record_type: RecordType = RecordType.EVENT,
    ) -> Record:
        record = Record(
            position=len(self.records) + 1,
            source_record_position=-1,
            key=key,
            timestamp=self.now,
            record_type=record_type,
            value_type=value_type,
            intent=intent,
            partition_id=1,
            value=value,
        )
        self.records.append(record)
        return record

    def element(self, key: int, element_id: str, element_type: str, intent: str, flow_scope: int = INSTANCE) -> None:
        value = WorkflowInstanceRecordValue(
            "order", 1, 2251799813685249, INSTANCE, element_id, -1 if key == INSTANCE else flow_scope, element_type
        )
        self.add(ValueType.WORKFLOW_INSTANCE, WorkflowInstanceIntent(intent), key, value)

    def lifecycle(
        self, key: int, element_id: str, element_type: str, *intents: str, flow_scope: int = INSTANCE
    ) -> None:
        for intent in intents:
            self.element(key, element_id, element_type, intent, flow_scope)

    def flow(self, key: int, flow_id: str) -> None:
        self.element(key, flow_id, "SEQUENCE_FLOW", "SEQUENCE_FLOW_TAKEN")

    def job(self, key: int, intent: JobIntent, element_key: int, **fields: Any) -> None:
        defaults: dict[str, Any] = {
            "type": "payment",
            "retries": 3,
            "element_id": "collect",
            "element_instance_key": element_key,
            "bpmn_process_id": "order",
            "workflow_instance_key": INSTANCE,
        }
        self.add(ValueType.JOB, intent, key, JobRecordValue(**{**defaults, **fields}))

    def batch(
        self, job_keys: Sequence[int], element_key: int, worker: str = "w1", deadline: int = START + 60_000
    ) -> None:
        jobs = tuple(
            JobRecordValue(
                type="payment",
                retries=3,
                worker=worker,
                deadline=deadline,
                element_id="collect",
                element_instance_key=element_key,
                workflow_instance_key=INSTANCE,
            )
            for _ in job_keys
        )
        value = JobBatchRecordValue(type="payment", worker=worker, job_keys=tuple(job_keys), jobs=jobs)
        self.add(ValueType.JOB_BATCH, JobBatchIntent.ACTIVATED, 9999, value)

    def variable(self, key: int, name: str, text: str, scope: int = INSTANCE, updated: bool = False) -> None:
        intent = VariableIntent.UPDATED if updated else VariableIntent.CREATED
        value = VariableRecordValue(name, text, scope, INSTANCE, 2251799813685249)
        self.add(ValueType.VARIABLE, intent, key, value)

    def incident(self, key: int, intent: IncidentIntent, element_key: int, error_type: str, **fields: Any) -> None:
        defaults: dict[str, Any] = {
            "error_message": "No more retries left.",
            "bpmn_process_id": "order",
            "workflow_key": 2251799813685249,
            "workflow_instance_key": INSTANCE,
            "element_id": "collect",
            "element_instance_key": element_key,
            "job_key": -1,
            "variable_scope_key": element_key,
        }
        value = IncidentRecordValue(error_type=error_type, **{**defaults, **fields})
        self.add(ValueType.INCIDENT, intent, key, value)

    def timer(self, key: int, intent: TimerIntent, element_key: int, due: int, target: str) -> None:
        value = TimerRecordValue(2251799813685249, element_key, INSTANCE, due, target, 1)
        self.add(ValueType.TIMER, intent, key, value)

    def subscription(self, intent: SubscriptionIntent, element_key: int, name: str, correlation_key: str) -> None:
        value = WorkflowInstanceSubscriptionRecordValue(INSTANCE, element_key, "order", name, correlation_key)
        self.add(ValueType.WORKFLOW_INSTANCE_SUBSCRIPTION, intent, -1, value)


class CountingLog:
    """A log stub that counts element reads, to prove reads stay linear; copying it is an error."""

    def __init__(self, records: list[Record] | None = None) -> None:
        self.records = records if records is not None else []  # shared: the builder may append later
        self.reads = 0

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, index: int) -> Record:
        self.reads += 1
        return self.records[index]

    def __iter__(self) -> Any:
        raise AssertionError("the query copied or iterated the whole log")


class StubSource:
    """A LogSource over a CountingLog (swap `log` to simulate a reset)."""

    def __init__(self, log: CountingLog) -> None:
        self.log = log
        self.lock = _NoLock()


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
