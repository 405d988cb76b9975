"""JOB_BATCH ACTIVATE: hand out activatable jobs of one type, lowest key first.

Each activated job gets the worker, `deadline = now + timeout`, and the variables visible from its
element instance (or only the requested ones). 0.26 writes a single JOB_BATCH ACTIVATED carrying
the jobs (no per-job ACTIVATED records, unlike 0.25).
"""

from __future__ import annotations

from dataclasses import replace

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import JobBatchIntent, RecordType, RejectionType, ValueType
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.values import JobBatchRecordValue, JobRecordValue

MAX_DEADLINE = 2**63 - 1
"""A timeout so large that `now + timeout` leaves int64 means: never time out (Java would overflow)."""


def _invalid_reason(request: JobBatchRecordValue) -> str | None:
    if request.max_jobs_to_activate < 1:
        return messages.BATCH_MAX_JOBS.format(value=request.max_jobs_to_activate)
    if request.timeout < 1:
        return messages.BATCH_TIMEOUT.format(value=request.timeout)
    if not request.type:
        return messages.BATCH_TYPE
    if not request.worker:
        return messages.BATCH_WORKER
    return None


@processes(RecordType.COMMAND, ValueType.JOB_BATCH, JobBatchIntent.ACTIVATE)
def activate_jobs(ctx: ProcessingContext, record: Record) -> None:
    request = record.value
    assert isinstance(request, JobBatchRecordValue)
    reason = _invalid_reason(request)
    if reason is not None:
        ctx.reject(RejectionType.INVALID_ARGUMENT, reason)
        return
    keys = sorted(ctx.state.activatable_jobs.get(request.type, ()))[: request.max_jobs_to_activate]
    deadline = min(ctx.now() + request.timeout, MAX_DEADLINE)
    jobs = tuple(_activated(ctx, key, request, deadline) for key in keys)
    batch = JobBatchRecordValue(
        type=request.type,
        worker=request.worker,
        timeout=request.timeout,
        max_jobs_to_activate=request.max_jobs_to_activate,
        job_keys=tuple(keys),
        jobs=jobs,
        truncated=False,
        fetch_variables=request.fetch_variables,
    )
    batch_key = ctx.next_key()
    ctx.write_event(ValueType.JOB_BATCH, JobBatchIntent.ACTIVATED, batch_key, batch)
    ctx.accept(batch_key, batch)


def _activated(ctx: ProcessingContext, key: int, request: JobBatchRecordValue, deadline: int) -> JobRecordValue:
    job = ctx.state.jobs[key].record
    visible = ctx.state.visible_variables(job.element_instance_key)
    if request.fetch_variables:
        visible = {name: visible[name] for name in request.fetch_variables if name in visible}
    return replace(job, worker=request.worker, deadline=deadline, variables=visible)
