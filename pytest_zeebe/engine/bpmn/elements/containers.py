"""The process and (event) sub-processes (Zeebe's ProcessProcessor, SubProcessProcessor).

Both subscribe to the start events of their event sub-processes (and a sub-process to its
boundary events) when they activate, and unsubscribe when they complete or terminate.
"""

from __future__ import annotations

from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.context import Step
from pytest_zeebe.engine.bpmn.elements.base import (
    BpmnProcessingError,
    ContainerProcessor,
    Intent,
)
from pytest_zeebe.engine.bpmn.event_occurred import publish_deferred
from pytest_zeebe.engine.bpmn.event_subscriptions import subscribe, unsubscribe
from pytest_zeebe.engine.bpmn.event_triggers import Occurred, write_occurred
from pytest_zeebe.engine.bpmn.incidents import create_incident, resolve_incidents
from pytest_zeebe.engine.effects import InstanceResult
from pytest_zeebe.engine.values import WorkflowInstanceResultRecordValue
from pytest_zeebe.model import BpmnElementType, Container, EventKind, StartEvent


def _container(step: Step) -> Container:
    node = step.node
    assert isinstance(node, Container)
    return node


def _has_event_start(step: Step) -> bool:
    """Whether the process has a message or timer start event (then an event may have started it)."""
    container = _container(step)
    for start_id in container.start_event_ids:
        start = step.workflow.node(start_id)
        if isinstance(start, StartEvent) and start.event_kind in (EventKind.MESSAGE, EventKind.TIMER):
            return True
    return False


class ProcessProcessor(ContainerProcessor):
    """The root scope of an instance: entered at the start event that started it, completed by its last path.

    An instance created by a message or timer enters at that start event (kept for it when the
    event occurred); one created by a client or a call activity at its none start event. When an
    instance that a message with a correlation key created ends, the next buffered message may
    start another. A process created by a call activity tells the call activity when it completed
    or was terminated, before anything else (Zeebe's ProcessProcessor#onCompleted, #onTerminated).
    """

    def on_activating(self, step: Step) -> None:
        failure = subscribe(step)
        if failure is not None:
            create_incident(step.ctx, failure, step.element)
            return
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_ACTIVATED)

    def on_activated(self, step: Step) -> None:
        if _has_event_start(step) and publish_deferred(step.ctx, step.element, BpmnElementType.START_EVENT):
            return
        start_id = _container(step).none_start_event_id
        if start_id is None:
            raise BpmnProcessingError("Expected to activate the none start event of the process but not found.")
        transitions.activate_child(step.ctx, step.element, step.workflow.node(start_id))

    def on_completing(self, step: Step) -> None:
        unsubscribe(step.ctx, step.element.key)
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_COMPLETED)

    def on_completed(self, step: Step) -> None:
        if step.element.value.parent_workflow_instance_key > 0:
            transitions.on_element_completed(step)
        if _container(step).none_start_event_id is not None:
            send_result(step)
        _start_next(step)

    def on_terminated(self, step: Step) -> None:
        resolve_incidents(step.ctx, step.element)
        if step.element.value.parent_workflow_instance_key > 0:
            transitions.on_element_terminated(step)
        _start_next(step)

    def on_event_occurred(self, step: Step) -> None:
        raise BpmnProcessingError(
            "Expected to handle occurred event on process, but events should not occur on process."
        )


def _start_next(step: Step) -> None:
    """The EVENT_OCCURRED of the next buffered message's start event, if its hook found one."""
    verdict = step.ctx.verdict
    if isinstance(verdict, Occurred):
        write_occurred(step.ctx, verdict)


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
    """An embedded sub-process (entered at its none start event) or an event sub-process (entered
    at its start event, which takes the event's variables)."""

    def on_activated(self, step: Step) -> None:
        container = _container(step)
        start_id = container.none_start_event_id or container.start_event_ids[0]
        transitions.activate_child(step.ctx, step.element, step.workflow.node(start_id))
