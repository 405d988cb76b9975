"""The engine: one writer that turns commands into records, state and answers.

Every command is appended to the record log and processed; processing writes events (applied to
the state at once) and follow-up commands, which are processed in log order until the engine is
idle. All of it happens under one lock, one record at a time, so the same commands in the same
order always give the same records, keys and timestamps, whichever thread sent them.

Each processing step is journaled: a step that fails (a bug of ours, never a client's mistake) is
undone at the cost of what it changed, answered as Zeebe answers it, and reported at teardown.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pytest_zeebe.engine import journal, messages, processors
from pytest_zeebe.engine.appliers import SKIP, apply_write, begin_processing, end_processing
from pytest_zeebe.engine.clock import DEFAULT_START, from_millis, to_millis
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.due_work import command_for_due_item
from pytest_zeebe.engine.effects import Effect, InstanceResult, JobsAvailable
from pytest_zeebe.engine.intents import ErrorIntent, Intent, RecordType, RejectionType, ValueType
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.locking import EngineLock
from pytest_zeebe.engine.records import Record, RecordLog
from pytest_zeebe.engine.replay import replay
from pytest_zeebe.engine.results import (
    Accepted,
    Cancelled,
    Command,
    CommandResult,
    Rejected,
    ResultHandle,
)
from pytest_zeebe.engine.state import EngineState, JobStatus
from pytest_zeebe.engine.values import ErrorRecordValue, RecordValue

JobsAvailableListener = Callable[[frozenset[str]], None]
ResetListener = Callable[[], None]
IdleListener = Callable[[], None]

DEFAULT_MAX_RESOURCE_SIZE = 0
"""No per-resource limit of our own: Zeebe 0.26 has none (gRPC's 4 MB message limit applies)."""

MAX_MESSAGE_SIZE = 4 * 1024 * 1024
"""gRPC's default message size, which Zeebe 0.26's gateway and broker keep."""

MAX_FIRINGS_PER_MILLISECOND = 1_000
"""More items falling due in one millisecond means endless work (a cycle with a zero interval)."""

RESET_REASON = "the engine was reset (a new test began) before the workflow instance completed"


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """How an engine is set up: partitions, the clock's start, limits."""

    partition_count: int = 1
    clock_start: datetime = DEFAULT_START
    max_resource_size: int = DEFAULT_MAX_RESOURCE_SIZE
    """The largest deployment resource in bytes; 0 means no limit of our own (Zeebe 0.26 has none)."""
    time_zone: str = "UTC"
    """The zone of FEEL's `now()`/`today()` (Zeebe used the JVM's default zone); an IANA name."""

    @property
    def zone(self) -> ZoneInfo:
        """`time_zone` as a tzinfo."""
        return ZoneInfo(self.time_zone)

    def __post_init__(self) -> None:
        if not 1 <= self.partition_count <= 8191:
            raise ValueError(f"partition_count must be between 1 and 8191, got {self.partition_count!r}")
        if self.max_resource_size < 0:
            raise ValueError(f"max_resource_size must be 0 (no limit) or positive, got {self.max_resource_size!r}")
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"time_zone must be an IANA zone name, got {self.time_zone!r}") from None
        if self.clock_start.tzinfo is None:
            raise ValueError(f"clock_start must be timezone-aware, got {self.clock_start!r}")


class EngineError(Exception):
    """Raised when the engine itself is inconsistent (a bug, never a client mistake)."""


