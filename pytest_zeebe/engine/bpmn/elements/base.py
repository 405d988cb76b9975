"""The shape of an element processor (Zeebe's BpmnElementProcessor), and the steps most share.

Each lifecycle event of an element is processed by the matching method: `on_activating`,
`on_activated`, `on_completing`, `on_completed`, `on_terminating`, `on_terminated`,
`on_event_occurred`. A processor only reads state and writes records; the element leaves the
state when its COMPLETED or TERMINATED has been processed (bpmn/hooks.py).
"""

from __future__ import annotations

from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.context import BpmnProcessingError, Element, Step
from pytest_zeebe.engine.bpmn.event_occurred import (
    EventVerdict,
    activate_triggered,
    publish_deferred,
    publish_interrupting_event_sub_process,
)
from pytest_zeebe.engine.bpmn.event_subscriptions import subscribe, unsubscribe
from pytest_zeebe.engine.bpmn.incidents import create_incident, resolve_incidents
from pytest_zeebe.engine.bpmn.variable_mappings import apply_input_mappings, apply_output_mappings
from pytest_zeebe.engine.intents import WorkflowInstanceIntent
from pytest_zeebe.model import BpmnElementType, FlowNode

Intent = WorkflowInstanceIntent

__all__ = [
    "ActivityProcessor",
    "BpmnProcessingError",
    "ContainerProcessor",
    "ElementProcessor",
    "activate_with_subscriptions",
    "complete_with_output_mappings",
]


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


class ActivityProcessor(ElementProcessor):
    """An activity: subscribes to its events when it activates, unsubscribes when it ends; an
    interrupting boundary event terminates it first and starts once it is terminated."""

    def on_activating(self, step: Step) -> None:
        activate_with_subscriptions(step)

    def on_activated(self, step: Step) -> None:
        """Waits: a job, a message or its children move it on."""

    def on_completing(self, step: Step) -> None:
        complete_with_output_mappings(step)

    def on_terminating(self, step: Step) -> None:
        unsubscribe(step.ctx, step.element.key)
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_TERMINATED)

    def on_terminated(self, step: Step) -> None:
        publish_deferred(step.ctx, step.element, BpmnElementType.BOUNDARY_EVENT)
        super().on_terminated(step)

    def on_event_occurred(self, step: Step) -> None:
        verdict = step.ctx.verdict
        if verdict is None:
            return  # the activity left its event scope: the event is discarded
        trigger_boundary_event(step, verdict)


def trigger_boundary_event(step: Step, verdict: EventVerdict) -> None:
    """A boundary event starts now (non-interrupting), or terminates its activity first."""
    if not verdict.event.is_boundary:
        raise BpmnProcessingError(f"Expected boundary event with id '{verdict.event.id}' but not found.")
    if verdict.activate_now:
        activate_triggered(step.ctx, verdict)
    else:
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_TERMINATING)


class ContainerProcessor(ActivityProcessor):
    """An element with children: told when a child's path ends or a child is terminated.

    When an interrupting event sub-process waits for the children to terminate, it starts with
    the last child's termination.
    """

    def on_child_completed(self, child: Step, node: FlowNode, scope: Element) -> None:
        if transitions.is_last_active_path(child.ctx, child.element):
            transitions.transition(child.ctx, scope, Intent.ELEMENT_COMPLETING)

    def on_child_terminated(self, child: Step, node: FlowNode, scope: Element) -> None:
        if scope.intent is Intent.ELEMENT_TERMINATING and transitions.is_last_active_path(child.ctx, child.element):
            transitions.transition(child.ctx, scope, Intent.ELEMENT_TERMINATED)
        else:
            publish_interrupting_event_sub_process(child.ctx, scope)

    def on_terminating(self, step: Step) -> None:
        unsubscribe(step.ctx, step.element.key)
        if transitions.terminate_children(step.ctx, step.element):
            transitions.transition(step.ctx, step.element, Intent.ELEMENT_TERMINATED)


def activate_with_subscriptions(step: Step) -> None:
    """ACTIVATING → ACTIVATED after the input mappings and the event subscriptions, or an incident."""
    failure = apply_input_mappings(step) or subscribe(step)
    if failure is not None:
        create_incident(step.ctx, failure, step.element)
        return
    transitions.transition(step.ctx, step.element, Intent.ELEMENT_ACTIVATED)


def complete_with_output_mappings(step: Step) -> None:
    """COMPLETING → COMPLETED after the output mappings and closing the subscriptions, or an incident."""
    failure = apply_output_mappings(step)
    if failure is not None:
        create_incident(step.ctx, failure, step.element)
        return
    unsubscribe(step.ctx, step.element.key)
    transitions.transition(step.ctx, step.element, Intent.ELEMENT_COMPLETED)
