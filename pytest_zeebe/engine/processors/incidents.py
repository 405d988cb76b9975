"""INCIDENT CREATE and RESOLVE (Zeebe's CreateIncidentProcessor and ResolveIncidentProcessor).

CREATE is written by the engine for a failed element step (the step's record is kept as the
element's failed record) or a failed job. RESOLVE comes from a client: RESOLVED is written first,
then a job incident makes its job activatable again (its retries unchecked) or, for a job that
threw an error nobody caught, throws the error again; an element incident re-runs the failed step
with the current variables, in the same processing step; if it fails again, a new incident is
raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.appliers.registry import (
    SKIP,
    after_processing,
    before_processing,
    begin_processing,
    end_processing,
)
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import IncidentIntent, RecordType, RejectionType, ValueType
from pytest_zeebe.engine.processors.job_errors import throw_job_error, write_error_outcome
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.processors.workflow_instance import process_element_event
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import EngineState, JobStatus
from pytest_zeebe.engine.values import IncidentRecordValue, JobRecordValue


def _incident(record: Record) -> IncidentRecordValue:
    value = record.value
    assert isinstance(value, IncidentRecordValue)
    return value


@processes(RecordType.COMMAND, ValueType.INCIDENT, IncidentIntent.CREATE)
def create_incident(ctx: ProcessingContext, record: Record) -> None:
    incident = _incident(record)
    if incident.job_key > 0:
        job = ctx.state.jobs.get(incident.job_key)
        if job is None:
            ctx.reject(RejectionType.NOT_FOUND, messages.INCIDENT_JOB_NOT_FOUND.format(key=incident.job_key))
            return
        if job.state not in (JobStatus.FAILED, JobStatus.ERROR_THROWN):
            reason = messages.INCIDENT_JOB_INVALID_STATE.format(key=incident.job_key, state=job.state.value)
            ctx.reject(RejectionType.INVALID_STATE, reason)
            return
    elif ctx.state.elements.failed_record(incident.element_instance_key) is None:
        reason = messages.INCIDENT_NO_FAILED_RECORD.format(key=incident.element_instance_key)
        ctx.reject(RejectionType.NOT_FOUND, reason)
        return
    key = ctx.next_key()
    ctx.write_event(ValueType.INCIDENT, IncidentIntent.CREATED, key, incident)
    ctx.accept(key, incident)


@dataclass(frozen=True, slots=True)
class _Retry:
    """The failed element step a RESOLVE re-runs, and what its processing hook decided."""

    record: Record
    verdict: Any


def _failed_step(state: EngineState, record: Record) -> Record | None:
    incident = state.incidents.get(record.key)
    if incident is None or incident.job_key > 0:
        return None
    stored = state.elements.failed_record(incident.element_instance_key)
    if stored is None:
        return None
    return Record(
        position=record.position,
        source_record_position=record.source_record_position,
        key=stored.key,
        timestamp=record.timestamp,
        record_type=RecordType.EVENT,
        value_type=ValueType.WORKFLOW_INSTANCE,
        intent=stored.intent,
        partition_id=record.partition_id,
        value=stored.value,
    )


@dataclass(frozen=True, slots=True)
class _Rethrow:
    """The job whose uncaught error a RESOLVE throws again, and what throwing it decided."""

    job_key: int
    job: JobRecordValue
    thrown: Any


@before_processing(RecordType.COMMAND, ValueType.INCIDENT, IncidentIntent.RESOLVE)
def before_resolve(state: EngineState, record: Record) -> Any:
    incident = state.incidents.get(record.key)
    if incident is not None and incident.job_key > 0:
        job = state.jobs.get(incident.job_key)
        if job is None or job.state is not JobStatus.ERROR_THROWN:
            return None
        return _Rethrow(job.key, job.record, throw_job_error(state, job.key, job.record, record.partition_id))
    failed = _failed_step(state, record)
    return None if failed is None else _Retry(failed, begin_processing(state, failed))


@processes(RecordType.COMMAND, ValueType.INCIDENT, IncidentIntent.RESOLVE)
def resolve_incident(ctx: ProcessingContext, record: Record) -> None:
    incident = ctx.state.incidents.get(record.key)
    if incident is None:
        ctx.reject(RejectionType.NOT_FOUND, messages.INCIDENT_NOT_FOUND.format(key=record.key))
        return
    ctx.write_event(ValueType.INCIDENT, IncidentIntent.RESOLVED, record.key, incident)
    ctx.accept(record.key, incident)
    retry = ctx.verdict
    if isinstance(retry, _Rethrow):
        write_error_outcome(ctx, retry.job_key, retry.job, retry.thrown)
        return
    if isinstance(retry, _Retry) and retry.verdict is not SKIP:
        previous, ctx.record, ctx.verdict = ctx.record, retry.record, retry.verdict
        try:
            process_element_event(ctx, retry.record)
        finally:
            ctx.record, ctx.verdict = previous, retry


@after_processing(RecordType.COMMAND, ValueType.INCIDENT, IncidentIntent.RESOLVE)
def after_resolve(state: EngineState, record: Record, verdict: Any) -> None:
    if isinstance(verdict, _Retry) and verdict.verdict is not SKIP:
        end_processing(state, verdict.record, verdict.verdict)
