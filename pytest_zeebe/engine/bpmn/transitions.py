"""Moving elements through their lifecycle and along sequence flows (Zeebe's BpmnStateTransitionBehavior).

Each function writes the record Zeebe writes; what the record does to the state (new instances,
tokens) is its applier's business. Completion and termination of children are reported to the
container processor of their flow scope, which decides whether the scope is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_zeebe.engine.bpmn.context import Element, Step
from pytest_zeebe.engine.bpmn.lifecycle import check_transition
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import ValueType, WorkflowInstanceIntent
from pytest_zeebe.model import BpmnElementType, FlowNode, SequenceFlow

if TYPE_CHECKING:
    from pytest_zeebe.engine.bpmn.elements import ContainerProcessor

Intent = WorkflowInstanceIntent


def transition(ctx: ProcessingContext, element: Element, target: Intent) -> Element:
    """Write the element's next lifecycle event, checked against the lifecycle table."""
    check_transition(element.intent, target, element.element_id)
    ctx.write_event(ValueType.WORKFLOW_INSTANCE, target, element.key, element.value)
    return Element(element.key, element.value, target)


def take_sequence_flow(ctx: ProcessingContext, element: Element, flow: SequenceFlow) -> None:
    """SEQUENCE_FLOW_TAKEN with a new key (its applier spawns the token)."""
    check_transition(element.intent, Intent.SEQUENCE_FLOW_TAKEN, element.element_id)
    value = element.with_value(element_id=flow.id, bpmn_element_type=BpmnElementType.SEQUENCE_FLOW.value)
    ctx.write_event(ValueType.WORKFLOW_INSTANCE, Intent.SEQUENCE_FLOW_TAKEN, ctx.next_key(), value)


def activated_type(node: FlowNode) -> BpmnElementType:
    """What an activation of `node` is: its multi-instance body if it has loop characteristics.

    Zeebe's MultiInstanceActivityTransformer puts a body of the same id in the activity's place:
    flows and boundary events lead to the body, and the body activates the activity inside it.
    """
    return BpmnElementType.MULTI_INSTANCE_BODY if node.multi_instance is not None else node.element_type


def activate_child(
    ctx: ProcessingContext, scope: Element, node: FlowNode, element_type: BpmnElementType | None = None
) -> int:
    """ELEMENT_ACTIVATING for `node` inside the scope instance (a new path: a token is spawned).

    The activation is of `element_type`, by default what `activated_type` says.
    """
    kind = element_type or activated_type(node)
    value = scope.with_value(flow_scope_key=scope.key, element_id=node.id, bpmn_element_type=kind.value)
    key = ctx.next_key()
    ctx.write_event(ValueType.WORKFLOW_INSTANCE, Intent.ELEMENT_ACTIVATING, key, value)
    return key


def activate_in_flow_scope(ctx: ProcessingContext, element: Element, node: FlowNode) -> None:
    """ELEMENT_ACTIVATING for the target of a taken flow, in the flow's scope (the token moves on)."""
    value = element.with_value(element_id=node.id, bpmn_element_type=activated_type(node).value)
    ctx.write_event(ValueType.WORKFLOW_INSTANCE, Intent.ELEMENT_ACTIVATING, ctx.next_key(), value)


def take_outgoing_sequence_flows(step: Step) -> None:
    """Take every outgoing flow; an element without any ends its path like an implicit end event.

    Zeebe 0.26 visits an element's outgoing flows in reverse document order (its model walker
    pushes siblings to the front), so SEQUENCE_FLOW_TAKEN records come in that order.
    """
    outgoing = step.outgoing
    if not outgoing:
        on_element_completed(step)
        return
    for flow_id in reversed(outgoing):
        take_sequence_flow(step.ctx, step.element, step.workflow.flow(flow_id))


def terminate_children(ctx: ProcessingContext, scope: Element) -> bool:
    """Write TERMINATING for every child that can still terminate; True when no child is left.

    Completed children, whose COMPLETED will not be processed any more, were already dropped by
    the processing hook of this step (`bpmn.hooks.drop_finished_children`).
    """
    for child in ctx.state.elements.children_of(scope.key):
        if child.can_terminate:
            transition(ctx, Element.of(child), Intent.ELEMENT_TERMINATING)
    instance = ctx.state.elements.get(scope.key)
    return instance is None or instance.child_count == 0


def flow_scope(ctx: ProcessingContext, element: Element) -> Element:
    """The flow scope's context, with its current state as intent."""
    instance = ctx.state.elements.instances[element.flow_scope_key]
    return Element.of(instance)


def is_last_active_path(ctx: ProcessingContext, element: Element) -> bool:
    """Whether `element` holds the only token left in its flow scope."""
    scope = ctx.state.elements.get(element.flow_scope_key)
    return scope is not None and scope.active_tokens == 1


def _container(step: Step) -> tuple[ContainerProcessor, FlowNode, Element] | None:
    """The processor, model node and instance of the element's container (Zeebe's onElementCompleted).

    An inner instance of a multi-instance activity reports to its body; a process created by a
    call activity to that call activity, in the parent instance; any other process to no one.
    """
    from pytest_zeebe.engine.bpmn.elements import container_processor

    ctx, node = step.ctx, step.node
    if node.element_type is BpmnElementType.PROCESS:
        caller = ctx.state.elements.get(step.element.value.parent_element_instance_key)
        if caller is None:
            return None
        call_activity = step.workflow_of(caller.value.workflow_key).node(caller.value.element_id)
        return container_processor(BpmnElementType.CALL_ACTIVITY), call_activity, Element.of(caller)
    if step.is_inner_instance:
        return container_processor(BpmnElementType.MULTI_INSTANCE_BODY), node, flow_scope(ctx, step.element)
    scope_node = step.workflow.node(node.flow_scope_id)
    return container_processor(scope_node.element_type), scope_node, flow_scope(ctx, step.element)


def on_element_completed(step: Step) -> None:
    """Tell the flow scope's processor that a path ended here."""
    container = _container(step)
    if container is not None:
        processor, node, scope = container
        processor.on_child_completed(step, node, scope)


def on_element_terminated(step: Step) -> None:
    """Tell the flow scope's processor that a child is terminated."""
    container = _container(step)
    if container is not None:
        processor, node, scope = container
        processor.on_child_terminated(step, node, scope)
