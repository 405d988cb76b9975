"""Which events an element waits for, in Zeebe's order (its `ExecutableCatchEventSupplier`).

Zeebe's transformer attaches, to each activity, the start events of its event sub-processes (in
document order, always first) and its boundary events (in reverse document order, its model
walker visiting siblings last to first); a receive task comes first in its own list, a catch event
is its own list, and an event-based gateway lists the targets of its flows (reverse document
order). The order is the order of the TIMER CREATE and subscription records, and the order in
which an error looks for its catch event. The interrupting events of an element close its event
scope when they trigger.

A multi-instance activity is two element instances with one id: Zeebe's
MultiInstanceActivityTransformer moves the activity's boundary events and event sub-process starts
to its MULTI_INSTANCE_BODY (which waits for them, in the same order) and leaves an inner instance
only what it waits for itself (a receive task's message), none of it interrupting.

An element processor hands its element to `bpmn/event_subscriptions.py`, which opens and closes
what this module lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from pytest_zeebe.model import (
    BoundaryEvent,
    BpmnElementType,
    Container,
    EventKind,
    FlowNode,
    IntermediateCatchEvent,
    MessageDefinition,
    ReceiveTask,
    StartEvent,
    TimerDefinition,
    Workflow,
)

SUBSCRIBING_TYPES = frozenset(
    {
        BpmnElementType.PROCESS,
        BpmnElementType.SUB_PROCESS,
        BpmnElementType.SERVICE_TASK,
        BpmnElementType.RECEIVE_TASK,
        BpmnElementType.INTERMEDIATE_CATCH_EVENT,
        BpmnElementType.EVENT_BASED_GATEWAY,
        BpmnElementType.CALL_ACTIVITY,
        BpmnElementType.MULTI_INSTANCE_BODY,
    }
)
"""The element types whose activation subscribes to their events (and so opens an event scope)."""


@dataclass(frozen=True, slots=True)
class CatchEvent:
    """One event an element waits for: a boundary event, an event sub-process start, a catch event
    or receive task itself."""

    id: str
    element_type: BpmnElementType
    kind: EventKind
    interrupting: bool
    message: MessageDefinition | None = None
    timer: TimerDefinition | None = None
    error_code: str | None = None
    event_sub_process_id: str | None = None
    """The event sub-process a start event starts (None for every other event)."""

    @property
    def is_boundary(self) -> bool:
        return self.element_type is BpmnElementType.BOUNDARY_EVENT

    @property
    def close_on_correlate(self) -> bool:
        """A message closes the subscription unless the event may trigger again (non-interrupting)."""
        if self.is_boundary or self.event_sub_process_id is not None:
            return self.interrupting
        return True


def _as_catch_event(node: FlowNode, event_sub_process_id: str | None = None) -> CatchEvent:
    if isinstance(node, ReceiveTask):
        return CatchEvent(node.id, node.element_type, EventKind.MESSAGE, True, message=node.message)
    assert isinstance(node, StartEvent | BoundaryEvent | IntermediateCatchEvent)
    if isinstance(node, StartEvent):
        interrupting = node.interrupting
    elif isinstance(node, BoundaryEvent):
        interrupting = node.cancel_activity
    else:
        interrupting = True
    return CatchEvent(
        id=node.id,
        element_type=node.element_type,
        kind=node.event_kind,
        interrupting=interrupting,
        message=node.message,
        timer=node.timer,
        error_code=getattr(node, "error_code", None),
        event_sub_process_id=event_sub_process_id,
    )


def is_after_event_based_gateway(workflow: Workflow, node: FlowNode) -> bool:
    """A catch event that is a target of an event-based gateway (the gateway waits for it)."""
    return any(
        workflow.node(workflow.flow(flow_id).source_id).element_type is BpmnElementType.EVENT_BASED_GATEWAY
        for flow_id in node.incoming
    )


def catch_events(workflow: Workflow, node: FlowNode, element_type: BpmnElementType) -> list[CatchEvent]:
    """The events an element instance of `node` (recorded as `element_type`) waits for, in order."""
    if element_type is BpmnElementType.INTERMEDIATE_CATCH_EVENT:
        return [] if is_after_event_based_gateway(workflow, node) else [_as_catch_event(node)]
    if element_type is BpmnElementType.EVENT_BASED_GATEWAY:
        targets = (workflow.node(workflow.flow(flow_id).target_id) for flow_id in reversed(node.outgoing))
        return [_as_catch_event(target) for target in targets]
    if node.multi_instance is not None and element_type is not BpmnElementType.MULTI_INSTANCE_BODY:
        return [_as_catch_event(node)] if isinstance(node, ReceiveTask) else []
    events: list[CatchEvent] = []
    if isinstance(node, Container):
        for sub_process_id in node.event_sub_process_ids:
            sub_process = workflow.node(sub_process_id)
            assert isinstance(sub_process, Container)
            start = workflow.node(sub_process.start_event_ids[0])
            events.append(_as_catch_event(start, sub_process_id))
    if isinstance(node, ReceiveTask) and element_type is BpmnElementType.RECEIVE_TASK:
        events.append(_as_catch_event(node))
    events.extend(_as_catch_event(workflow.node(b)) for b in reversed(node.boundary_event_ids))
    return events


def interrupting_ids(workflow: Workflow, node: FlowNode, element_type: BpmnElementType) -> frozenset[str]:
    """The events that close the element's event scope when they trigger.

    An event-based gateway is interrupted by any of its events, a catch event by itself, the inner
    instance of a multi-instance activity by none (Zeebe clears its interrupting ids).
    """
    if node.multi_instance is not None and element_type is not BpmnElementType.MULTI_INSTANCE_BODY:
        return frozenset()
    events = catch_events(workflow, node, element_type)
    if element_type is BpmnElementType.EVENT_BASED_GATEWAY:
        return frozenset(event.id for event in events)
    return frozenset(event.id for event in events if event.interrupting)


def catch_event_of(workflow: Workflow, element_id: str) -> CatchEvent:
    """The catch event `element_id` of a workflow (a timer's or a subscription's target)."""
    node = workflow.node(element_id)
    scope = workflow.nodes.get(node.flow_scope_id)
    in_event_sub_process = isinstance(node, StartEvent) and isinstance(scope, Container) and scope.triggered_by_event
    return _as_catch_event(node, scope.id if in_event_sub_process and scope is not None else None)
