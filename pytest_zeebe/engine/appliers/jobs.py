"""JOB events and JOB_BATCH ACTIVATED: the job's state, its activatable index and its time-out;
and what processing a job's CREATED and COMPLETED changes in its task.

Zeebe keeps a job's record without its variables. An ACTIVATED job is due to time out one
millisecond after its deadline (Zeebe times out jobs whose deadline is before now).
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Any

from pytest_zeebe.engine.appliers.registry import SKIP, applies, before_processing
from pytest_zeebe.engine.intents import JobBatchIntent, JobIntent, RecordType, ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import DueKind, EngineState, JobStatus
from pytest_zeebe.engine.values import JobBatchRecordValue, JobRecordValue

NEVER = 2**63 - 1
"""A deadline that never falls due (an activation timeout beyond int64)."""

_NO_VARIABLES: MappingProxyType[str, object] = MappingProxyType({})


def _stored(value: JobRecordValue) -> JobRecordValue:
    return value if not value.variables else replace(value, variables=_NO_VARIABLES)


def _job(record: Record) -> JobRecordValue:
    value = record.value
    assert isinstance(value, JobRecordValue)
    return value


@applies(ValueType.JOB, JobIntent.CREATED, JobIntent.TIMED_OUT)
def job_activatable(state: EngineState, record: Record, cause: Record | None) -> None:
    state.jobs.put(record.key, JobStatus.ACTIVATABLE, _stored(_job(record)))
    state.due.cancel(DueKind.JOB_TIME_OUT, record.key)


@applies(ValueType.JOB, JobIntent.COMPLETED, JobIntent.CANCELED)
def job_deleted(state: EngineState, record: Record, cause: Record | None) -> None:
    state.jobs.delete(record.key)
    state.due.cancel(DueKind.JOB_TIME_OUT, record.key)


@applies(ValueType.JOB, JobIntent.FAILED)
def job_failed(state: EngineState, record: Record, cause: Record | None) -> None:
    job = _job(record)
    status = JobStatus.ACTIVATABLE if job.retries > 0 else JobStatus.FAILED
    state.jobs.put(record.key, status, _stored(job))
    state.due.cancel(DueKind.JOB_TIME_OUT, record.key)


@applies(ValueType.JOB, JobIntent.ERROR_THROWN)
def job_error_thrown(state: EngineState, record: Record, cause: Record | None) -> None:
    state.jobs.put(record.key, JobStatus.ERROR_THROWN, _stored(_job(record)))
    state.due.cancel(DueKind.JOB_TIME_OUT, record.key)


@applies(ValueType.JOB, JobIntent.RETRIES_UPDATED)
def job_retries_updated(state: EngineState, record: Record, cause: Record | None) -> None:
    job = state.jobs.get(record.key)
    if job is not None:
        job.record = _stored(_job(record))  # the state stays: a FAILED job waits for its incident


@applies(ValueType.JOB_BATCH, JobBatchIntent.ACTIVATED)
def job_batch_activated(state: EngineState, record: Record, cause: Record | None) -> None:
    batch = record.value
    assert isinstance(batch, JobBatchRecordValue)
    for job_key, job in zip(batch.job_keys, batch.jobs, strict=True):
        state.jobs.put(job_key, JobStatus.ACTIVATED, _stored(job))
        if job.deadline < NEVER:
            state.due.schedule(DueKind.JOB_TIME_OUT, job_key, job.deadline + 1)


@before_processing(RecordType.EVENT, ValueType.JOB, JobIntent.CREATED)
def before_job_created(state: EngineState, record: Record) -> Any:
    """The task remembers its job when the job's CREATED is processed (Zeebe's JobCreatedProcessor)."""
    element_key = _job(record).element_instance_key
    instance = state.elements.get(element_key) if element_key > 0 else None
    if instance is not None:
        instance.job_key = record.key
    return None


@before_processing(RecordType.EVENT, ValueType.JOB, JobIntent.COMPLETED)
def before_job_completed(state: EngineState, record: Record) -> Any:
    """A completed job hands its variables to its task, if the task's scope is still active.

    Zeebe's JobCompletedEventProcessor: the variables become the task's temporary variables, which
    its output mappings merge when it completes; without an active scope nothing happens.
    """
    job = _job(record)
    instance = state.elements.get(job.element_instance_key)
    if instance is None:
        return SKIP
    scope = state.elements.get(instance.value.flow_scope_key)
    if scope is None or scope.state is not WorkflowInstanceIntent.ELEMENT_ACTIVATED:
        return SKIP
    instance.job_key = NO_KEY
    state.elements.temporary_variables[instance.key] = dict(job.variables)
    return None
