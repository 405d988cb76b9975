"""Deployed workflows, by key and by (process id, version)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pytest_zeebe.engine.journal import Table
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue
from pytest_zeebe.model import BpmnElementType, Workflow


@dataclass(frozen=True, slots=True)
class DeployedWorkflowEntry:
    """A deployed workflow version with what deduplication compares (digest and resource name).

    Immutable and shared between snapshots: copying the state never copies a workflow.
    """

    key: int
    bpmn_process_id: str
    version: int
    resource_name: str
    digest: bytes
    resource: bytes
    workflow: Workflow

    def __deepcopy__(self, memo: dict[int, Any]) -> DeployedWorkflowEntry:
        return self

    def process_value(
        self, instance_key: int, *, parent_instance_key: int = NO_KEY, parent_element_key: int = NO_KEY
    ) -> WorkflowInstanceRecordValue:
        """The value of a new instance's PROCESS records, however it was started (a client, an event,
        a call activity: the parent keys link a called instance to its caller)."""
        return WorkflowInstanceRecordValue(
            bpmn_process_id=self.bpmn_process_id,
            version=self.version,
            workflow_key=self.key,
            workflow_instance_key=instance_key,
            element_id=self.bpmn_process_id,
            flow_scope_key=NO_KEY,
            bpmn_element_type=BpmnElementType.PROCESS.value,
            parent_workflow_instance_key=parent_instance_key,
            parent_element_instance_key=parent_element_key,
        )


class WorkflowRepository:
    """Every deployed workflow version, by key and by (process id, version)."""

    __slots__ = ("by_key", "versions")

    def __init__(self) -> None:
        self.by_key: Table[int, DeployedWorkflowEntry] = Table()
        self.versions: Table[str, Table[int, DeployedWorkflowEntry]] = Table()

    def add(self, entry: DeployedWorkflowEntry) -> None:
        """Register a new version (an applier's job)."""
        self.by_key[entry.key] = entry
        self.versions.setdefault(entry.bpmn_process_id, Table())[entry.version] = entry

    def latest(self, bpmn_process_id: str) -> DeployedWorkflowEntry | None:
        """The highest version of `bpmn_process_id`, if any was deployed."""
        versions = self.versions.get(bpmn_process_id)
        return versions[max(versions)] if versions else None

    def version(self, bpmn_process_id: str, version: int) -> DeployedWorkflowEntry | None:
        """One version of `bpmn_process_id`."""
        versions = self.versions.get(bpmn_process_id)
        return versions.get(version) if versions else None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WorkflowRepository) and self.by_key == other.by_key
