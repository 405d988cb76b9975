"""`assert_that(message)` and `assert_that(incident)`: assertions on published messages and incidents.

A message (what ``zeebe.publish_message`` returned) is followed through the record log: its
correlations (WORKFLOW_INSTANCE_SUBSCRIPTION CORRELATED with its key), its expiry (MESSAGE
DELETED) and the instances it started (the EVENT_OCCURRED its PUBLISH command caused). An
incident (from ``zeebe.incidents()``) is checked against what it carries, and its resolution is
read from the log (INCIDENT RESOLVED).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pytest_zeebe.errors import FakeOnlyError
from pytest_zeebe.testing import explain
from pytest_zeebe.testing.history import InstanceHistory, build_history
from pytest_zeebe.testing.records import RecordQuery
from pytest_zeebe.testing.results import Incident, PublishedMessage


def _fail(headline: str) -> AssertionError:
    return AssertionError(explain.failure(headline, None))


def _key(target: Any) -> int:
    return target if isinstance(target, int) else int(target.key)


class MessageAssert:
    """Assertions on a published message, over the record log of the embedded fake."""

    def __init__(self, message: PublishedMessage, records: Callable[[], RecordQuery]) -> None:
        self.message = message
        self._records = records

    def __repr__(self) -> str:
        return f"<assert_that(message {self.message.key})>"

    def _name(self) -> str:
        key = f", correlation key {self.message.correlation_key!r}" if self.message.correlation_key else ""
        return f"message {self.message.key} ({self.message.name!r}{key})"

    def correlations(self) -> list[tuple[int, str]]:
        """(workflow instance key, element id) of each correlation, in order."""
        records = self._records().workflow_instance_subscriptions(intent="CORRELATED", message_key=self.message.key)
        elements = self._records().workflow_instance(intent="ELEMENT_ACTIVATED")
        names = {record.key: record.value.element_id for record in elements}  # type: ignore[attr-defined]
        return [
            (record.value.workflow_instance_key, names.get(record.value.element_instance_key, "?"))  # type: ignore[attr-defined]
            for record in records.events()
        ]

    def started_instances(self) -> list[tuple[int, str]]:
        """(workflow instance key, process id) of the instances the message started when published."""
        records = self._records()
        published = records.messages(intent="PUBLISHED", key=self.message.key)
        if not published:
            return []
        cause = published.first()
        occurred = records.workflow_instance(
            intent="EVENT_OCCURRED", partition_id=cause.partition_id, bpmn_element_type="START_EVENT"
        )
        return [
            (record.value.workflow_instance_key, record.value.bpmn_process_id)  # type: ignore[attr-defined]
            for record in occurred
            if record.source_record_position == cause.source_record_position
        ]

    def _story(self) -> str:
        correlations = self.correlations()
        started = self.started_instances()
        expired = bool(self._records().messages(intent="DELETED", key=self.message.key))
        parts = [
            "correlated to " + explain.listing(f"{key} at {element}" for key, element in correlations)
            if correlations
            else "not correlated to any waiting instance (" + self._waiting() + ")",
            "started " + explain.listing(f"{key} ({process})" for key, process in started)
            if started
            else "started no instance",
            "expired (its time to live ended)" if expired else "still buffered or never buffered (no expiry yet)",
        ]
        return "; ".join(parts)

    def _waiting(self) -> str:
        """Who waits for a message of this name now: the open subscriptions, with their keys."""
        records = self._records().message_subscriptions(message_name=self.message.name).events()
        open_subscriptions: dict[int, str] = {}
        for record in records:
            value: Any = record.value
            if record.intent.value == "OPENED":
                open_subscriptions[value.element_instance_key] = (
                    f"workflow instance {value.workflow_instance_key} (correlation key {value.correlation_key!r})"
                )
            elif record.intent.value in ("CLOSED", "CORRELATED") and value.close_on_correlate:
                open_subscriptions.pop(value.element_instance_key, None)
        if not open_subscriptions:
            return f"no instance waits for {self.message.name!r}"
        return f"waiting for {self.message.name!r}: {explain.listing(open_subscriptions.values())}"

    def is_correlated(self, instance: Any = None) -> MessageAssert:
        """The message was correlated to a waiting instance (to `instance`, its key or object, if given)."""
        __tracebackhide__ = True
        keys = [key for key, _ in self.correlations()]
        if not keys if instance is None else _key(instance) not in keys:
            target = "" if instance is None else f" to workflow instance {_key(instance)}"
            raise _fail(f"Expected {self._name()} to be correlated{target}, but it was {self._story()}.")
        return self

    def is_not_correlated(self) -> MessageAssert:
        """No waiting instance took the message."""
        __tracebackhide__ = True
        if self.correlations():
            raise _fail(f"Expected {self._name()} not to be correlated, but it was {self._story()}.")
        return self

    def has_expired(self) -> MessageAssert:
        """The message's time to live ended (MESSAGE DELETED; at once for a time to live of 0)."""
        __tracebackhide__ = True
        if not self._records().messages(intent="DELETED", key=self.message.key):
            raise _fail(f"Expected {self._name()} to have expired, but it was {self._story()}.")
        return self

    def has_not_expired(self) -> MessageAssert:
        """The message is still buffered."""
        __tracebackhide__ = True
        if self._records().messages(intent="DELETED", key=self.message.key):
            raise _fail(f"Expected {self._name()} not to have expired, but it was {self._story()}.")
        return self

    def has_started_instance(self, bpmn_process_id: str | None = None) -> MessageAssert:
        """Publishing the message started an instance (of `bpmn_process_id`, if given) at a message
        start event."""
        __tracebackhide__ = True
        started = [process for _, process in self.started_instances()]
        if not started if bpmn_process_id is None else bpmn_process_id not in started:
            what = "an instance" if bpmn_process_id is None else f"an instance of {bpmn_process_id!r}"
            raise _fail(f"Expected {self._name()} to have started {what}, but it was {self._story()}.")
        return self


