"""The engine: one writer that turns commands into records, state and answers.

Every command is appended to the record log and processed; processing writes events (applied to
the state at once) and follow-up commands, which are processed in log order until the engine is
idle. All of it happens under one lock, one command at a time, so the same commands in the same
order always give the same records, keys and timestamps, whichever thread sent them.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pytest_zeebe.engine import messages, processors
from pytest_zeebe.engine.appliers import APPLIERS
from pytest_zeebe.engine.clock import DEFAULT_START, VirtualClock
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import ErrorIntent, Intent, JobIntent, RecordType, RejectionType, ValueType
from pytest_zeebe.engine.keys import NO_KEY, KeyGenerator, decode_partition_id
from pytest_zeebe.engine.records import Record, RecordLog
from pytest_zeebe.engine.results import Accepted, Command, CommandResult
from pytest_zeebe.engine.state import EngineState, JobState
from pytest_zeebe.engine.values import ErrorRecordValue, RecordValue

JobsAvailableListener = Callable[[frozenset[str]], None]
ResetListener = Callable[[], None]

DEFAULT_MAX_RESOURCE_SIZE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """How an engine is set up: partitions, the clock's start, limits."""

    partition_count: int = 1
    clock_start: datetime = DEFAULT_START
    max_resource_size: int = DEFAULT_MAX_RESOURCE_SIZE
    time_zone: str = "UTC"
    """The zone of FEEL's `now()`/`today()` (Zeebe used the JVM's default zone); an IANA name."""

    @property
    def zone(self) -> ZoneInfo:
        """`time_zone` as a tzinfo."""
        return ZoneInfo(self.time_zone)

    def __post_init__(self) -> None:
        if not 1 <= self.partition_count <= 8191:
            raise ValueError(f"partition_count must be between 1 and 8191, got {self.partition_count!r}")
        if self.max_resource_size < 1:
            raise ValueError(f"max_resource_size must be positive, got {self.max_resource_size!r}")
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"time_zone must be an IANA zone name, got {self.time_zone!r}") from None
        if self.clock_start.tzinfo is None:
            raise ValueError(f"clock_start must be timezone-aware, got {self.clock_start!r}")


class EngineError(Exception):
    """Raised when processing a record failed inside the engine (a bug, never a client mistake)."""


