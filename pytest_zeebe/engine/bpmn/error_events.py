"""Throwing an error event to its catch event (Zeebe's ErrorEventHandler), for the processing hooks.

The search starts at an element instance and walks up its scopes: in each, the first error catch
event with the code among the scope's events (an event sub-process's error start before a
boundary event, as `catch_events` orders them) catches it. It stops at a scope that is no longer
active or that an interrupting event already took over. When no scope of the workflow instance
catches the error, the search goes on from `calling_instance` — the call activity that created the
instance, named by `parentElementInstanceKey` on every record of a called workflow — and so up
through the parent instances (a call activity must still be active to be searched).

An error that finds a catch event counts as caught even if that scope no longer accepts events,
as in Zeebe: the thrower then does nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass

from pytest_zeebe.engine.bpmn.catch_events import CatchEvent, catch_events
from pytest_zeebe.engine.bpmn.event_triggers import Occurred, trigger_event
from pytest_zeebe.engine.state import ElementInstance, EngineState
from pytest_zeebe.model import BpmnElementType, EventKind

NO_VARIABLES: dict[str, object] = {}


@dataclass(frozen=True, slots=True)
class ErrorThrown:
    """The outcome of throwing an error: caught or not, and the EVENT_OCCURRED to write if triggered."""

    caught: bool
    occurred: Occurred | None = None


def throw_error(
    state: EngineState, error_code: str, instance: ElementInstance | None, partition_id: int
) -> ErrorThrown:
    """Find the catch event for `error_code` from `instance` up, and trigger it."""
    found = find_catch_event(state, error_code, instance)
    if found is None:
        return ErrorThrown(False)
    scope, event = found
    return ErrorThrown(True, trigger_event(state, scope, event, NO_VARIABLES, partition_id))


def find_catch_event(
    state: EngineState, error_code: str, instance: ElementInstance | None
) -> tuple[ElementInstance, CatchEvent] | None:
    """The scope instance and catch event that catch `error_code`, or None."""
    start = instance
    while start is not None and start.is_active:
        found = _in_workflow_instance(state, error_code, start)
        if found is not None:
            return found
        start = calling_instance(state, start)
    return None


def calling_instance(state: EngineState, instance: ElementInstance) -> ElementInstance | None:
    """Where an uncaught error goes on: the element instance that called this workflow instance."""
    return state.elements.get(instance.value.parent_element_instance_key)


def _in_workflow_instance(
    state: EngineState, error_code: str, instance: ElementInstance | None
) -> tuple[ElementInstance, CatchEvent] | None:
    while instance is not None and instance.is_active and not instance.is_interrupted:
        value = instance.value
        workflow = state.workflows.by_key[value.workflow_key].workflow
        events = catch_events(workflow, workflow.node(value.element_id), BpmnElementType(value.bpmn_element_type))
        for event in events:
            if event.kind is EventKind.ERROR and event.error_code == error_code:
                return instance, event
        instance = state.elements.get(instance.parent_key)
    return None
