"""Plain Python results of the harness's commands (gRPC messages stay inside the gateway)."""

from __future__ import annotations

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
