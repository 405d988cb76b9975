"""Plain Python results of the harness's commands, the same whether the embedded engine or a real
gateway answered (gRPC messages and engine records stay behind the backends)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class DeployedWorkflow:
    """One workflow of a deployment: its process id, version, key and resource name."""

    bpmn_process_id: str
    version: int
    workflow_key: int
    resource_name: str


@dataclass(frozen=True, slots=True)
class Deployment:
    """A deployment: its key and the workflows it deployed (or found already deployed)."""

    key: int
    workflows: tuple[DeployedWorkflow, ...]


@dataclass(frozen=True, slots=True)
class WorkflowInstance:
    """A created workflow instance."""

    key: int
    bpmn_process_id: str
    version: int
    workflow_key: int


@dataclass(frozen=True, slots=True)
class ActivatedJob:
    """A job handed to a worker, as ActivateJobs returns it."""

    key: int
    type: str
    workflow_instance_key: int
    bpmn_process_id: str
    workflow_definition_version: int
    workflow_key: int
    element_id: str
    element_instance_key: int
    custom_headers: dict[str, str]
    worker: str
    retries: int
    deadline: int
    variables: dict[str, Any]

    @classmethod
    def from_record(cls, key: int, job: Any) -> ActivatedJob:
        """From a job value of a JOB_BATCH ACTIVATED record (the embedded engine)."""
        return cls(
            key=key,
            type=job.type,
            workflow_instance_key=job.workflow_instance_key,
            bpmn_process_id=job.bpmn_process_id,
            workflow_definition_version=job.workflow_definition_version,
            workflow_key=job.workflow_key,
            element_id=job.element_id,
            element_instance_key=job.element_instance_key,
            custom_headers=dict(job.custom_headers),
            worker=job.worker,
            retries=job.retries,
            deadline=job.deadline,
            variables=dict(job.variables),
        )

    @classmethod
    def from_message(cls, job: Any) -> ActivatedJob:
        """From a `gateway_protocol.ActivatedJob` message (a real gateway), JSON fields decoded."""
        return cls(
            key=job.key,
            type=job.type,
            workflow_instance_key=job.workflowInstanceKey,
            bpmn_process_id=job.bpmnProcessId,
            workflow_definition_version=job.workflowDefinitionVersion,
            workflow_key=job.workflowKey,
            element_id=job.elementId,
            element_instance_key=job.elementInstanceKey,
            custom_headers=_json_object(job.customHeaders),
            worker=job.worker,
            retries=job.retries,
            deadline=job.deadline,
            variables=_json_object(job.variables),
        )


def _json_object(text: str) -> dict[str, Any]:
    value = json.loads(text) if text.strip() else {}
    return dict(value) if isinstance(value, Mapping) else {}


@dataclass(frozen=True, slots=True)
class InstanceResult:
    """A workflow instance that ran to completion (`create_instance_with_result`), with its variables."""

    key: int
    bpmn_process_id: str
    version: int
    workflow_key: int
    variables: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PublishedMessage:
    """A message the gateway accepted (`publish_message`): its key and what identifies it."""

    key: int
    name: str
    correlation_key: str
    message_id: str = ""


@dataclass(frozen=True, slots=True)
class Job:
    """A job as the engine holds it now (`zeebe.jobs()`): Zeebe's job state, not yet completed.

    `state` is ACTIVATABLE, ACTIVATED, FAILED (no retries left: an incident waits) or ERROR_THROWN
    (an uncaught error: an incident waits); `variables` are those the job's element sees now (what
    an activation would hand a worker).
    """

    key: int
    type: str
    state: str
    retries: int
    worker: str
    deadline: int
    error_message: str
    workflow_instance_key: int
    bpmn_process_id: str
    workflow_key: int
    element_id: str
    element_instance_key: int
    custom_headers: dict[str, str]
    variables: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Incident:
    """An open incident as the engine holds it now (`zeebe.incidents()`)."""

    key: int
    error_type: str
    error_message: str
    workflow_instance_key: int
    bpmn_process_id: str
    element_id: str
    element_instance_key: int
    job_key: int
    """The job whose failure it reports, or -1 (an incident of the element itself)."""
