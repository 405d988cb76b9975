"""Effects that leave the engine: collected during a processing step, delivered after it.

A step that fails is undone together with its effects; committed effects are delivered once the
engine lock is released, so a listener may call back into the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from pytest_zeebe.engine.values import WorkflowInstanceResultRecordValue


@dataclass(frozen=True, slots=True)
class JobsAvailable:
    """A job of `job_type` became activatable: wake the long polls waiting for that type."""

    job_type: str


@dataclass(frozen=True, slots=True)
class InstanceResult:
    """A workflow instance completed that a CreateWorkflowInstanceWithResult caller waits for."""

    request: tuple[int, int]
    """(partition, position) of the CREATE_WITH_AWAITING_RESULT command."""
    value: WorkflowInstanceResultRecordValue


Effect = JobsAvailable | InstanceResult