class Engine:
    """A deterministic, in-memory Zeebe 0.26 engine."""

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or EngineConfig()
        self.clock = VirtualClock(self.config.clock_start)
        self._lock = threading.RLock()
        self._jobs_listeners: list[JobsAvailableListener] = []
        self._reset_listeners: list[ResetListener] = []
        self.errors: list[BaseException] = []
        self.generation = 0
        """Counts resets; work started for an older generation must not touch the new engine."""
        self._init_state()

    def _init_state(self) -> None:
        partitions = range(1, self.config.partition_count + 1)
        self.state = EngineState()
        self.log = RecordLog()
        self._keys = {partition: KeyGenerator(partition) for partition in partitions}
        self._positions = dict.fromkeys(partitions, 0)
        self._cursor = 0
        self._next_creation_partition = 0
        self._available_job_types: set[str] = set()

    # -- public surface -------------------------------------------------------------------------

    @property
    def lock(self) -> threading.RLock:
        """Held while the engine processes; hold it to read state consistently."""
        return self._lock

    def submit(self, command: Command) -> CommandResult:
        """Process `command` and everything it causes; answer as Zeebe would answer the client."""
        with self._lock:
            result = self._process(command)
            available = self._take_available_job_types()
        self._notify_jobs_available(available)
        return result

    def next_creation_partition(self) -> int:
        """The partition for the next new workflow instance: round-robin, as Zeebe's gateway picks."""
        with self._lock:
            partition = self._next_creation_partition % self.config.partition_count + 1
            self._next_creation_partition += 1
            return partition

    def advance_time(self, delta: timedelta) -> None:
        """Move engine time forward by `delta`, firing what falls due in due order at its due time.

        Engine time has millisecond resolution, as Zeebe's: a sub-millisecond rest of `delta` is dropped.
        """
        if delta < timedelta(0):
            raise ValueError(f"cannot move the clock backwards (delta {delta!r})")
        with self._lock:
            target = self.clock.millis() + delta // timedelta(milliseconds=1)
            while (due := self._next_due(target)) is not None:
                due_at, command = due
                self.clock.set_millis(max(due_at, self.clock.millis()))
                self._process(command)
            self.clock.set_millis(target)
            available = self._take_available_job_types()
        self._notify_jobs_available(available)

    def reset(self) -> None:
        """Forget everything: a fresh engine with the same configuration, clock back at its start."""
        with self._lock:
            self.generation += 1
            self.clock.reset()
            self.errors.clear()
            self._init_state()
        for listener in list(self._reset_listeners):
            listener()

    def on_jobs_available(self, listener: JobsAvailableListener) -> None:
        """Call `listener` with the job types that became activatable, after each command."""
        self._jobs_listeners.append(listener)

    def on_reset(self, listener: ResetListener) -> None:
        """Call `listener` after every reset."""
        self._reset_listeners.append(listener)

    # -- used by processors (through ProcessingContext) ----------------------------------------

    def next_key(self, partition_id: int) -> int:
        """A fresh key on `partition_id`."""
        return self._keys[partition_id].next_key()

    def write(
        self,
        record_type: RecordType,
        value_type: ValueType,
        intent: Intent,
        key: int,
        value: RecordValue,
        source: Record | None,
        *,
        partition_id: int | None = None,
        rejection: tuple[RejectionType, str] | None = None,
    ) -> Record:
        """Append a record; an event is applied to the state in the same step."""
        partition = partition_id if partition_id is not None else (source.partition_id if source else 1)
        self._positions[partition] += 1
        rejection_type, reason = rejection or (RejectionType.NULL_VAL, "")
        record = Record(
            position=self._positions[partition],
            source_record_position=source.position if source is not None else NO_KEY,
            key=key,
            timestamp=self.clock.millis(),
            record_type=record_type,
            value_type=value_type,
            intent=intent,
            partition_id=partition,
            value=value,
            rejection_type=rejection_type,
            rejection_reason=reason,
        )
        self.log.append(record)
        if record_type is RecordType.EVENT:
            applier = APPLIERS.get((value_type, intent))
            if applier is not None:
                applier(self.state, key, value)
            if value_type is ValueType.JOB:
                self._remember_if_activatable(key)
        return record

    # -- internals ------------------------------------------------------------------------------

    def _process(self, command: Command) -> CommandResult:
        """Append `command` as it arrives (no source record), then run until idle."""
        record = self.write(
            RecordType.COMMAND,
            command.value_type,
            command.intent,
            command.key,
            command.value,
            None,
            partition_id=command.partition_id,
        )
        result = self._run_until_idle(answer_for=record)
        assert result is not None
        return result

    def _run_until_idle(self, answer_for: Record) -> CommandResult | None:
        answer: CommandResult | None = None
        while self._cursor < len(self.log):
            record = self.log[self._cursor]
            self._cursor += 1
            processor = processors.PROCESSORS.get((record.record_type, record.value_type, record.intent))
            if processor is None:
                continue
            context = ProcessingContext(self, record)
            checkpoint = self._checkpoint()
            try:
                processor(context, record)
            except Exception as error:  # a bug in the engine: undo the step, keep serving, report at teardown
                self.errors.append(error)
                self._roll_back(checkpoint)
                self._write_failure(context, record, error)
            if record is answer_for:
                answer = context.result or Accepted(record.key, record.value)
        return answer

    def _checkpoint(self) -> tuple[int, dict[int, int], dict[int, int]]:
        """What undoing one processing step needs: log length, positions and key counters."""
        keys = {partition: generator.last_key for partition, generator in self._keys.items()}
        return len(self.log), dict(self._positions), keys

    def _roll_back(self, checkpoint: tuple[int, dict[int, int], dict[int, int]]) -> None:
        """Undo a failed step, as Zeebe rolls back its transaction: drop its records, rebuild the state.

        The state is rebuilt by replaying every event still in the log through the appliers; this
        only runs after a failure, so the normal path pays nothing for it.
        """
        length, positions, keys = checkpoint
        self.log.truncate(length)
        self._positions = positions
        for partition, last_key in keys.items():
            self._keys[partition].rewind(last_key)
        self.state = EngineState()
        for record in self.log:
            applier = APPLIERS.get((record.value_type, record.intent))
            if record.record_type is RecordType.EVENT and applier is not None:
                applier(self.state, record.key, record.value)

    def _write_failure(self, context: ProcessingContext, record: Record, error: Exception) -> None:
        """Zeebe's answer to a failed step: a rejection if it was a command, and an ERROR event."""
        message = f"{type(error).__name__}: {error}"
        if record.record_type is RecordType.COMMAND:
            reason = messages.PROCESSING_FAILED.format(record=repr(record), message=message)
            context.reject(RejectionType.PROCESSING_ERROR, reason)
        instance_key = getattr(record.value, "workflow_instance_key", NO_KEY)
        failure = ErrorRecordValue(message, "".join(traceback.format_exception(error)), record.position, instance_key)
        self.write(RecordType.EVENT, ValueType.ERROR, ErrorIntent.CREATED, record.key, failure, record)

    def _next_due(self, target: int) -> tuple[int, Command] | None:
        """The earliest item due at or before `target`: (due time, the command that fires it)."""
        best: tuple[int, int, Command] | None = None
        for job in self.state.jobs.values():
            if job.state is JobState.ACTIVATED:
                due_at = job.record.deadline + 1
                if due_at <= target and (best is None or (due_at, job.key) < best[:2]):
                    command = Command(
                        ValueType.JOB, JobIntent.TIME_OUT, job.record, job.key, decode_partition_id(job.key)
                    )
                    best = (due_at, job.key, command)
        return None if best is None else (best[0], best[2])

    def _remember_if_activatable(self, key: int) -> None:
        job = self.state.jobs.get(key)
        if job is not None and job.state is JobState.ACTIVATABLE:
            self._available_job_types.add(job.record.type)

    def _take_available_job_types(self) -> frozenset[str]:
        available = frozenset(self._available_job_types)
        self._available_job_types.clear()
        return available

    def _notify_jobs_available(self, job_types: frozenset[str]) -> None:
        if job_types:
            for listener in list(self._jobs_listeners):
                listener(job_types)
