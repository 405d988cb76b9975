"""The harness's commands: what a test (or a worker) sends to Zeebe, and the state it may read back.

Every command goes through the backend, so it looks and fails the same on the embedded engine
and on a real gateway (`CommandRejectedError` with Zeebe's text). Keys may be given as ints or
as the objects the harness returned (`WorkflowInstance`, `ActivatedJob`, `Job`, `Incident`).
What only the fake can do (state queries, mock workers, driving them) raises `FakeOnlyError`
on a real gateway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pytest_zeebe.errors import EngineFailureError, InstanceNotCompletedError, InvalidVariablesError
from pytest_zeebe.testing.embedded import EmbeddedBackend
from pytest_zeebe.testing.remote import RemoteBackend
from pytest_zeebe.testing.results import Incident, InstanceResult, Job, PublishedMessage

if TYPE_CHECKING:
    from pytest_zeebe.testing.mock_workers import MockWorker, MockWorkers
    from pytest_zeebe.testing.records import RecordQuery

DEFAULT_RESULT_TIMEOUT = 15.0
"""Seconds a real gateway may take to finish an instance for `create_instance_with_result` (Zeebe's
gateway default for CreateWorkflowInstanceWithResult)."""

_R = TypeVar("_R", Job, Incident)


class _Keyed(Protocol):
    @property
    def key(self) -> int: ...


KeyOf = int | _Keyed


def key_of(target: KeyOf) -> int:
    """The key of `target`: an int, or anything the harness returned with a `key`."""
    key = target if isinstance(target, int) else target.key
    if isinstance(key, bool) or not isinstance(key, int):
        raise TypeError(f"expected a key (an int) or an object with a key, got {target!r}")
    return key


class HarnessCommands:
    """Commands and state queries of `ZeebeHarness` (mixed in; see there)."""

    _backend: EmbeddedBackend | RemoteBackend
    _workers: MockWorkers | None
    _named_incidents: set[int]

    def _fake(self, feature: str, reason: str) -> EmbeddedBackend:
        raise NotImplementedError

    def assertion_records(self, feature: str) -> RecordQuery:
        raise NotImplementedError

    # -- instances ------------------------------------------------------------------------------

    def create_instance_with_result(
        self,
        bpmn_process_id: str,
        variables: Mapping[str, Any] | None = None,
        version: int = -1,
        *,
        fetch_variables: Sequence[str] = (),
        timeout: float = DEFAULT_RESULT_TIMEOUT,
    ) -> InstanceResult:
        """Start an instance and run it to completion: its result, with the variables it ended with.

        In process, the mock workers and the work due now are driven until the instance completes;
        the clock does not move. If nothing moves any more and the instance has not completed,
        `InstanceNotCompletedError` says where it waits. On a real gateway, its workers must finish
        it within `timeout` seconds (Zeebe's CreateWorkflowInstanceWithResult).

        :param fetch_variables: only these variables in the result (all if empty).
        """
        __tracebackhide__ = True
        document = _document(variables)
        backend = self._backend
        if isinstance(backend, RemoteBackend):
            return backend.create_instance_with_result(bpmn_process_id, document, version, fetch_variables, timeout)
        key, handle = backend.create_instance_awaiting(bpmn_process_id, document, version, fetch_variables)
        self.run_until_idle()
        result = backend.instance_result(handle)
        if result is None:
            raise InstanceNotCompletedError(self._not_completed(key))
        return result

    def _not_completed(self, key: int) -> str:
        from pytest_zeebe.engine.clock import from_millis
        from pytest_zeebe.testing import explain
        from pytest_zeebe.testing.history import build_history

        records = self.assertion_records("create_instance_with_result")
        history = build_history(key, records.of_instance(key))
        due = self._clock_next_due()
        hint = (
            f" The clock does not move by itself: the next work falls due at "
            f"{explain.timestamp(due)} (zeebe.clock.advance_to({from_millis(due).isoformat()!r}))."
            if due is not None
            else " Nothing is due on the clock; is a mock worker missing (zeebe.worker(type).complete())?"
        )
        headline = (
            f"Expected {explain.instance_name(history)} to complete, but nothing moves any more and "
            f"{explain.waiting_summary(history)}.{hint}"
        )
        return explain.failure(headline, history)

    def _clock_next_due(self) -> int | None:
        backend = self._fake("zeebe.clock", "a real broker's clock cannot be read")
        dues = [backend.engine.next_due(), self._workers.next_due() if self._workers else None]
        return min((due for due in dues if due is not None), default=None)

    def cancel_instance(self, instance: KeyOf) -> None:
        """Cancel a workflow instance (its key or the `WorkflowInstance`)."""
        self._backend.cancel_instance(key_of(instance))

    def set_variables(self, scope: KeyOf, variables: Mapping[str, Any], *, local: bool = False) -> int:
        """Merge `variables` into a scope: a workflow instance or an element instance (its key).

        Without `local`, each variable goes to the innermost scope up the tree that has it (else
        the root), as Zeebe's SetVariables does; with `local`, into exactly this scope. Returns the
        command's key.
        """
        return self._backend.set_variables(key_of(scope), _document(variables), local)

    def publish_message(
        self,
        name: str,
        correlation_key: str = "",
        variables: Mapping[str, Any] | None = None,
        *,
        time_to_live: timedelta | int = 0,
        message_id: str = "",
    ) -> PublishedMessage:
        """Publish a message: correlated to waiting subscriptions with its name and correlation key,
        starting instances of message start events, and buffered for `time_to_live` (a timedelta,
        or milliseconds) of engine time for subscriptions yet to open.
        """
        ttl = time_to_live // timedelta(milliseconds=1) if isinstance(time_to_live, timedelta) else time_to_live
        return self._backend.publish_message(name, correlation_key, _document(variables), ttl, message_id)

    # -- jobs -----------------------------------------------------------------------------------

    def fail_job(self, job: KeyOf, retries: int, message: str = "") -> None:
        """Fail a job as a worker would, leaving `retries` (0: an incident is raised)."""
        self._backend.fail_job(key_of(job), retries, message)

    def throw_error(self, job: KeyOf, error_code: str, message: str = "") -> None:
        """Throw a BPMN error from a job: caught by the closest catch event for `error_code`, else an incident."""
        self._backend.throw_error(key_of(job), error_code, message)

    def update_job_retries(self, job: KeyOf, retries: int) -> None:
        """Set a job's retries (a failed job with no retries left needs this before its incident is resolved)."""
        self._backend.update_job_retries(key_of(job), retries)

    def resolve_incident(self, incident: KeyOf) -> None:
        """Resolve an incident: the element (or job) tries again."""
        self._backend.resolve_incident(key_of(incident))

    # -- the current state ----------------------------------------------------------------------

    def jobs(self, **filters: Any) -> list[Job]:
        """The jobs the engine holds now (not yet completed or cancelled), lowest key first.

        Filters name `Job` fields: ``zeebe.jobs(type="payment", state="ACTIVATABLE")``.
        """
        __tracebackhide__ = True
        return _filtered(self._fake("zeebe.jobs()", _NO_STATE).jobs(), Job, filters)

    def incidents(self, **filters: Any) -> list[Incident]:
        """The open incidents now, lowest key first; filters name `Incident` fields
        (``error_type=``, ``element_id=``, ``workflow_instance_key=`` ...).

        The incidents returned count as asserted: they do not fail the test at teardown.
        """
        __tracebackhide__ = True
        found = _filtered(self._fake("zeebe.incidents()", _NO_STATE).incidents(), Incident, filters)
        self._named_incidents.update(incident.key for incident in found)
        return found

    # -- mock workers ---------------------------------------------------------------------------

    def worker(self, job_type: str) -> MockWorker:
        """The mock worker for `job_type`: ``zeebe.worker("payment").complete(paid=True)``.

        It acts with no threads, after every command and clock step, through the normal
        activation path (see `pytest_zeebe.testing.mock_workers`).
        """
        __tracebackhide__ = True
        return self._mock_workers("zeebe.worker()").worker(job_type)

    def run_until_idle(self) -> None:
        """Drive the mock workers (and what they cause) until nothing moves; the clock stays."""
        __tracebackhide__ = True
        self._mock_workers("zeebe.run_until_idle()").drive()
        failures = self._fake("zeebe.run_until_idle()", _NO_WORKERS).failures()
        if failures:
            raise EngineFailureError(f"the fake Zeebe failed during this test: {failures[0]!r}") from failures[0]

    def _mock_workers(self, feature: str) -> MockWorkers:
        __tracebackhide__ = True
        backend = self._fake(feature, _NO_WORKERS)
        if self._workers is None:
            from pytest_zeebe.testing.mock_workers import MockWorkers

            self._workers = MockWorkers(backend, self.assertion_records(feature))
            self._attach_workers(self._workers)
        return self._workers

    def _attach_workers(self, workers: MockWorkers) -> None:
        raise NotImplementedError


_NO_STATE = "a real gateway does not serve the engine's state to clients"
_NO_WORKERS = "mock workers act inside the embedded engine"


def _filtered(items: list[_R], kind: type[_R], filters: Mapping[str, Any]) -> list[_R]:
    names = [f.name for f in fields(kind)]
    unknown = [name for name in filters if name not in names]
    if unknown:
        raise TypeError(f"{kind.__name__} has no field {unknown[0]!r}; filter by {', '.join(names)}")
    return [item for item in items if all(getattr(item, name) == value for name, value in filters.items())]


def _document(variables: Mapping[str, Any] | None) -> dict[str, Any]:
    """Variables as a client would send them: a JSON object, checked like the gateway checks one."""
    from pytest_zeebe.engine.documents import DocumentError, normalize_document

    try:
        return normalize_document(variables or {})
    except DocumentError as error:
        raise InvalidVariablesError(str(error)) from None
