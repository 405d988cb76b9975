"""One workflow instance's story, rebuilt from the record log alone.

Assertions read this, never the engine's state: the log is what Zeebe exports, so whatever an
assertion says can be checked against the records, and the same reading works for any point of
the log (the basis for asserting the past later). Records are read by Zeebe 0.26's field names
(snake_case), so value types the engine learns later (incidents, timers, message subscriptions)
are understood as soon as their records appear.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pytest_zeebe.engine.records import Record

NO_KEY = -1
FINAL = frozenset({"ELEMENT_COMPLETED", "ELEMENT_TERMINATED"})
LIFECYCLE = frozenset(
    {
        "ELEMENT_ACTIVATING",
        "ELEMENT_ACTIVATED",
        "ELEMENT_COMPLETING",
        "ELEMENT_COMPLETED",
        "ELEMENT_TERMINATING",
        "ELEMENT_TERMINATED",
    }
)
JOB_OUTCOMES = frozenset({"COMPLETED", "FAILED", "TIMED_OUT", "ERROR_THROWN", "CANCELED"})


@dataclass(slots=True)
class ElementInstance:
    """One activation of one element (the process itself included), with its lifecycle so far."""

    key: int
    element_id: str
    element_type: str
    flow_scope_key: int
    state: str
    started_at: int
    ended_at: int | None = None

    @property
    def active(self) -> bool:
        """Not yet completed or terminated (an incident can hold it in ACTIVATING or COMPLETING)."""
        return self.state not in FINAL


@dataclass(slots=True)
class JobView:
    """A job as its records tell it: Zeebe's job state plus its last outcome."""

    key: int
    type: str
    element_id: str
    element_instance_key: int
    retries: int
    state: str = "ACTIVATABLE"
    worker: str = ""
    deadline: int = NO_KEY
    error_code: str = ""
    error_message: str = ""
    outcome: str | None = None
    events: list[tuple[str, int]] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.state not in ("COMPLETED", "CANCELED")


@dataclass(slots=True)
class IncidentView:
    key: int
    error_type: str
    error_message: str
    element_id: str
    element_instance_key: int
    job_key: int
    created_at: int
    resolved_at: int | None = None

    @property
    def open(self) -> bool:
        return self.resolved_at is None


@dataclass(slots=True)
class TimerView:
    key: int
    element_instance_key: int
    target_element_id: str
    due_date: int
    repetitions: int


@dataclass(slots=True)
class SubscriptionView:
    element_instance_key: int
    message_name: str
    correlation_key: str
    close_on_correlate: bool = True


@dataclass(slots=True)
class VariableView:
    scope_key: int
    name: str
    text: str
    """The value's JSON text, as the record carries it."""

    @property
    def value(self) -> Any:
        return json.loads(self.text)


@dataclass(slots=True)
class InstanceHistory:
    """What the log says about workflow instance `key`."""

    key: int
    records: list[Record] = field(default_factory=list)
    process: ElementInstance | None = None
    bpmn_process_id: str = ""
    version: int = -1
    elements: dict[int, ElementInstance] = field(default_factory=dict)
    passed: list[tuple[str, int]] = field(default_factory=list)
    """Completed elements and taken sequence flows, in order: (id, timestamp)."""
    variables: dict[int, dict[str, VariableView]] = field(default_factory=dict)
    jobs: dict[int, JobView] = field(default_factory=dict)
    incidents: dict[int, IncidentView] = field(default_factory=dict)
    timers: dict[int, TimerView] = field(default_factory=dict)
    subscriptions: dict[tuple[int, str], SubscriptionView] = field(default_factory=dict)
    correlations: list[tuple[str, int, int]] = field(default_factory=list)
    """Messages correlated to the instance, in order: (message name, message key, element instance key)."""

    @property
    def exists(self) -> bool:
        return self.process is not None

    @property
    def state(self) -> str:
        """`active`, `completed`, `terminated`, or `unknown` (no such instance in the log)."""
        if self.process is None:
            return "unknown"
        return {"ELEMENT_COMPLETED": "completed", "ELEMENT_TERMINATED": "terminated"}.get(self.process.state, "active")

    def active_elements(self) -> list[ElementInstance]:
        """Element instances not yet left, the process excluded, in activation order."""
        return [e for e in self.elements.values() if e.active and e.key != self.key]

    def waiting_elements(self) -> list[ElementInstance]:
        """Active element instances that are no scope of another active one: where the instance waits."""
        active = self.active_elements()
        scopes = {element.flow_scope_key for element in active}
        return [element for element in active if element.key not in scopes]

    def passed_ids(self) -> list[str]:
        return [element_id for element_id, _ in self.passed]

    def open_incidents(self) -> list[IncidentView]:
        return [incident for incident in self.incidents.values() if incident.open]

    def scope_keys(self, element_id: str) -> list[int]:
        """Keys of the element instances of `element_id` (the process id names the root scope)."""
        if element_id == self.bpmn_process_id:
            return [self.key]
        return [e.key for e in self.elements.values() if e.element_id == element_id]

    def scope_name(self, scope_key: int) -> str:
        element = self.elements.get(scope_key)
        if scope_key == self.key:
            return f"{self.bpmn_process_id or 'process'} (root scope)"
        if element is None:
            return f"scope {scope_key}"
        return f"{element.element_id} (element instance {scope_key})"


