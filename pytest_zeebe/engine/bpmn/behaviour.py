"""What every BPMN element does at each step of its lifecycle, and the shared transitions.

Zeebe 0.26 drives elements by events: processing ELEMENT_ACTIVATING writes ELEMENT_ACTIVATED,
processing that one does the element's work, and so on. An element behaviour overrides the steps
where it does more than move on (a service task creates a job when activated, a process activates
its start event); the defaults here pass straight through.
"""

from __future__ import annotations

from dataclasses import replace

from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue
from pytest_zeebe.model import FlowNode, Workflow

Intent = WorkflowInstanceIntent


class Step:
    """The element being processed: its record, key, model node and workflow."""

    __slots__ = ("ctx", "key", "node", "value", "workflow")

    def __init__(
        self, ctx: ProcessingContext, key: int, value: WorkflowInstanceRecordValue, workflow: Workflow
    ) -> None:
        self.ctx = ctx
        self.key = key
        self.value = value
        self.workflow = workflow
        self.node: FlowNode = workflow.node(value.element_id)

    def transition(self, intent: WorkflowInstanceIntent) -> None:
        """Write the element's next lifecycle event."""
        self.ctx.write_event(ValueType.WORKFLOW_INSTANCE, intent, self.key, self.value)


class ElementBehaviour:
    """Default lifecycle: every step moves on to the next; completion takes the outgoing flows."""

    def on_activating(self, step: Step) -> None:
        step.transition(Intent.ELEMENT_ACTIVATED)

    def on_activated(self, step: Step) -> None:
        step.transition(Intent.ELEMENT_COMPLETING)

    def on_completing(self, step: Step) -> None:
        step.transition(Intent.ELEMENT_COMPLETED)

    def on_completed(self, step: Step) -> None:
        take_outgoing_flows(step)


def take_outgoing_flows(step: Step) -> None:
    """Take every outgoing flow; with none, this path ends and the scope may complete.

    Zeebe 0.26 visits an element's outgoing flows in reverse document order (its model walker
    pushes siblings to the front), so SEQUENCE_FLOW_TAKEN records come in that order.
    """
    outgoing = step.node.outgoing
    if not outgoing:
        complete_scope_if_done(step.ctx, step.value.flow_scope_key)
        return
    for flow_id in reversed(outgoing):
        flow_value = replace(step.value, element_id=flow_id, bpmn_element_type="SEQUENCE_FLOW")
        step.ctx.write_event(ValueType.WORKFLOW_INSTANCE, Intent.SEQUENCE_FLOW_TAKEN, step.ctx.next_key(), flow_value)


def complete_scope_if_done(ctx: ProcessingContext, scope_key: int) -> None:
    """Complete the flow scope when no element and no token is active in it any more."""
    scope = ctx.state.element_instances.get(scope_key)
    if scope is None or scope.state is not Intent.ELEMENT_ACTIVATED:
        return
    if scope.active_children == 0 and scope.active_tokens == 0:
        ctx.write_event(ValueType.WORKFLOW_INSTANCE, Intent.ELEMENT_COMPLETING, scope.key, scope.value)


def activate_child(ctx: ProcessingContext, scope: WorkflowInstanceRecordValue, scope_key: int, node: FlowNode) -> None:
    """Write ELEMENT_ACTIVATING for `node` inside the scope instance `scope_key`."""
    child = replace(scope, element_id=node.id, bpmn_element_type=node.element_type.value, flow_scope_key=scope_key)
    ctx.write_event(ValueType.WORKFLOW_INSTANCE, Intent.ELEMENT_ACTIVATING, ctx.next_key(), child)
