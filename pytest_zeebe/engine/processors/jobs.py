"""JOB commands and the JOB events that move a task on (Zeebe's job processors).

COMPLETE and FAIL are accepted for an ACTIVATABLE or ACTIVATED job (Zeebe does not require
activation); a FAILED or ERROR_THROWN job is in the wrong state. A job that fails with no retries
left raises a JOB_NO_RETRIES incident. UPDATE_RETRIES is accepted in any state and changes only
the retries. The clock writes TIME_OUT for an activated job past its deadline.
"""

from __future__ import annotations

from dataclasses import replace

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import (
    ErrorType,
    IncidentIntent,
    JobIntent,
    RecordType,
    RejectionType,
    ValueType,
    WorkflowInstanceIntent,
)
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import Job, JobStatus
from pytest_zeebe.engine.values import IncidentRecordValue, JobRecordValue


def _command(record: Record) -> JobRecordValue:
    value = record.value
    assert isinstance(value, JobRecordValue)
    return value


@processes(RecordType.COMMAND, ValueType.JOB, JobIntent.CREATE)
def create_job(ctx: ProcessingContext, record: Record) -> None:
    key = ctx.next_key()
    ctx.write_event(ValueType.JOB, JobIntent.CREATED, key, record.value)
    ctx.accept(key, record.value)


def activatable_job(ctx: ProcessingContext, verb: str) -> Job | None:
    """The job of the command if it is ACTIVATABLE or ACTIVATED; otherwise reject as Zeebe does."""
    key = ctx.record.key
    job = ctx.state.jobs.get(key)
    if job is None:
        ctx.reject(RejectionType.NOT_FOUND, messages.JOB_NOT_FOUND.format(verb=verb, key=key))
        return None
    if job.state not in (JobStatus.ACTIVATABLE, JobStatus.ACTIVATED):
        reason = messages.JOB_INVALID_STATE.format(verb=verb, key=key, state=job.state.value)
        ctx.reject(RejectionType.INVALID_STATE, reason)
        return None
    return job


@processes(RecordType.COMMAND, ValueType.JOB, JobIntent.COMPLETE)
def complete_job(ctx: ProcessingContext, record: Record) -> None:
    job = activatable_job(ctx, "complete")
    if job is None:
        return
    completed = replace(job.record, variables=_command(record).variables)
    ctx.write_event(ValueType.JOB, JobIntent.COMPLETED, job.key, completed)
    ctx.accept(job.key, completed)


@processes(RecordType.EVENT, ValueType.JOB, JobIntent.COMPLETED)
def job_completed(ctx: ProcessingContext, record: Record) -> None:
    """The task completes (its processing hook checked the scope is active and kept the variables)."""
    instance = ctx.state.elements.instances[_command(record).element_instance_key]
    ctx.write_event(
        ValueType.WORKFLOW_INSTANCE, WorkflowInstanceIntent.ELEMENT_COMPLETING, instance.key, instance.value
    )


@processes(RecordType.COMMAND, ValueType.JOB, JobIntent.FAIL)
def fail_job(ctx: ProcessingContext, record: Record) -> None:
    job = activatable_job(ctx, "fail")
    if job is None:
        return
    command = _command(record)
    failed = replace(job.record, retries=command.retries, error_message=command.error_message)
    ctx.write_event(ValueType.JOB, JobIntent.FAILED, job.key, failed)
    ctx.accept(job.key, failed)


@processes(RecordType.EVENT, ValueType.JOB, JobIntent.FAILED)
def job_failed(ctx: ProcessingContext, record: Record) -> None:
    """No retries left: a JOB_NO_RETRIES incident with the job's error message (Zeebe's JobFailedProcessor)."""
    job = _command(record)
    if job.retries > 0:
        return
    incident = IncidentRecordValue(
        error_type=ErrorType.JOB_NO_RETRIES.value,
        error_message=job.error_message or messages.NO_RETRIES_LEFT,
        bpmn_process_id=job.bpmn_process_id,
        workflow_key=job.workflow_key,
        workflow_instance_key=job.workflow_instance_key,
        element_id=job.element_id,
        element_instance_key=job.element_instance_key,
        job_key=record.key,
        variable_scope_key=job.element_instance_key,
    )
    ctx.write_command(ValueType.INCIDENT, IncidentIntent.CREATE, NO_KEY, incident)


@processes(RecordType.COMMAND, ValueType.JOB, JobIntent.UPDATE_RETRIES)
def update_retries(ctx: ProcessingContext, record: Record) -> None:
    key, retries = record.key, _command(record).retries
    if retries <= 0:
        ctx.reject(RejectionType.INVALID_ARGUMENT, messages.RETRIES_NOT_POSITIVE.format(key=key, retries=retries))
        return
    job = ctx.state.jobs.get(key)
    if job is None:
        ctx.reject(RejectionType.NOT_FOUND, messages.RETRIES_NOT_FOUND.format(key=key))
        return
    updated = replace(job.record, retries=retries)
    ctx.write_event(ValueType.JOB, JobIntent.RETRIES_UPDATED, key, updated)
    ctx.accept(key, updated)


@processes(RecordType.COMMAND, ValueType.JOB, JobIntent.CANCEL)
def cancel_job(ctx: ProcessingContext, record: Record) -> None:
    job = ctx.state.jobs.get(record.key)
    if job is None:
        ctx.reject(RejectionType.NOT_FOUND, messages.JOB_CANCEL_NOT_FOUND.format(key=record.key))
        return
    ctx.write_event(ValueType.JOB, JobIntent.CANCELED, job.key, job.record)
    ctx.accept(job.key, job.record)


_TIME_OUT_REASONS = {
    JobStatus.ACTIVATABLE: messages.TIME_OUT_NOT_ACTIVATED,
    JobStatus.FAILED: messages.TIME_OUT_FAILED,
}


@processes(RecordType.COMMAND, ValueType.JOB, JobIntent.TIME_OUT)
def time_out_job(ctx: ProcessingContext, record: Record) -> None:
    """Written by the clock for an ACTIVATED job past its deadline (Zeebe's TimeOutProcessor)."""
    job = ctx.state.jobs.get(record.key)
    if job is None or job.state is not JobStatus.ACTIVATED:
        reason = messages.TIME_OUT_NOT_FOUND if job is None else _TIME_OUT_REASONS.get(job.state)
        reason = reason or messages.TIME_OUT_NOT_FOUND
        ctx.reject(RejectionType.NOT_FOUND, messages.TIME_OUT_REJECTED.format(key=record.key, reason=reason))
        return
    ctx.write_event(ValueType.JOB, JobIntent.TIMED_OUT, job.key, record.value)
    ctx.accept(job.key, record.value)