class EngineClock:
    """Engine time as the engine's users read it: epoch milliseconds that only the engine moves."""

    __slots__ = ("_engine",)

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def start_millis(self) -> int:
        return to_millis(self._engine.config.clock_start)

    def millis(self) -> int:
        """The current engine time in epoch milliseconds."""
        return self._engine.state.counters.clock_millis

    def now(self) -> datetime:
        """The current engine time as an aware UTC datetime."""
        return from_millis(self.millis())


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A complete engine at one moment: its state and its record log."""

    state: EngineState
    log: RecordLog


class Engine:
    """A deterministic, in-memory Zeebe 0.26 engine."""

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or EngineConfig()
        self.clock = EngineClock(self)
        self._lock = EngineLock()
        self._jobs_listeners: list[JobsAvailableListener] = []
        self._reset_listeners: list[ResetListener] = []
        self._idle_listeners: list[IdleListener] = []
        self._waiting: dict[tuple[int, int], ResultHandle] = {}
        self._effects: list[Effect] = []
        self._step_effects: list[Effect] = []
        self.errors: list[BaseException] = []
        self.generation = 0
        """Counts resets; work started for an older generation must not touch the new engine."""
        self.state = EngineState(self.config.partition_count, to_millis(self.config.clock_start), self.config.time_zone)
        self.log = RecordLog()

    # -- public surface -------------------------------------------------------------------------

    @property
    def lock(self) -> EngineLock:
        """Held while the engine processes; hold it to read state consistently."""
        return self._lock

    @property
    def max_resource_size(self) -> int:
        return self.config.max_resource_size

    def feel_now(self) -> datetime:
        """Engine time in the engine's zone: what FEEL's `now()` and `today()` see."""
        return self.clock.now().astimezone(self.config.zone)

    def submit(self, command: Command) -> CommandResult:
        """Process `command` and everything it causes; answer as Zeebe would answer the client."""
        with self._lock:
            index = self._append_command(command)
            answer = self._run_until_idle(index)
            self._fire_due(self.clock.millis())
        self._deliver_effects()
        return answer

    def submit_awaiting(self, command: Command) -> ResultHandle:
        """Process a command answered later (create with result): a rejection is answered at once."""
        handle = ResultHandle()
        with self._lock:
            index = self._append_command(command)
            written = self.log[index]
            request = (written.partition_id, written.position)
            self._waiting[request] = handle
            answer = self._run_until_idle(index)
            if isinstance(answer, Rejected):
                self._waiting.pop(request, None)
            self._fire_due(self.clock.millis())
        if isinstance(answer, Rejected):
            handle.set_result(answer)
        self._deliver_effects()
        return handle

    def next_creation_partition(self) -> int:
        """The partition for the next new workflow instance: round-robin, as Zeebe's gateway picks.

        The count moves when a creation command is written, so the state (and a replay) knows it.
        """
        with self._lock:
            return self.state.counters.next_creation_partition % self.config.partition_count + 1

    def next_due(self) -> int | None:
        """Epoch milliseconds of the next item that falls due (timer, job time-out, message expiry), or None."""
        with self._lock:
            due = self.state.due.peek()
            return None if due is None else due[0]

    def advance_time(self, delta: timedelta) -> None:
        """Move engine time forward by `delta`, a whole number of milliseconds (see `advance_to_millis`)."""
        if delta < timedelta(0):
            raise ValueError(f"cannot move the clock backwards (delta {delta!r})")
        if delta % timedelta(milliseconds=1):
            raise ValueError(f"the clock moves in whole milliseconds, got {delta!r}")
        with self._lock:
            self.advance_to_millis(self.clock.millis() + delta // timedelta(milliseconds=1))

    def advance_to_millis(self, target: int) -> None:
        """Move engine time to `target`, firing what falls due in due order, each at its own due time.

        Each due item runs with the clock at its due time, and everything it causes runs to
        completion before a later item fires; items due in the same millisecond fire together, in
        key order.
        """
        with self._lock:
            if target < self.clock.millis():
                raise ValueError("the engine clock cannot go backwards")
            self._fire_due(target)
            self.state.counters.clock_millis = target
        self._deliver_effects()

    def _fire_due(self, target: int) -> None:
        """Fire every item due at or before `target` (what a command made due now fires at once).

        The items due in one millisecond are fired together: their commands are written in key
        order, then processed, as Zeebe's checkers write every due TRIGGER (TIME_OUT, DELETE) before
        the log processes any of them. So of two equal timers of an event-based gateway the second
        TRIGGER is rejected (EventbasedGatewayTest#shouldOnlyExecuteOneBranchWithEqualTimers).
        """
        fired_at, fired = -1, 0
        while (due := self.state.due.peek()) is not None and due[0] <= target:
            batch = self.state.due.take_batch()
            assert batch is not None
            due_at, items = batch
            counters = self.state.counters
            counters.clock_millis = max(due_at, counters.clock_millis)
            fired = fired + len(items) if counters.clock_millis == fired_at else len(items)
            fired_at = counters.clock_millis
            if fired > MAX_FIRINGS_PER_MILLISECOND:
                kind = items[-1][0]
                raise EngineError(messages.ENDLESS_DUE_WORK.format(count=MAX_FIRINGS_PER_MILLISECOND, kind=kind.value))
            indexes = [self._append_command(command_for_due_item(self.state, kind, key)) for kind, key in items]
            self._run_until_idle(indexes[0])
            for kind, key in items:
                if self.state.due.items.get((kind, key)) == due_at:
                    raise EngineError(f"the due item {kind.value} {key} did not clear itself when it fired")

    def reset(self) -> None:
        """Forget everything: a fresh engine with the same configuration, clock back at its start."""
        with self._lock:
            self.generation += 1
            self.errors.clear()
            self.state = EngineState(
                self.config.partition_count, to_millis(self.config.clock_start), self.config.time_zone
            )
            self.log = RecordLog()
            waiting, self._waiting = self._waiting, {}
            self._effects.clear()
        for handle in waiting.values():
            handle.set_result(Cancelled(RESET_REASON))
        for listener in list(self._reset_listeners):
            listener()

    def snapshot(self) -> Snapshot:
        """The whole engine now (state, records, keys, clock); `restore` it as often as you like."""
        with self._lock:
            return Snapshot(self.state.copy(), self.log.copy())

    def restore(self, snapshot: Snapshot) -> None:
        """Make the engine what it was when `snapshot` was taken (callers waiting for results are cancelled)."""
        with self._lock:
            self.generation += 1
            self.state = snapshot.state.copy()
            self.log = snapshot.log.copy()
            waiting, self._waiting = self._waiting, {}
        for handle in waiting.values():
            handle.set_result(Cancelled("the engine was restored to a snapshot before the instance completed"))
        for listener in list(self._reset_listeners):
            listener()

    def replayed(self, upto: int | None = None) -> EngineState:
        """The state rebuilt from the record log alone (up to the first `upto` records)."""
        with self._lock:
            return replay(
                self.log,
                partition_count=self.config.partition_count,
                clock_millis=self.clock.millis(),
                time_zone=self.config.time_zone,
                upto=upto,
                processed=None if upto is not None else self.state.counters.cursor,
            )

    def check_replay(self) -> None:
        """Raise EngineError unless replaying the log rebuilds the live state exactly (an invariant)."""
        with self._lock:
            rebuilt = self.replayed()
            if rebuilt != self.state:
                raise EngineError(f"replaying the log does not rebuild the state: {rebuilt.differences(self.state)}")

    def on_idle(self, listener: IdleListener) -> Callable[[], None]:
        """Call `listener` (outside the lock) after every command and every clock move has run to idle.

        Returns a function that removes the listener again (the test harness listens for one test).
        """
        self._idle_listeners.append(listener)
        return lambda: self._idle_listeners.remove(listener) if listener in self._idle_listeners else None

    def on_jobs_available(self, listener: JobsAvailableListener) -> None:
        """Call `listener` with the job types that became activatable, after each command."""
        self._jobs_listeners.append(listener)

    def on_reset(self, listener: ResetListener) -> None:
        """Call `listener` after every reset or restore."""
        self._reset_listeners.append(listener)

    # -- writing (used by processors, through ProcessingContext) -------------------------------

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
    ) -> Record:
        """Append a record and apply its write applier in the same step."""
        state = self.state
        position = state.positions[partition_id] + 1
        state.positions[partition_id] = position
        source = NO_KEY
        cause_record = None
        if cause >= 0:
            cause_record = self.log[cause]
            if cause_record.partition_id == partition_id:
                source = cause_record.position
        rejection_type, reason = rejection or (RejectionType.NULL_VAL, "")
        record = Record(
            position=position,
            source_record_position=source,
            key=key,
            timestamp=state.counters.clock_millis,
            record_type=record_type,
            value_type=value_type,
            intent=intent,
            partition_id=partition_id,
            value=value,
            rejection_type=rejection_type,
            rejection_reason=reason,
        )
        self.log.append(record, cause)
        apply_write(state, record, cause_record)
        if record_type is RecordType.EVENT and (value_type is ValueType.JOB or value_type is ValueType.INCIDENT):
            self._notice_activatable(record)
        return record

    def _notice_activatable(self, record: Record) -> None:
        """A job became activatable: long polls for its type are woken once this step commits."""
        job_key = record.key if record.value_type is ValueType.JOB else getattr(record.value, "job_key", NO_KEY)
        job = self.state.jobs.get(job_key)
        if job is not None and job.state is JobStatus.ACTIVATABLE:
            self._step_effects.append(JobsAvailable(job.record.type))

    # -- internals ------------------------------------------------------------------------------

    def _append_command(self, command: Command) -> int:
        """Write a command from outside (a client, the clock); returns its index in the log."""
        if command.value_type is ValueType.WORKFLOW_INSTANCE_CREATION:
            self.state.counters.next_creation_partition += 1
        self.write(
            RecordType.COMMAND,
            command.value_type,
            command.intent,
            command.key,
            command.value,
            cause=-1,
            partition_id=command.partition_id,
        )
        return len(self.log) - 1

    def _run_until_idle(self, answer_for: int) -> CommandResult:
        answer: CommandResult | None = None
        log = self.log
        counters = self.state.counters
        while counters.cursor < len(log):
            index = counters.cursor
            context = self._process(index)
            if index == answer_for:
                record = log[index]
                answer = context.result or Accepted(record.key, record.value)
            counters = self.state.counters
        assert answer is not None
        return answer

    def _process(self, index: int) -> ProcessingContext:
        """Process the record at `index` as one step: all of it, or (on a bug) none of it."""
        state = self.state
        record = self.log[index]
        kind = (record.record_type, record.value_type, record.intent)
        processor = processors.PROCESSORS.get(kind)
        context = ProcessingContext(self, record, index)
        if processor is None and not processors.has_hooks(kind):
            state.counters.cursor = index + 1
            return context
        length = len(self.log)
        failure: Exception | None = None
        self._step_effects.clear()
        undo, previous = journal.begin()
        try:
            state.counters.cursor = index + 1
            verdict = begin_processing(state, record)
            if verdict is not SKIP:
                context.verdict = verdict
                if processor is not None:
                    processor(context, record)
                if context.sent:
                    self._write_sent(context)
                end_processing(state, record, verdict)
        except Exception as error:  # a bug in the engine: undo the step, keep serving, report at teardown
            failure = error
        finally:
            journal.end(previous)
        if failure is None:
            self._effects.extend(self._step_effects)
            self._effects.extend(context.effects)
            return context
        self._step_effects.clear()
        journal.roll_back(undo)
        self.log.truncate(length)
        state.counters.cursor = index + 1
        self.errors.append(failure)
        return self._write_failure(index, record, failure)

    def _write_sent(self, context: ProcessingContext) -> None:
        """Append the commands the step sent to other partitions (or its own), after its records."""
        for value_type, intent, value, partition_id in context.sent:
            self.write(
                RecordType.COMMAND, value_type, intent, NO_KEY, value, cause=context.index, partition_id=partition_id
            )

    def _write_failure(self, index: int, record: Record, error: Exception) -> ProcessingContext:
        """Zeebe's answer to a failed step: a rejection if it was a command, and an ERROR event."""
        context = ProcessingContext(self, record, index)
        message = f"{type(error).__name__}: {error}"
        if record.record_type is RecordType.COMMAND:
            reason = messages.PROCESSING_FAILED.format(record=repr(record), message=message)
            context.reject(RejectionType.PROCESSING_ERROR, reason)
        instance_key = getattr(record.value, "workflow_instance_key", NO_KEY)
        failure = ErrorRecordValue(message, "".join(traceback.format_exception(error)), record.position, instance_key)
        self.write(
            RecordType.EVENT,
            ValueType.ERROR,
            ErrorIntent.CREATED,
            record.key,
            failure,
            cause=index,
            partition_id=record.partition_id,
        )
        return context

    def _deliver_effects(self) -> None:
        """Hand committed effects to their listeners, outside the lock."""
        with self._lock:
            effects, self._effects = self._effects, []
            results: list[tuple[ResultHandle, InstanceResult]] = []
            for effect in effects:
                if isinstance(effect, InstanceResult):
                    handle = self._waiting.pop(effect.request, None)
                    if handle is not None:
                        results.append((handle, effect))
        job_types = frozenset(effect.job_type for effect in effects if isinstance(effect, JobsAvailable))
        if job_types:
            for jobs_listener in list(self._jobs_listeners):
                jobs_listener(job_types)
        for handle, result in results:
            handle.set_result(Accepted(result.value.workflow_instance_key, result.value))
        for idle_listener in list(self._idle_listeners):
            idle_listener()
