"""Gateways (Zeebe's ExclusiveGatewayProcessor, ParallelGatewayProcessor, EventBasedGatewayProcessor).

An exclusive gateway picks its flow while it activates (bpmn/hooks.py decides, so the choice is
kept in state as Zeebe keeps it) and takes it when it completes. A parallel gateway joins in the
sequence-flow step (the join waits in state) and forks by taking every outgoing flow. An
event-based gateway subscribes to the events of its targets; the first that occurs completes it
(closing the others) and its catch event is activated, already triggered; no flow is taken.
"""

from __future__ import annotations

from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.context import Step
from pytest_zeebe.engine.bpmn.elements.base import ElementProcessor, Intent
from pytest_zeebe.engine.bpmn.event_occurred import publish_deferred
from pytest_zeebe.engine.bpmn.event_subscriptions import subscribe, unsubscribe
from pytest_zeebe.engine.bpmn.incidents import create_incident
from pytest_zeebe.engine.failures import Failure
from pytest_zeebe.model import BpmnElementType


class ExclusiveGatewayProcessor(ElementProcessor):
    """Takes the first flow whose condition is true, else the default flow, else an incident."""

    def on_activating(self, step: Step) -> None:
        decision = step.ctx.verdict
        if isinstance(decision, Failure):
            create_incident(step.ctx, decision, step.element)
            return
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_ACTIVATED)

    def on_completed(self, step: Step) -> None:
        chosen = [
            record
            for record in step.ctx.state.elements.deferred(step.element.key)
            if record.intent is Intent.SEQUENCE_FLOW_TAKEN
        ]
        if chosen:
            transitions.take_sequence_flow(step.ctx, step.element, step.workflow.flow(chosen[0].value.element_id))
        else:
            transitions.on_element_completed(step)


class ParallelGatewayProcessor(ElementProcessor):
    """Forks by taking every outgoing flow; joined before it is activated."""


class EventBasedGatewayProcessor(ElementProcessor):
    """Waits for the first event of its targets; the triggered target continues the path."""

    def on_activating(self, step: Step) -> None:
        failure = subscribe(step)
        if failure is not None:
            create_incident(step.ctx, failure, step.element)
            return
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_ACTIVATED)

    def on_activated(self, step: Step) -> None:
        """Waits for one of its events."""

    def on_completing(self, step: Step) -> None:
        unsubscribe(step.ctx, step.element.key)
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_COMPLETED)

    def on_completed(self, step: Step) -> None:
        publish_deferred(step.ctx, step.element, BpmnElementType.INTERMEDIATE_CATCH_EVENT)

    def on_terminating(self, step: Step) -> None:
        unsubscribe(step.ctx, step.element.key)
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_TERMINATED)

    def on_event_occurred(self, step: Step) -> None:
        if step.ctx.verdict is not None:
            transitions.transition(step.ctx, step.element, Intent.ELEMENT_COMPLETING)
