"""INCIDENT records: open and resolve incidents, and the state Zeebe changes alongside.

- Writing INCIDENT CREATE for an element keeps the record being processed as the element's failed
  record, which ResolveIncident processes again (Zeebe's `storeRecord(..., FAILED)`).
- Writing INCIDENT CREATE for a job too large to activate disables the job (it is FAILED until
  the incident is resolved), as Zeebe's JobBatchActivateProcessor does.
- RESOLVED, when a client resolved it, makes a failed job activatable again (retries unchecked).
"""

from __future__ import annotations

from pytest_zeebe.engine.appliers.registry import applies
from pytest_zeebe.engine.intents import ErrorType, IncidentIntent, RecordType, ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import EngineState, JobStatus, Purpose, StoredRecord
from pytest_zeebe.engine.values import IncidentRecordValue, WorkflowInstanceRecordValue


def _incident(record: Record) -> IncidentRecordValue:
    value = record.value
    assert isinstance(value, IncidentRecordValue)
    return value


@applies(ValueType.INCIDENT, IncidentIntent.CREATE, record_type=RecordType.COMMAND)
def incident_create_written(state: EngineState, record: Record, cause: Record | None) -> None:
    incident = _incident(record)
    if incident.job_key > 0:
        if incident.error_type == ErrorType.MESSAGE_SIZE_EXCEEDED:
            job = state.jobs.get(incident.job_key)
            if job is not None:
                state.jobs.put(job.key, JobStatus.FAILED, job.record)
        return
    if cause is None or cause.value_type is not ValueType.WORKFLOW_INSTANCE:
        return  # written while re-processing a failed record: it is already kept
    if cause.key != incident.element_instance_key:
        return
    value = cause.value
    assert isinstance(value, WorkflowInstanceRecordValue) and isinstance(cause.intent, WorkflowInstanceIntent)
    state.elements.store(StoredRecord(cause.key, value.flow_scope_key, Purpose.FAILED, cause.intent, value))


@applies(ValueType.INCIDENT, IncidentIntent.CREATED)
def incident_created(state: EngineState, record: Record, cause: Record | None) -> None:
    state.incidents.create(record.key, _incident(record))


@applies(ValueType.INCIDENT, IncidentIntent.RESOLVED)
def incident_resolved(state: EngineState, record: Record, cause: Record | None) -> None:
    incident = _incident(record)
    state.incidents.delete(record.key)
    resolved_by_client = cause is not None and cause.intent is IncidentIntent.RESOLVE
    if resolved_by_client and incident.job_key > 0:
        job = state.jobs.get(incident.job_key)
        if job is not None and job.state is JobStatus.FAILED:
            state.jobs.put(job.key, JobStatus.ACTIVATABLE, job.record)
