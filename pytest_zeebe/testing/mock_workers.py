"""`zeebe.worker("payment").complete(paid=True)`: mock workers that act with no threads.

A mock worker takes the jobs of its type through the normal activation path (JOB_BATCH ACTIVATE
and ACTIVATED records, worker name `MOCK_WORKER`), so the log looks as a real worker's would,
and acts on each: complete, fail, throw an error, or call a handler. Mock workers act after every
command (the engine's idle listeners, so a gRPC client's commands count too) and at every moment
the clock steps to, until nothing moves; no thread and no wall clock is involved, so a test stays
deterministic. `.after(delay)` defers the action on the virtual clock: the job is activated at
once, with a time-out long enough not to fire first, and the action happens when `delay` of
engine time has passed since the job was created.

Each worker keeps a record of its invocations to assert on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pytest_zeebe.engine.clock import from_millis
from pytest_zeebe.errors import CommandRejectedError, MockWorkerError
from pytest_zeebe.testing.results import ActivatedJob

if TYPE_CHECKING:
    from pytest_zeebe.testing.embedded import EmbeddedBackend
    from pytest_zeebe.testing.records import RecordQuery

MOCK_WORKER = "pytest-zeebe-mock-worker"
"""The worker name a mock worker activates jobs with (what JOB_BATCH records and `job.worker` show)."""

JOB_TIMEOUT_MS = 300_000
"""How long a mock worker holds a job past the moment it acts (it acts first: time-outs never fire)."""

MAX_ACTIONS_PER_DRIVE = 10_000
"""More actions than this without the engine settling means endless work (a worker failing a job
with the same retries forever, say)."""

Handler = Callable[[ActivatedJob], Mapping[str, Any] | None]


@dataclass(frozen=True, slots=True)
class Invocation:
    """One job a mock worker acted on: the job as activated, what it did, and when (engine time)."""

    job: ActivatedJob
    action: str
    """`complete`, `fail`, `throw_error` or `handle`."""
    at: datetime


@dataclass(frozen=True, slots=True)
class _Action:
    kind: str
    variables: Mapping[str, Any] = field(default_factory=dict)
    retries: int | None = None
    message: str = ""
    error_code: str = ""
    handler: Handler | None = None
    delay_ms: int = 0


class MockWorker:
    """The mock worker for one job type; its action methods return the worker, so a test keeps it.

    ``zeebe.worker("payment").complete(paid=True)`` completes every payment job with `paid`;
    ``.fail(retries, message)`` fails it (retries left: the job's minus one if not given);
    ``.throw_error(code, message)`` throws a BPMN error; ``.handle(fn)`` calls ``fn(job)`` and
    completes the job with the mapping it returns (or none) unless `fn` completed, failed or threw
    on the job itself; an exception from `fn` fails the job with its text. ``.after(delay)`` gives
    the same actions, deferred until `delay` of engine time has passed since the job was created.
    Setting an action replaces the previous one.
    """

    def __init__(self, job_type: str, driver: MockWorkers) -> None:
        self.job_type = job_type
        self.invocations: list[Invocation] = []
        """What the worker did, oldest first."""
        self._driver = driver
        self._action: _Action | None = None
        self._deferred: dict[int, tuple[int, ActivatedJob, _Action]] = {}
        """Activated jobs waiting for their moment: job key → (due millis, job, action)."""

    def __repr__(self) -> str:
        action = "no action" if self._action is None else self._action.kind
        return f"<MockWorker {self.job_type!r}: {action}, {len(self.invocations)} invocations>"

    # -- actions --------------------------------------------------------------------------------

    def complete(self, variables: Mapping[str, Any] | None = None, **values: Any) -> MockWorker:
        """Complete each job, with `variables` and the keyword `values` merged into the instance."""
        return self._set(_Action("complete", variables={**(variables or {}), **values}))

    def fail(self, retries: int | None = None, message: str = "") -> MockWorker:
        """Fail each job, leaving `retries` (default: the job's retries minus one; 0 raises an incident)."""
        return self._set(_Action("fail", retries=retries, message=message))

    def throw_error(self, code: str, message: str = "") -> MockWorker:
        """Throw a BPMN error with `code` from each job (caught by a catch event, else an incident)."""
        return self._set(_Action("throw_error", error_code=code, message=message))

    def handle(self, handler: Handler) -> MockWorker:
        """Call `handler(job)` for each job and complete it with what the handler returns."""
        return self._set(_Action("handle", handler=handler))

    def after(self, delay: timedelta) -> DeferredActions:
        """The same actions, taken when `delay` of engine time has passed since each job was created."""
        millis = delay // timedelta(milliseconds=1)
        if delay < timedelta(0) or delay % timedelta(milliseconds=1):
            raise ValueError(f"a mock worker's delay is a non-negative whole number of milliseconds, got {delay!r}")
        return DeferredActions(self, millis)

    def stop(self) -> MockWorker:
        """Take no more jobs (jobs already taken with a deferred action are still acted on)."""
        self._action = None
        return self

    @property
    def jobs(self) -> list[ActivatedJob]:
        """The jobs the worker acted on, oldest first."""
        return [invocation.job for invocation in self.invocations]

    def _set(self, action: _Action) -> MockWorker:
        self._action = action
        self._driver.poke()
        return self

    # -- driving (by MockWorkers) ---------------------------------------------------------------

    def _activate(self, backend: EmbeddedBackend, created_at: Callable[[int], int]) -> list[ActivatedJob]:
        """Take the activatable jobs of the type: those to act on now; deferred ones are put aside."""
        action = self._action
        if action is None or not backend.activatable(self.job_type):
            return []
        timeout = action.delay_ms + JOB_TIMEOUT_MS
        now = []
        for job in backend.activate_jobs(self.job_type, max_jobs=32, timeout_ms=timeout, worker=MOCK_WORKER):
            if action.delay_ms:
                self._deferred[job.key] = (created_at(job.key) + action.delay_ms, job, action)
            else:
                now.append(job)
        return now

    def _due(self, now: int) -> list[tuple[ActivatedJob, _Action]]:
        """Deferred jobs whose moment has come, in due order (then key order)."""
        due = sorted((at, key) for key, (at, _, _) in self._deferred.items() if at <= now)
        return [self._deferred.pop(key)[1:] for _, key in due]

    def _next_due(self) -> int | None:
        return min((at for at, _, _ in self._deferred.values()), default=None)

    def _act(self, backend: EmbeddedBackend, job: ActivatedJob, action: _Action) -> None:
        now = from_millis(backend.engine.clock.millis())
        self.invocations.append(Invocation(job, action.kind, now))
        if action.kind == "complete":
            backend.complete_job(job.key, action.variables)
        elif action.kind == "fail":
            retries = job.retries - 1 if action.retries is None else action.retries
            backend.fail_job(job.key, retries, action.message)
        elif action.kind == "throw_error":
            backend.throw_error(job.key, action.error_code, action.message)
        else:
            assert action.handler is not None
            try:
                variables = action.handler(job)
            except Exception as error:  # a worker's exception fails its job, as pyzeebe's default handler does
                if _still_ours(backend, job.key):
                    backend.fail_job(job.key, job.retries - 1, f"{type(error).__name__}: {error}")
                return
            if _still_ours(backend, job.key):
                backend.complete_job(job.key, dict(variables or {}))


class DeferredActions:
    """`worker.after(delay)`: the worker's actions, taken `delay` after each job's creation."""

    def __init__(self, worker: MockWorker, delay_ms: int) -> None:
        self._worker = worker
        self._delay_ms = delay_ms

    def complete(self, variables: Mapping[str, Any] | None = None, **values: Any) -> MockWorker:
        """Complete each job, `delay` after it was created."""
        return self._worker._set(
            _Action("complete", variables={**(variables or {}), **values}, delay_ms=self._delay_ms)
        )

    def fail(self, retries: int | None = None, message: str = "") -> MockWorker:
        """Fail each job, `delay` after it was created."""
        return self._worker._set(_Action("fail", retries=retries, message=message, delay_ms=self._delay_ms))

    def throw_error(self, code: str, message: str = "") -> MockWorker:
        """Throw a BPMN error from each job, `delay` after it was created."""
        return self._worker._set(_Action("throw_error", error_code=code, message=message, delay_ms=self._delay_ms))

    def handle(self, handler: Handler) -> MockWorker:
        """Call `handler(job)` for each job, `delay` after it was created."""
        return self._worker._set(_Action("handle", handler=handler, delay_ms=self._delay_ms))


def _still_ours(backend: EmbeddedBackend, job_key: int) -> bool:
    """The job is still activated by a mock worker (a handler may have completed or failed it itself)."""
    with backend.engine.lock:
        job = backend.engine.state.jobs.get(job_key)
        return job is not None and job.state.value == "ACTIVATED" and job.record.worker == MOCK_WORKER


@dataclass(frozen=True, slots=True)
class WorkersSnapshot:
    """The mock workers' own state at a snapshot: deferred jobs and invocations, per job type."""

    deferred: dict[str, dict[int, tuple[int, ActivatedJob, _Action]]]
    invocations: dict[str, list[Invocation]]


class MockWorkers:
    """The mock workers of one harness, and the loop that drives them until nothing moves.

    :param backend: the embedded engine they work on.
    :param records: the record log (for the creation time of each job).
    """

    def __init__(self, backend: EmbeddedBackend, records: RecordQuery) -> None:
        self._backend = backend
        self._created = records.jobs(intent="CREATED")
        self._created_seen = 0
        self._created_times: dict[int, int] = {}
        self._workers: dict[str, MockWorker] = {}
        self._driving = threading.Lock()
        self._pending = False
        self.errors: list[BaseException] = []
        """Failures while driving from the engine's idle listener (reported at teardown)."""
        self._unsubscribe = backend.engine.on_idle(self.poke)

    def worker(self, job_type: str) -> MockWorker:
        """The mock worker for `job_type` (the same object each time for a type)."""
        if not job_type:
            raise ValueError("a mock worker needs a job type")
        worker = self._workers.get(job_type)
        if worker is None:
            worker = self._workers[job_type] = MockWorker(job_type, self)
        return worker

    def __bool__(self) -> bool:
        return bool(self._workers)

    def poke(self) -> None:
        """Drive the workers now, unless a drive is already under way (it will see the new work)."""
        self._pending = True
        while self._pending:
            if not self._driving.acquire(blocking=False):
                return
            try:
                self._pending = False
                self._drive()
            except Exception as error:
                self.errors.append(error)
            finally:
                self._driving.release()

    def drive(self) -> None:
        """Drive the workers until nothing moves, raising what goes wrong (`zeebe.run_until_idle()`)."""
        with self._driving:
            self._pending = False
            self._drive()
        if self._pending:
            self.poke()
        if self.errors:
            raise self.errors.pop(0)

    def _drive(self) -> None:
        actions = 0
        moved = True
        while moved and self._workers:
            moved = False
            now = self._backend.engine.clock.millis()
            for worker in list(self._workers.values()):
                due = [(job, action) for job, action in worker._due(now) if _still_ours(self._backend, job.key)]
                ready = worker._activate(self._backend, self._created_at)
                action_now = worker._action
                work = [*due, *((job, action_now) for job in ready if action_now is not None)]
                for job, action in work:
                    moved = True
                    actions += 1
                    if actions > MAX_ACTIONS_PER_DRIVE:
                        raise MockWorkerError(
                            f"the mock workers acted {MAX_ACTIONS_PER_DRIVE} times without the engine settling; "
                            f"the last was {worker!r} on job {job.key}: does it fail a job with the same retries "
                            "forever?"
                        )
                    try:
                        worker._act(self._backend, job, action)
                    except CommandRejectedError as error:
                        raise MockWorkerError(
                            f"mock worker {worker.job_type!r} could not {action.kind} job {job.key}: "
                            f"{error.grpc_message}"
                        ) from None
                moved = moved or bool(ready)

    def _created_at(self, job_key: int) -> int:
        """When the job was created (its JOB CREATED record), read incrementally from the log."""
        records = self._created[self._created_seen :]
        self._created_seen += len(records)
        for record in records:
            self._created_times[record.key] = record.timestamp
        return self._created_times.get(job_key, self._backend.engine.clock.millis())

    def next_due(self) -> int | None:
        """Engine millis of the next deferred action, or None."""
        return min((due for w in self._workers.values() if (due := w._next_due()) is not None), default=None)

    def snapshot(self) -> WorkersSnapshot:
        return WorkersSnapshot(
            {t: dict(w._deferred) for t, w in self._workers.items()},
            {t: list(w.invocations) for t, w in self._workers.items()},
        )

    def restore(self, snapshot: WorkersSnapshot) -> None:
        """Back to the snapshot: deferred jobs and invocations as they were; actions stay as set now."""
        self._created_seen, self._created_times = 0, {}
        for job_type, worker in self._workers.items():
            worker._deferred = dict(snapshot.deferred.get(job_type, {}))
            worker.invocations[:] = snapshot.invocations.get(job_type, [])

    def forget(self) -> None:
        """After a reset: no deferred jobs, no invocations (the actions set stay)."""
        self.restore(WorkersSnapshot({}, {}))

    def close(self) -> None:
        """Stop listening to the engine (the session's engine outlives the test)."""
        self._unsubscribe()
