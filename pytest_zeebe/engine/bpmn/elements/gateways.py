"""Exclusive and parallel gateways (Zeebe's ExclusiveGatewayProcessor, ParallelGatewayProcessor).

An exclusive gateway picks its flow while it activates (bpmn/hooks.py decides, so the choice is
kept in state as Zeebe keeps it) and takes it when it completes. A parallel gateway joins in the
sequence-flow step (the join waits in state) and forks by taking every outgoing flow.
"""

from __future__ import annotations

from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.context import Step
from pytest_zeebe.engine.bpmn.elements.base import ElementProcessor, Intent
from pytest_zeebe.engine.bpmn.incidents import create_incident
from pytest_zeebe.engine.failures import Failure


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
