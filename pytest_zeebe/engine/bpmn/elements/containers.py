"""The process and embedded sub-processes (Zeebe's ProcessProcessor, SubProcessProcessor)."""

from __future__ import annotations

from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.context import Step
from pytest_zeebe.engine.bpmn.elements.base import (
    BpmnProcessingError,
    ContainerProcessor,
    Intent,
    complete_with_output_mappings,
)
from pytest_zeebe.engine.bpmn.incidents import create_incident, resolve_incidents
from pytest_zeebe.engine.bpmn.variable_mappings import apply_input_mappings
from pytest_zeebe.engine.effects import InstanceResult
from pytest_zeebe.engine.values import WorkflowInstanceResultRecordValue
from pytest_zeebe.model import Container


def _container(step: Step) -> Container:
    node = step.node
    assert isinstance(node, Container)
    return node


class ProcessProcessor(ContainerProcessor):
    """The root scope of an instance: entered at its none start event, completed by its last path."""

    def on_activated(self, step: Step) -> None:
        start_id = _container(step).none_start_event_id
        if start_id is None:
            raise BpmnProcessingError("Expected to activate the none start event of the process but not found.")
        transitions.activate_child(step.ctx, step.element, step.workflow.node(start_id))

    def on_completed(self, step: Step) -> None:
        if _container(step).none_start_event_id is not None:
            send_result(step)

    def on_terminating(self, step: Step) -> None:
        if transitions.terminate_children(step.ctx, step.element):
            transitions.transition(step.ctx, step.element, Intent.ELEMENT_TERMINATED)

    def on_terminated(self, step: Step) -> None:
        resolve_incidents(step.ctx, step.element)


def send_result(step: Step) -> None:
    """Answer a CreateWorkflowInstanceWithResult caller waiting for this instance, if there is one.

    Its `variables` are the root scope's, or only the requested ones that exist.
    """
    ctx, element = step.ctx, step.element
    waiting = ctx.state.elements.await_results.get(element.workflow_instance_key)
    if waiting is None:
        return
    names = waiting.fetch_variables or None
    variables = ctx.state.variables.visible_document(element.workflow_instance_key, names)
    result = WorkflowInstanceResultRecordValue(
        bpmn_process_id=element.value.bpmn_process_id,
        workflow_key=element.workflow_key,
        version=element.value.version,
        variables=variables,
        workflow_instance_key=element.workflow_instance_key,
    )
    ctx.effect(InstanceResult(waiting.request, result))


class SubProcessProcessor(ContainerProcessor):
    """An embedded sub-process: its own scope for variables, entered at its none start event."""

    def on_activating(self, step: Step) -> None:
        failure = apply_input_mappings(step)
        if failure is not None:
            create_incident(step.ctx, failure, step.element)
            return
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_ACTIVATED)

    def on_activated(self, step: Step) -> None:
        container = _container(step)
        start_id = container.none_start_event_id or container.start_event_ids[0]
        transitions.activate_child(step.ctx, step.element, step.workflow.node(start_id))

    def on_completing(self, step: Step) -> None:
        complete_with_output_mappings(step)

    def on_terminating(self, step: Step) -> None:
        if transitions.terminate_children(step.ctx, step.element):
            transitions.transition(step.ctx, step.element, Intent.ELEMENT_TERMINATED)
