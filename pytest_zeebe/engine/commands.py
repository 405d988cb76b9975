"""Building the engine's commands from plain Python values (used by the gateway and the plugin)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from pytest_zeebe.engine.intents import (
    DeploymentIntent,
    IncidentIntent,
    JobBatchIntent,
    JobIntent,
    MessageIntent,
    ValueType,
    VariableDocumentIntent,
    WorkflowInstanceCreationIntent,
    WorkflowInstanceIntent,
)
from pytest_zeebe.engine.keys import NO_KEY, decode_partition_id, subscription_partition_id
from pytest_zeebe.engine.results import Command
from pytest_zeebe.engine.values import (
    DeploymentRecordValue,
    DeploymentResource,
    IncidentRecordValue,
    JobBatchRecordValue,
    JobRecordValue,
    MessageRecordValue,
    VariableDocumentRecordValue,
    WorkflowInstanceCreationRecordValue,
    WorkflowInstanceRecordValue,
)
from pytest_zeebe.model import ResourceKind

DEPLOYMENT_PARTITION = 1


def deploy(resources: Sequence[tuple[str, bytes, ResourceKind]]) -> Command:
    """DEPLOYMENT CREATE for (name, content, kind) resources; deployments go to partition 1."""
    value = DeploymentRecordValue(
        resources=tuple(DeploymentResource(content, kind.value, name) for name, content, kind in resources)
    )
    return Command(ValueType.DEPLOYMENT, DeploymentIntent.CREATE, value, partition_id=DEPLOYMENT_PARTITION)


def create_instance(
    *,
    partition_id: int,
    bpmn_process_id: str = "",
    version: int = -1,
    workflow_key: int = NO_KEY,
    variables: Mapping[str, Any] | None = None,
    awaiting_result: bool = False,
    fetch_variables: Sequence[str] = (),
) -> Command:
    """WORKFLOW_INSTANCE_CREATION CREATE (or CREATE_WITH_AWAITING_RESULT)."""
    value = WorkflowInstanceCreationRecordValue(
        bpmn_process_id=bpmn_process_id,
        workflow_key=workflow_key,
        version=version,
        variables=MappingProxyType(dict(variables or {})),
        fetch_variables=tuple(fetch_variables),
    )
    intent = (
        WorkflowInstanceCreationIntent.CREATE_WITH_AWAITING_RESULT
        if awaiting_result
        else WorkflowInstanceCreationIntent.CREATE
    )
    return Command(ValueType.WORKFLOW_INSTANCE_CREATION, intent, value, partition_id=partition_id)


def activate_jobs(
    *,
    partition_id: int,
    job_type: str,
    worker: str,
    timeout: int,
    max_jobs_to_activate: int,
    fetch_variables: Sequence[str] = (),
) -> Command:
    """JOB_BATCH ACTIVATE on one partition."""
    value = JobBatchRecordValue(
        type=job_type,
        worker=worker,
        timeout=timeout,
        max_jobs_to_activate=max_jobs_to_activate,
        fetch_variables=tuple(fetch_variables),
    )
    return Command(ValueType.JOB_BATCH, JobBatchIntent.ACTIVATE, value, partition_id=partition_id)


def complete_job(job_key: int, variables: Mapping[str, Any] | None = None) -> Command:
    """JOB COMPLETE, routed to the job key's partition."""
    value = JobRecordValue(variables=MappingProxyType(dict(variables or {})))
    return Command(ValueType.JOB, JobIntent.COMPLETE, value, key=job_key, partition_id=decode_partition_id(job_key))


def fail_job(job_key: int, retries: int, error_message: str = "") -> Command:
    """JOB FAIL with the retries left and the worker's message."""
    value = JobRecordValue(retries=retries, error_message=error_message)
    return Command(ValueType.JOB, JobIntent.FAIL, value, key=job_key, partition_id=decode_partition_id(job_key))


def update_job_retries(job_key: int, retries: int) -> Command:
    """JOB UPDATE_RETRIES."""
    value = JobRecordValue(retries=retries)
    return Command(
        ValueType.JOB, JobIntent.UPDATE_RETRIES, value, key=job_key, partition_id=decode_partition_id(job_key)
    )


def resolve_incident(incident_key: int) -> Command:
    """INCIDENT RESOLVE."""
    return Command(
        ValueType.INCIDENT,
        IncidentIntent.RESOLVE,
        IncidentRecordValue(),
        key=incident_key,
        partition_id=decode_partition_id(incident_key),
    )


def cancel_instance(workflow_instance_key: int) -> Command:
    """WORKFLOW_INSTANCE CANCEL (the command's value is empty, as the gateway sends it)."""
    value = WorkflowInstanceRecordValue(
        bpmn_process_id="",
        version=-1,
        workflow_key=NO_KEY,
        workflow_instance_key=workflow_instance_key,
        element_id="",
        flow_scope_key=NO_KEY,
        bpmn_element_type="UNSPECIFIED",
    )
    return Command(
        ValueType.WORKFLOW_INSTANCE,
        WorkflowInstanceIntent.CANCEL,
        value,
        key=workflow_instance_key,
        partition_id=decode_partition_id(workflow_instance_key),
    )


def set_variables(scope_key: int, variables: Mapping[str, Any], *, local: bool = False) -> Command:
    """VARIABLE_DOCUMENT UPDATE on the scope's partition: LOCAL or PROPAGATE."""
    value = VariableDocumentRecordValue(
        scope_key=scope_key,
        update_semantics="LOCAL" if local else "PROPAGATE",
        variables=MappingProxyType(dict(variables)),
    )
    return Command(
        ValueType.VARIABLE_DOCUMENT,
        VariableDocumentIntent.UPDATE,
        value,
        partition_id=decode_partition_id(scope_key),
    )


def throw_error(job_key: int, error_code: str, error_message: str = "") -> Command:
    """JOB THROW_ERROR with the error's code and message."""
    value = JobRecordValue(error_code=error_code, error_message=error_message)
    return Command(ValueType.JOB, JobIntent.THROW_ERROR, value, key=job_key, partition_id=decode_partition_id(job_key))


def publish_message(
    *,
    partition_count: int,
    name: str,
    correlation_key: str,
    time_to_live: int = 0,
    message_id: str = "",
    variables: Mapping[str, Any] | None = None,
) -> Command:
    """MESSAGE PUBLISH on the partition of the correlation key (Zeebe's gateway routes it there)."""
    value = MessageRecordValue(
        name=name,
        correlation_key=correlation_key,
        time_to_live=time_to_live,
        variables=MappingProxyType(dict(variables or {})),
        message_id=message_id,
    )
    partition = subscription_partition_id(correlation_key, partition_count)
    return Command(ValueType.MESSAGE, MessageIntent.PUBLISH, value, partition_id=partition)
