"""The behaviours of the elements the engine runs, by element type."""

from __future__ import annotations

from pytest_zeebe.engine.bpmn.behaviour import ElementBehaviour, Intent, Step, activate_child
from pytest_zeebe.engine.bpmn.jobs import create_job
from pytest_zeebe.engine.variables import set_variables_propagate
from pytest_zeebe.model import BpmnElementType, ServiceTask


class ProcessBehaviour(ElementBehaviour):
    """The process: activated, it enters its none start event; it completes when all paths end."""

    def on_activated(self, step: Step) -> None:
        start_id = step.workflow.process.none_start_event_id
        assert start_id is not None  # creation rejects workflows without one
        activate_child(step.ctx, step.value, step.key, step.workflow.node(start_id))

    def on_completed(self, step: Step) -> None:
        """A root process has nothing to continue (call activities add their parent here)."""


class PassThroughEvent(ElementBehaviour):
    """None start and end events: through the lifecycle without waiting."""


class ServiceTaskBehaviour(ElementBehaviour):
    """A service task: activated, it creates a job; the job's completion completes it."""

    def on_activated(self, step: Step) -> None:
        node = step.node
        assert isinstance(node, ServiceTask)
        create_job(step, node)

    def on_completing(self, step: Step) -> None:
        instance = step.ctx.state.element_instances[step.key]
        document = instance.temporary_variables or {}
        set_variables_propagate(
            step.ctx,
            step.key,
            document,
            workflow_instance_key=step.value.workflow_instance_key,
            workflow_key=step.value.workflow_key,
        )
        step.transition(Intent.ELEMENT_COMPLETED)


BEHAVIOURS: dict[BpmnElementType, ElementBehaviour] = {
    BpmnElementType.PROCESS: ProcessBehaviour(),
    BpmnElementType.START_EVENT: PassThroughEvent(),
    BpmnElementType.END_EVENT: PassThroughEvent(),
    BpmnElementType.SERVICE_TASK: ServiceTaskBehaviour(),
}