def build_history(key: int, records: Iterable[Record]) -> InstanceHistory:
    """Replay the records of one instance (as `RecordQuery.of_instance` selects them) into a history."""
    history = InstanceHistory(key)
    for record in records:
        history.records.append(record)
        if record.record_type != "EVENT":
            continue
        reader = _READERS.get(str(record.value_type))
        if reader is not None:
            reader(history, record)
    return history


def _workflow_instance(history: InstanceHistory, record: Record) -> None:
    value: Any = record.value
    intent = str(record.intent)
    if intent == "SEQUENCE_FLOW_TAKEN":
        history.passed.append((value.element_id, record.timestamp))
        return
    if intent not in LIFECYCLE:
        return
    element = history.elements.get(record.key)
    if element is None:
        element = ElementInstance(
            record.key,
            value.element_id,
            str(value.bpmn_element_type),
            value.flow_scope_key,
            intent,
            record.timestamp,
        )
        history.elements[record.key] = element
        if record.key == history.key:
            history.process = element
            history.bpmn_process_id = value.bpmn_process_id
            history.version = value.version
    element.state = intent
    if intent in FINAL:
        element.ended_at = record.timestamp
    if intent == "ELEMENT_COMPLETED":
        history.passed.append((value.element_id, record.timestamp))


def _job(history: InstanceHistory, record: Record) -> None:
    value: Any = record.value
    intent = str(record.intent)
    job = history.jobs.get(record.key)
    if job is None:
        if intent != "CREATED":
            return
        job = JobView(record.key, value.type, value.element_id, value.element_instance_key, value.retries)
        history.jobs[record.key] = job
    job.events.append((intent, record.timestamp))
    if intent in JOB_OUTCOMES:
        job.outcome = intent
    if intent == "ACTIVATED":  # Zeebe 0.25 wrote one per job; 0.26 only the batch
        _activated(job, value.worker, value.deadline, value.retries)
    elif intent == "COMPLETED":
        job.state = "COMPLETED"
    elif intent == "FAILED":
        job.retries = value.retries
        job.error_message = value.error_message
        job.state = "ACTIVATABLE" if value.retries > 0 else "FAILED"
    elif intent == "TIMED_OUT":
        job.state = "ACTIVATABLE"
    elif intent == "RETRIES_UPDATED":
        job.retries = value.retries
    elif intent == "ERROR_THROWN":
        job.state = "ERROR_THROWN"
        job.error_code = value.error_code
        job.error_message = value.error_message
    elif intent == "CANCELED":
        job.state = "CANCELED"


def _activated(job: JobView, worker: str, deadline: int, retries: int) -> None:
    job.state = "ACTIVATED"
    job.worker = worker
    job.deadline = deadline
    job.retries = retries


def _job_batch(history: InstanceHistory, record: Record) -> None:
    value: Any = record.value
    if str(record.intent) != "ACTIVATED":
        return
    for key, job_value in zip(value.job_keys, value.jobs, strict=False):
        job = history.jobs.get(key)
        if job is not None:
            job.events.append(("ACTIVATED", record.timestamp))
            _activated(job, value.worker, job_value.deadline, job_value.retries)


def _variable(history: InstanceHistory, record: Record) -> None:
    value: Any = record.value
    scope = history.variables.setdefault(value.scope_key, {})
    scope[value.name] = VariableView(value.scope_key, value.name, value.value)


def _incident(history: InstanceHistory, record: Record) -> None:
    value: Any = record.value
    intent = str(record.intent)
    if intent == "CREATED":
        history.incidents[record.key] = IncidentView(
            record.key,
            str(value.error_type),
            value.error_message,
            value.element_id,
            value.element_instance_key,
            getattr(value, "job_key", NO_KEY),
            record.timestamp,
        )
    elif intent == "RESOLVED" and record.key in history.incidents:
        incident = history.incidents[record.key]
        incident.resolved_at = record.timestamp
        job = history.jobs.get(incident.job_key)
        if job is not None and job.state == "FAILED":
            job.state = "ACTIVATABLE"  # Zeebe's resolve makes a failed job activatable again


def _timer(history: InstanceHistory, record: Record) -> None:
    value: Any = record.value
    intent = str(record.intent)
    if intent == "CREATED":
        history.timers[record.key] = TimerView(
            record.key, value.element_instance_key, value.target_element_id, value.due_date, value.repetitions
        )
    elif intent in ("TRIGGERED", "CANCELED"):
        history.timers.pop(record.key, None)


def _subscription(history: InstanceHistory, record: Record) -> None:
    value: Any = record.value
    intent = str(record.intent)
    slot = (value.element_instance_key, value.message_name)
    if intent == "OPENED":
        correlation_key = getattr(value, "correlation_key", "")
        closes = getattr(value, "close_on_correlate", True)
        history.subscriptions[slot] = SubscriptionView(
            value.element_instance_key, value.message_name, correlation_key, closes
        )
    elif intent == "CLOSED":
        history.subscriptions.pop(slot, None)
    elif intent == "CORRELATED":
        history.correlations.append((value.message_name, getattr(value, "message_key", NO_KEY), slot[0]))
        if slot in history.subscriptions and history.subscriptions[slot].close_on_correlate:
            del history.subscriptions[slot]  # an interrupting event's subscription ends with its message


_READERS = {
    "WORKFLOW_INSTANCE": _workflow_instance,
    "JOB": _job,
    "JOB_BATCH": _job_batch,
    "VARIABLE": _variable,
    "INCIDENT": _incident,
    "TIMER": _timer,
    "WORKFLOW_INSTANCE_SUBSCRIPTION": _subscription,
}
