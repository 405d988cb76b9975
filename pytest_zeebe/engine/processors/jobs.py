"""JOB commands: CREATE, COMPLETE and TIME_OUT, and the COMPLETED event that moves the task on.

COMPLETE is accepted for an ACTIVATABLE or ACTIVATED job (Zeebe does not require activation);
its variables travel on the COMPLETED event to the task, which then completes.
"""

from __future__ import annotations

from dataclasses import replace

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import JobIntent, RecordType, RejectionType, ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import Job, JobState
from pytest_zeebe.engine.values import JobRecordValue


@processes(RecordType.COMMAND, ValueType.JOB, JobIntent.CREATE)
def create_job(ctx: ProcessingContext, record: Record) -> None:
    key = ctx.next_key()
    ctx.write_event(ValueType.JOB, JobIntent.CREATED, key, record.value)
    ctx.accept(key, record.value)


def _find_job(ctx: ProcessingContext, verb: str, *allowed: JobState) -> Job | None:
    key = ctx.record.key
    job = ctx.state.jobs.get(key)
    if job is None:
        ctx.reject(RejectionType.NOT_FOUND, messages.JOB_NOT_FOUND.format(verb=verb, key=key))
        return None
    if job.state not in allowed:
        ctx.reject(
            RejectionType.INVALID_STATE, messages.JOB_INVALID_STATE.format(verb=verb, key=key, state=job.state.value)
        )
        return None
    return job


@processes(RecordType.COMMAND, ValueType.JOB, JobIntent.COMPLETE)
def complete_job(ctx: ProcessingContext, record: Record) -> None:
    job = _find_job(ctx, "complete", JobState.ACTIVATABLE, JobState.ACTIVATED)
    if job is None:
        return
    command = record.value
    assert isinstance(command, JobRecordValue)
    completed = replace(job.record, variables=command.variables)
    ctx.write_event(ValueType.JOB, JobIntent.COMPLETED, job.key, completed)
    ctx.accept(job.key, completed)


@processes(RecordType.EVENT, ValueType.JOB, JobIntent.COMPLETED)
def job_completed(ctx: ProcessingContext, record: Record) -> None:
    job = record.value
    assert isinstance(job, JobRecordValue)
    instance = ctx.state.element_instances.get(job.element_instance_key)
    if instance is None:
        return
    scope = ctx.state.element_instances.get(instance.value.flow_scope_key)
    if scope is not None and scope.state is WorkflowInstanceIntent.ELEMENT_ACTIVATED:
        ctx.write_event(
            ValueType.WORKFLOW_INSTANCE, WorkflowInstanceIntent.ELEMENT_COMPLETING, instance.key, instance.value
        )


_TIME_OUT_REASONS = {
    JobState.ACTIVATABLE: messages.TIME_OUT_NOT_ACTIVATED,
    JobState.FAILED: messages.TIME_OUT_FAILED,
    JobState.ERROR_THROWN: messages.TIME_OUT_NOT_ACTIVATED,
}


@processes(RecordType.COMMAND, ValueType.JOB, JobIntent.TIME_OUT)
def time_out_job(ctx: ProcessingContext, record: Record) -> None:
    """Written by the clock for an ACTIVATED job past its deadline (Zeebe's TimeOutProcessor)."""
    job = ctx.state.jobs.get(record.key)
    reason = messages.TIME_OUT_NOT_FOUND if job is None else _TIME_OUT_REASONS.get(job.state)
    if job is None or reason is not None:
        ctx.reject(RejectionType.NOT_FOUND, messages.TIME_OUT_REJECTED.format(key=record.key, reason=reason))
        return
    ctx.write_event(ValueType.JOB, JobIntent.TIMED_OUT, job.key, job.record)
    ctx.accept(job.key, job.record)