class IncidentAssert:
    """Assertions on an incident; asserting on it counts as naming it (no teardown failure)."""

    def __init__(self, incident: Incident, records: Callable[[], RecordQuery]) -> None:
        self.incident = incident
        self._records = records

    def __repr__(self) -> str:
        return f"<assert_that(incident {self.incident.key})>"

    def _name(self) -> str:
        i = self.incident
        return f"incident {i.key} ({i.error_type} at {i.element_id} of workflow instance {i.workflow_instance_key})"

    def _check(self, ok: bool, expectation: str, actual: str) -> IncidentAssert:
        __tracebackhide__ = True
        if not ok:
            headline = (
                f"Expected {self._name()} {expectation}, but {actual}. "
                f"Its message: {explain.short(self.incident.error_message, 300)!r}."
            )
            raise AssertionError(explain.failure(headline, self._history()))
        return self

    def _history(self) -> InstanceHistory | None:
        """The incident's instance as the log tells it, for the failure message (None on a real gateway)."""
        try:
            records = self._records()
        except FakeOnlyError:
            return None
        key = self.incident.workflow_instance_key
        history = build_history(key, records.of_instance(key))
        return history if history.exists else None

    def has_error_type(self, error_type: str) -> IncidentAssert:
        """Its error type: ``JOB_NO_RETRIES``, ``IO_MAPPING_ERROR``, ``UNHANDLED_ERROR_EVENT`` ..."""
        __tracebackhide__ = True
        actual = self.incident.error_type
        return self._check(actual == error_type, f"to be of type {error_type!r}", f"it is {actual!r}")

    def has_error_message(self, message: str) -> IncidentAssert:
        """Its error message is exactly `message`."""
        __tracebackhide__ = True
        actual = self.incident.error_message
        return self._check(actual == message, f"to have the message {message!r}", "it has another")

    def has_element_id(self, element_id: str) -> IncidentAssert:
        """It was raised at `element_id`."""
        __tracebackhide__ = True
        actual = self.incident.element_id
        return self._check(actual == element_id, f"to be at {element_id!r}", f"it is at {actual!r}")

    def has_job(self, job: Any) -> IncidentAssert:
        """It reports the failure of `job` (its key or the job)."""
        __tracebackhide__ = True
        actual = self.incident.job_key
        wanted = _key(job)
        shown = f"it reports job {actual}" if actual > 0 else "it belongs to no job"
        return self._check(actual == wanted, f"to report job {wanted}", shown)

    def _resolved(self) -> bool:
        return bool(self._records().incidents(intent="RESOLVED", key=self.incident.key))

    def is_resolved(self) -> IncidentAssert:
        """It was resolved (INCIDENT RESOLVED)."""
        __tracebackhide__ = True
        return self._check(self._resolved(), "to be resolved", "it is still open")

    def is_unresolved(self) -> IncidentAssert:
        """It is still open."""
        __tracebackhide__ = True
        return self._check(not self._resolved(), "to be open", "it was resolved")
