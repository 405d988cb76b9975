"""WORKFLOW_INSTANCE_CREATION CREATE: start an instance at the workflow's none start event.

Looks the workflow up (by process id and version, by process id's latest version, or by key), sets
the request's variables locally in the new root scope, writes the process's ELEMENT_ACTIVATING and
answers with CREATED. With CREATE_WITH_AWAITING_RESULT the caller is answered when the instance
completes (the CREATED applier remembers the request); a rejection is answered at once.
"""

from __future__ import annotations

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import (
    RecordType,
    RejectionType,
    ValueType,
    WorkflowInstanceCreationIntent,
    WorkflowInstanceIntent,
)
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import DeployedWorkflowEntry
from pytest_zeebe.engine.values import WorkflowInstanceCreationRecordValue
from pytest_zeebe.engine.variables import set_variables_local


@processes(
    RecordType.COMMAND,
    ValueType.WORKFLOW_INSTANCE_CREATION,
    WorkflowInstanceCreationIntent.CREATE,
    WorkflowInstanceCreationIntent.CREATE_WITH_AWAITING_RESULT,
)
def create_instance(ctx: ProcessingContext, record: Record) -> None:
    request = record.value
    assert isinstance(request, WorkflowInstanceCreationRecordValue)
    entry = _find_workflow(ctx, request)
    if entry is None:
        return
    if entry.workflow.process.none_start_event_id is None:
        ctx.reject(RejectionType.INVALID_STATE, messages.NO_NONE_START_EVENT)
        return
    instance_key = ctx.next_key()
    set_variables_local(ctx, instance_key, entry.key, request.variables)
    process = entry.process_value(instance_key)
    ctx.write_event(ValueType.WORKFLOW_INSTANCE, WorkflowInstanceIntent.ELEMENT_ACTIVATING, instance_key, process)
    created = WorkflowInstanceCreationRecordValue(
        bpmn_process_id=entry.bpmn_process_id,
        workflow_key=entry.key,
        version=entry.version,
        variables=request.variables,
        workflow_instance_key=instance_key,
        fetch_variables=request.fetch_variables,
    )
    created_key = ctx.next_key()
    ctx.write_event(ValueType.WORKFLOW_INSTANCE_CREATION, WorkflowInstanceCreationIntent.CREATED, created_key, created)
    ctx.accept(created_key, created)


def _find_workflow(
    ctx: ProcessingContext, request: WorkflowInstanceCreationRecordValue
) -> DeployedWorkflowEntry | None:
    repository = ctx.state.workflows
    process_id = request.bpmn_process_id
    if process_id:
        if request.version < 0:
            entry = repository.latest(process_id)
            reason = messages.WORKFLOW_NOT_FOUND_BY_ID.format(id=process_id)
        else:
            entry = repository.version(process_id, request.version)
            reason = messages.WORKFLOW_NOT_FOUND_BY_ID_AND_VERSION.format(id=process_id, version=request.version)
    elif request.workflow_key >= 0:
        entry = repository.by_key.get(request.workflow_key)
        reason = messages.WORKFLOW_NOT_FOUND_BY_KEY.format(key=request.workflow_key)
    else:
        ctx.reject(RejectionType.INVALID_ARGUMENT, messages.NO_ID_OR_KEY)
        return None
    if entry is None:
        ctx.reject(RejectionType.NOT_FOUND, reason)
    return entry
