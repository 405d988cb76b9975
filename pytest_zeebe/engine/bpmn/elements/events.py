"""Events (Zeebe's StartEventProcessor, EndEventProcessor, IntermediateCatchEventProcessor,
BoundaryEventProcessor).

A start event also starts what an event started: a process (message or timer start event) or an
event sub-process in its scope. An error end event throws its error to the closest catch event
(its processing hook searched: bpmn/error_events.py). A catch event waits for its message or timer,
unless it follows an event-based gateway, which waited for it.
"""

from __future__ import annotations

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.catch_events import is_after_event_based_gateway
from pytest_zeebe.engine.bpmn.context import Element, Step
from pytest_zeebe.engine.bpmn.elements.base import (
    ActivityProcessor,
    BpmnProcessingError,
    ElementProcessor,
    Intent,
    activate_with_subscriptions,
    complete_with_output_mappings,
)
from pytest_zeebe.engine.bpmn.error_events import ErrorThrown
from pytest_zeebe.engine.bpmn.event_occurred import EventVerdict, activate_triggered
from pytest_zeebe.engine.bpmn.event_subscriptions import unsubscribe
from pytest_zeebe.engine.bpmn.event_triggers import write_occurred
from pytest_zeebe.engine.bpmn.incidents import create_incident
from pytest_zeebe.engine.failures import Failure
from pytest_zeebe.engine.intents import ErrorType
from pytest_zeebe.model import EndEvent


class StartEventProcessor(ElementProcessor):
    """A start event: straight through, its output mappings applied on completion (a message's
    variables merge as job variables do)."""

    def on_completing(self, step: Step) -> None:
        complete_with_output_mappings(step)

    def on_event_occurred(self, step: Step) -> None:
        verdict = step.ctx.verdict
        if not isinstance(verdict, EventVerdict):
            return  # discarded: the scope is gone or already interrupted
        if step.element.flow_scope_key < 0 or not verdict.event.interrupting:
            activate_triggered(step.ctx, verdict)
            return
        ctx = step.ctx
        scope = Element.of(ctx.state.elements.instances[step.element.flow_scope_key])
        unsubscribe(ctx, scope.key)
        transitions.terminate_children(ctx, scope)
        if verdict.activate_now:
            activate_triggered(ctx, verdict)


class EndEventProcessor(ElementProcessor):
    """A none end event ends its path; an error end event throws, and waits to be terminated."""

    def on_activated(self, step: Step) -> None:
        node = step.node
        assert isinstance(node, EndEvent)
        if node.error_code is None:
            super().on_activated(step)
            return
        thrown = step.ctx.verdict
        assert isinstance(thrown, ErrorThrown)
        if thrown.caught:
            if thrown.occurred is not None:
                write_occurred(step.ctx, thrown.occurred)
            return
        message = messages.ERROR_NOT_CAUGHT.format(code=node.error_code)
        create_incident(step.ctx, Failure(message, ErrorType.UNHANDLED_ERROR_EVENT), step.element)

    def on_completed(self, step: Step) -> None:
        transitions.on_element_completed(step)


class IntermediateCatchEventProcessor(ActivityProcessor):
    """Waits for its message or timer; after an event-based gateway the event already occurred."""

    def on_activating(self, step: Step) -> None:
        if is_after_event_based_gateway(step.workflow, step.node):
            transitions.transition(step.ctx, step.element, Intent.ELEMENT_ACTIVATED)
            return
        activate_with_subscriptions(step)

    def on_activated(self, step: Step) -> None:
        if is_after_event_based_gateway(step.workflow, step.node):
            transitions.transition(step.ctx, step.element, Intent.ELEMENT_COMPLETING)

    def on_event_occurred(self, step: Step) -> None:
        if step.ctx.verdict is not None:
            transitions.transition(step.ctx, step.element, Intent.ELEMENT_COMPLETING)


class BoundaryEventProcessor(ElementProcessor):
    """Activated once its event occurred (after its activity terminated, if it interrupts), it
    passes straight through with its output mappings."""

    def on_completing(self, step: Step) -> None:
        complete_with_output_mappings(step)

    def on_terminating(self, step: Step) -> None:
        """As in Zeebe 0.26 (BoundaryEventProcessor#onTerminating): the scope is told the boundary
        event terminated, but no ELEMENT_TERMINATED is written for it."""
        transitions.on_element_terminated(step)

    def on_event_occurred(self, step: Step) -> None:
        raise BpmnProcessingError(
            "Expected to handle occurred event on a boundary event, but events should not occur on a boundary event."
        )
