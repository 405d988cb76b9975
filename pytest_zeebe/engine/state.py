"""The engine's state. Processors read it; only appliers (appliers.py) change it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pytest_zeebe.engine.intents import WorkflowInstanceIntent
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.values import JobRecordValue, WorkflowInstanceRecordValue
from pytest_zeebe.model import Workflow


@dataclass(frozen=True, slots=True)
class DeployedWorkflowEntry:
    """A deployed workflow version with what deduplication compares (digest and resource name)."""

    key: int
    bpmn_process_id: str
    version: int
    resource_name: str
    digest: bytes
    resource: bytes
    workflow: Workflow


class WorkflowRepository:
    """Every deployed workflow version, by key and by (process id, version)."""

    def __init__(self) -> None:
        self.by_key: dict[int, DeployedWorkflowEntry] = {}
        self.versions: dict[str, dict[int, DeployedWorkflowEntry]] = {}

    def latest(self, bpmn_process_id: str) -> DeployedWorkflowEntry | None:
        """The highest version of `bpmn_process_id`, if any was deployed."""
        versions = self.versions.get(bpmn_process_id)
        return versions[max(versions)] if versions else None

    def version(self, bpmn_process_id: str, version: int) -> DeployedWorkflowEntry | None:
        """One version of `bpmn_process_id`."""
        return self.versions.get(bpmn_process_id, {}).get(version)


@dataclass(slots=True)
class ElementInstance:
    """A live element instance: its last record value, lifecycle state and token counts.

    `active_children` counts child element instances not yet completed or terminated;
    `active_tokens` counts sequence flows taken inside this scope whose target has not yet been
    activated. A scope can complete when both are zero.
    """

    key: int
    value: WorkflowInstanceRecordValue
    state: WorkflowInstanceIntent
    active_children: int = 0
    active_tokens: int = 0
    temporary_variables: dict[str, Any] | None = None


class JobState(StrEnum):
    """The states a job is in between CREATED and deletion."""

    ACTIVATABLE = "ACTIVATABLE"
    ACTIVATED = "ACTIVATED"
    FAILED = "FAILED"
    ERROR_THROWN = "ERROR_THROWN"


@dataclass(slots=True)
class Job:
    """A job and the state it is in."""

    key: int
    state: JobState
    record: JobRecordValue


@dataclass(slots=True)
class Variable:
    """A variable in one scope: its key (kept on update), JSON text and parsed value."""

    key: int
    text: str
    value: Any


@dataclass(slots=True)
class EngineState:
    """All of the engine's mutable state, in one place so that reset is one assignment."""

    workflows: WorkflowRepository = field(default_factory=WorkflowRepository)
    element_instances: dict[int, ElementInstance] = field(default_factory=dict)
    jobs: dict[int, Job] = field(default_factory=dict)
    activatable_jobs: dict[str, set[int]] = field(default_factory=dict)
    variables: dict[int, dict[str, Variable]] = field(default_factory=dict)
    scope_parents: dict[int, int] = field(default_factory=dict)

    def visible_variables(self, scope_key: int) -> dict[str, Any]:
        """Every variable visible from `scope_key`, the innermost definition winning."""
        result: dict[str, Any] = {}
        key = scope_key
        while key != NO_KEY:
            for name, variable in self.variables.get(key, {}).items():
                result.setdefault(name, variable.value)
            key = self.scope_parents.get(key, NO_KEY)
        return result

    def find_variable_scope(self, scope_key: int, name: str) -> int:
        """The innermost scope from `scope_key` up that defines `name`, or NO_KEY."""
        key = scope_key
        while key != NO_KEY:
            if name in self.variables.get(key, {}):
                return key
            key = self.scope_parents.get(key, NO_KEY)
        return NO_KEY
