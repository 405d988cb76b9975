"""JOB THROW_ERROR and ERROR_THROWN (Zeebe's JobThrowErrorProcessor, JobErrorThrownProcessor).

THROW_ERROR is accepted for an ACTIVATABLE or ACTIVATED job, as COMPLETE is: the job is in state
ERROR_THROWN with the error's code and message. Processing ERROR_THROWN throws the error from the
job's task, if the task is still active: the hook searches the catch event (bpmn/error_events.py)
and, when one catches it, triggers it and deletes the job without a CANCEL record (the task no
longer knows its job, so terminating it cancels nothing); otherwise the processor raises an
UNHANDLED_ERROR_EVENT incident on the job, with the job's error message or Zeebe's text. Resolving
that incident throws the error again (processors/incidents.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.appliers.registry import before_processing
from pytest_zeebe.engine.bpmn.error_events import ErrorThrown, throw_error
from pytest_zeebe.engine.bpmn.event_triggers import write_occurred
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import ErrorType, IncidentIntent, JobIntent, RecordType, ValueType
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.processors.jobs import activatable_job
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import DueKind, EngineState
from pytest_zeebe.engine.values import IncidentRecordValue, JobRecordValue


def _job(record: Record) -> JobRecordValue:
    value = record.value
    assert isinstance(value, JobRecordValue)
    return value


@processes(RecordType.COMMAND, ValueType.JOB, JobIntent.THROW_ERROR)
def throw_job_error_command(ctx: ProcessingContext, record: Record) -> None:
    job = activatable_job(ctx, "throw an error for")
    if job is None:
        return
    command = _job(record)
    thrown = replace(job.record, error_code=command.error_code, error_message=command.error_message)
    ctx.write_event(ValueType.JOB, JobIntent.ERROR_THROWN, job.key, thrown)
    ctx.accept(job.key, thrown)


def throw_job_error(state: EngineState, job_key: int, job: JobRecordValue, partition_id: int) -> ErrorThrown | None:
    """The hook's half: throw the job's error from its task; None if the task is no longer active."""
    task = state.elements.get(job.element_instance_key)
    if task is None or not task.is_active:
        return None
    thrown = throw_error(state, job.error_code, task, partition_id)
    if thrown.caught:
        task.job_key = NO_KEY
        state.jobs.delete(job_key)
        state.due.cancel(DueKind.JOB_TIME_OUT, job_key)
    return thrown


@before_processing(RecordType.EVENT, ValueType.JOB, JobIntent.ERROR_THROWN)
def before_error_thrown(state: EngineState, record: Record) -> Any:
    return throw_job_error(state, record.key, _job(record), record.partition_id)


@processes(RecordType.EVENT, ValueType.JOB, JobIntent.ERROR_THROWN)
def error_thrown(ctx: ProcessingContext, record: Record) -> None:
    write_error_outcome(ctx, record.key, _job(record), ctx.verdict)


def write_error_outcome(ctx: ProcessingContext, job_key: int, job: JobRecordValue, thrown: Any) -> None:
    """The processor's half: the catch event's EVENT_OCCURRED, or an UNHANDLED_ERROR_EVENT incident."""
    if not isinstance(thrown, ErrorThrown):
        return
    if thrown.caught:
        if thrown.occurred is not None:
            write_occurred(ctx, thrown.occurred)
        return
    incident = IncidentRecordValue(
        error_type=ErrorType.UNHANDLED_ERROR_EVENT.value,
        error_message=job.error_message or messages.JOB_ERROR_NOT_CAUGHT.format(code=job.error_code),
        bpmn_process_id=job.bpmn_process_id,
        workflow_key=job.workflow_key,
        workflow_instance_key=job.workflow_instance_key,
        element_id=job.element_id,
        element_instance_key=job.element_instance_key,
        job_key=job_key,
        variable_scope_key=job.element_instance_key,
    )
    ctx.write_command(ValueType.INCIDENT, IncidentIntent.CREATE, NO_KEY, incident)
