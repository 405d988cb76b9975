"""JOB_BATCH ACTIVATE: hand out activatable jobs of one type, lowest key first.

Each activated job gets the worker, `deadline = command timestamp + timeout`, and the variables
visible from its element instance (or only the requested ones). 0.26 writes a single JOB_BATCH
ACTIVATED carrying the jobs (no per-job ACTIVATED records, unlike 0.25).

As Zeebe's JobBatchActivateProcessor, the batch may take at most half of the maximum message size
(its jobs are written twice: in the batch and in the state); it is cut there and marked
`truncated`. A job that alone does not fit is disabled with a MESSAGE_SIZE_EXCEEDED incident.
"""

from __future__ import annotations

from dataclasses import replace

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import (
    ErrorType,
    IncidentIntent,
    JobBatchIntent,
    RecordType,
    RejectionType,
    ValueType,
)
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.msgpack_size import Document, record_size, size_of
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.values import IncidentRecordValue, JobBatchRecordValue, JobRecordValue

MAX_DEADLINE = 2**63 - 1
"""A timeout so large that `now + timeout` leaves int64 means: never time out (Java would overflow)."""

MAX_MESSAGE_SIZE = 4 * 1024 * 1024
"""Zeebe 0.26's default maximum message size (`maxMessageSize`, 4 MB)."""
MAX_BATCH_SIZE = (MAX_MESSAGE_SIZE - 8) // 2
"""What the batch record may take: half the message size, less a long (Zeebe's rule)."""
RECORD_METADATA_LENGTH = 42
"""RecordMetadata#getLength of a command: SBE message header 8, block 30, rejection reason header 4.
Zeebe compares the whole record (TypedEventImpl#getLength: metadata + value) with the limit."""
PRETTY_MAX_MESSAGE_SIZE = "4.0 MB"
"""How Zeebe's ByteValue.prettyPrint writes the limit in the incident message."""


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


def job_size(job: JobRecordValue) -> int:
    """The MessagePack length of a job record with its 14 properties.

    `variables` is a DocumentProperty (binary around the document); `customHeaders` a
    PackedProperty (the encoded map as it is).
    """
    return record_size(
        {
            "deadline": job.deadline,
            "worker": job.worker,
            "retries": job.retries,
            "type": job.type,
            "customHeaders": dict(job.custom_headers),
            "variables": Document(job.variables),
            "errorMessage": job.error_message,
            "errorCode": job.error_code,
            "bpmnProcessId": job.bpmn_process_id,
            "workflowDefinitionVersion": job.workflow_definition_version,
            "workflowKey": job.workflow_key,
            "workflowInstanceKey": job.workflow_instance_key,
            "elementId": job.element_id,
            "elementInstanceKey": job.element_instance_key,
        }
    )


def _batch_size(request: JobBatchRecordValue) -> int:
    """The MessagePack length of the batch command before any job is added."""
    return record_size(
        {
            "type": request.type,
            "worker": request.worker,
            "timeout": request.timeout,
            "maxJobsToActivate": request.max_jobs_to_activate,
            "jobKeys": [],
            "jobs": [],
            "variables": list(request.fetch_variables),
            "truncated": False,
        }
    )


@processes(RecordType.COMMAND, ValueType.JOB_BATCH, JobBatchIntent.ACTIVATE)
def activate_jobs(ctx: ProcessingContext, record: Record) -> None:
    request = record.value
    assert isinstance(request, JobBatchRecordValue)
    reason = _invalid_reason(request)
    if reason is not None:
        ctx.reject(RejectionType.INVALID_ARGUMENT, reason)
        return
    batch_key = ctx.next_key()
    deadline = min(record.timestamp + request.timeout, MAX_DEADLINE)
    keys: list[int] = []
    jobs: list[JobRecordValue] = []
    truncated = False
    size = RECORD_METADATA_LENGTH + _batch_size(request)
    for key in ctx.state.jobs.activatable_keys(request.type):
        job = _activated(ctx, key, request, deadline)
        length = job_size(job)
        if size + length > MAX_BATCH_SIZE:
            truncated = True
            if not jobs:
                _raise_too_large(ctx, key, job)
            break
        # the batch grows by the job and its key (and the arrays' headers widen at 16 entries)
        size += length + size_of(key) + (4 if len(jobs) == 15 else 0)
        keys.append(key)
        jobs.append(job)
        if len(jobs) >= request.max_jobs_to_activate:
            break
    batch = replace(request, job_keys=tuple(keys), jobs=tuple(jobs), truncated=truncated)
    ctx.write_event(ValueType.JOB_BATCH, JobBatchIntent.ACTIVATED, batch_key, batch)
    ctx.accept(batch_key, batch)


def _activated(ctx: ProcessingContext, key: int, request: JobBatchRecordValue, deadline: int) -> JobRecordValue:
    job = ctx.state.jobs.jobs[key].record
    names = request.fetch_variables or None
    variables = (
        ctx.state.variables.visible_document(job.element_instance_key, names) if job.element_instance_key >= 0 else {}
    )
    return replace(job, worker=request.worker, deadline=deadline, variables=variables)


def _raise_too_large(ctx: ProcessingContext, key: int, job: JobRecordValue) -> None:
    """Zeebe's raiseIncidentJobTooLargeForMessageSize; the job is disabled when the command is written."""
    incident = IncidentRecordValue(
        error_type=ErrorType.MESSAGE_SIZE_EXCEEDED.value,
        error_message=messages.JOB_TOO_LARGE.format(key=key, size=PRETTY_MAX_MESSAGE_SIZE),
        bpmn_process_id=job.bpmn_process_id,
        workflow_key=job.workflow_key,
        workflow_instance_key=job.workflow_instance_key,
        element_id=job.element_id,
        element_instance_key=job.element_instance_key,
        job_key=key,
        variable_scope_key=job.element_instance_key,
    )
    ctx.write_command(ValueType.INCIDENT, IncidentIntent.CREATE, NO_KEY, incident)
