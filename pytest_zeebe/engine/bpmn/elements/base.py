"""The shape of an element processor (Zeebe's BpmnElementProcessor), and the steps most share.

Each lifecycle event of an element is processed by the matching method: `on_activating`,
`on_activated`, `on_completing`, `on_completed`, `on_terminating`, `on_terminated`,
`on_event_occurred`. A processor only reads state and writes records; the element leaves the
state when its COMPLETED or TERMINATED has been processed (bpmn/hooks.py).
"""

from __future__ import annotations

from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.context import Element, Step
from pytest_zeebe.engine.bpmn.incidents import create_incident, resolve_incidents
from pytest_zeebe.engine.bpmn.variable_mappings import apply_output_mappings
from pytest_zeebe.engine.intents import WorkflowInstanceIntent
from pytest_zeebe.model import FlowNode

Intent = WorkflowInstanceIntent


class BpmnProcessingError(Exception):
    """Raised when an element is driven in a way its processor cannot handle (an engine bug)."""


class ElementProcessor:
    """Default lifecycle: pass straight through, take the outgoing flows, nothing to wait for."""

    def on_activating(self, step: Step) -> None:
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_ACTIVATED)

    def on_activated(self, step: Step) -> None:
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_COMPLETING)

    def on_completing(self, step: Step) -> None:
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_COMPLETED)

    def on_completed(self, step: Step) -> None:
        transitions.take_outgoing_sequence_flows(step)

    def on_terminating(self, step: Step) -> None:
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_TERMINATED)

    def on_terminated(self, step: Step) -> None:
        resolve_incidents(step.ctx, step.element)
        transitions.on_element_terminated(step)

    def on_event_occurred(self, step: Step) -> None:
        raise BpmnProcessingError(
            f"Expected to handle occurred event on {step.node.element_type.value} element "
            f"'{step.element.element_id}', but events should not occur on it."
        )


class ContainerProcessor(ElementProcessor):
    """An element with children: told when a child's path ends or a child is terminated."""

    def on_child_completed(self, child: Step, node: FlowNode, scope: Element) -> None:
        if transitions.is_last_active_path(child.ctx, child.element):
            transitions.transition(child.ctx, scope, Intent.ELEMENT_COMPLETING)

    def on_child_terminated(self, child: Step, node: FlowNode, scope: Element) -> None:
        if scope.intent is Intent.ELEMENT_TERMINATING and transitions.is_last_active_path(child.ctx, child.element):
            transitions.transition(child.ctx, scope, Intent.ELEMENT_TERMINATED)


def complete_with_output_mappings(step: Step) -> None:
    """COMPLETING → COMPLETED after the output mappings, or an incident if they fail."""
    failure = apply_output_mappings(step)
    if failure is not None:
        create_incident(step.ctx, failure, step.element)
        return
    transitions.transition(step.ctx, step.element, Intent.ELEMENT_COMPLETED)
