"""Call activities (Zeebe 0.26's CallActivityProcessor): a child instance of another workflow.

Activating: input mappings, then the called process id (static or an expression, in the call
activity's scope), its latest version, which must have a none start event; otherwise a
CALLED_ELEMENT_ERROR (or EXTRACT_VALUE_ERROR) incident. Its boundary events are subscribed between
the input mappings and the process id, as in Zeebe (so a timer is armed again when an incident on
the process id is resolved, as Zeebe arms it twice). Activated at once, the call activity writes
the child's PROCESS ELEMENT_ACTIVATING (a root instance carrying `parentWorkflowInstanceKey` and
`parentElementInstanceKey`) and copies every variable visible to it into the child's root scope.

The child reports back (transitions.on_element_completed / on_element_terminated): its completion
moves the call activity to COMPLETING, where the child's root variables, handed over as the call
activity's temporary variables (bpmn/hooks.py) when output mappings exist or
`propagateAllChildVariables` is on, are merged or mapped like a job's. Terminating the call
activity (a cancel, or an interrupting boundary event) terminates the child first, if it is still
there; the boundary event starts once the call activity is terminated. An error thrown in the
child and caught nowhere in it walks out through the call activity (bpmn/error_events.py).
"""

from __future__ import annotations

from pytest_zeebe.engine import expressions, messages
from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.context import Element, Step
from pytest_zeebe.engine.bpmn.elements.base import (
    BpmnProcessingError,
    ContainerProcessor,
    Intent,
    complete_with_output_mappings,
)
from pytest_zeebe.engine.bpmn.event_subscriptions import subscribe, unsubscribe
from pytest_zeebe.engine.bpmn.incidents import create_incident
from pytest_zeebe.engine.bpmn.variable_mappings import apply_input_mappings
from pytest_zeebe.engine.failures import Failure
from pytest_zeebe.engine.intents import ErrorType, ValueType
from pytest_zeebe.engine.state import DeployedWorkflowEntry
from pytest_zeebe.engine.variables import set_variables_propagate
from pytest_zeebe.model import CallActivity, FlowNode

CANNOT_COMPLETE = (
    "Expected to complete call activity after child completed, but call activity cannot be completed from state '{}'"
)
CANNOT_TERMINATE = (
    "Expected to terminate call activity after child terminated, but call activity cannot be terminated from state '{}'"
)


class CallActivityProcessor(ContainerProcessor):
    """Starts the called workflow and waits for it; completes with its variables."""

    def on_activating(self, step: Step) -> None:
        ctx, element = step.ctx, step.element
        failure = apply_input_mappings(step) or subscribe(step)
        if failure is not None:
            create_incident(ctx, failure, element)
            return
        called = _called_workflow(step)
        if isinstance(called, Failure):
            create_incident(ctx, called, element)
            return
        activated = transitions.transition(ctx, element, Intent.ELEMENT_ACTIVATED)
        child_key = _create_child_instance(step, activated, called)
        variables = ctx.state.variables.visible_document(element.key)
        set_variables_propagate(ctx, child_key, called.key, variables)

    def on_activated(self, step: Step) -> None:
        """Nothing to do but wait for the child instance."""

    def on_completing(self, step: Step) -> None:
        complete_with_output_mappings(step)

    def on_terminating(self, step: Step) -> None:
        """Terminate the child if it can still be (without one, the call activity is terminated),
        then close the subscriptions: Zeebe's order, so the TIMER CANCEL follows either record."""
        ctx = step.ctx
        instance = ctx.state.elements.get(step.element.key)
        child = ctx.state.elements.get(instance.called_child_instance_key) if instance is not None else None
        if child is not None and child.can_terminate:
            transitions.transition(ctx, Element.of(child), Intent.ELEMENT_TERMINATING)
        else:
            transitions.transition(ctx, step.element, Intent.ELEMENT_TERMINATED)
        unsubscribe(ctx, step.element.key)

    def on_child_completed(self, child: Step, node: FlowNode, scope: Element) -> None:
        if scope.intent is Intent.ELEMENT_ACTIVATED:
            transitions.transition(child.ctx, scope, Intent.ELEMENT_COMPLETING)
        elif scope.intent is not Intent.ELEMENT_TERMINATING:
            raise BpmnProcessingError(CANNOT_COMPLETE.format(scope.intent.value))

    def on_child_terminated(self, child: Step, node: FlowNode, scope: Element) -> None:
        if scope.intent is not Intent.ELEMENT_TERMINATING:
            raise BpmnProcessingError(CANNOT_TERMINATE.format(scope.intent.value))
        transitions.transition(child.ctx, scope, Intent.ELEMENT_TERMINATED)


def _called_workflow(step: Step) -> DeployedWorkflowEntry | Failure:
    """The latest version of the called process, which must have a none start event."""
    ctx, element = step.ctx, step.element
    node = step.node
    assert isinstance(node, CallActivity) and node.called_process_id is not None
    process_id = expressions.evaluate_string(node.called_process_id, ctx.state, element.key, ctx.feel_env())
    if isinstance(process_id, Failure):
        return process_id
    entry = ctx.state.workflows.latest(process_id)
    if entry is None:
        return Failure(messages.CALLED_WORKFLOW_NOT_DEPLOYED.format(id=process_id), ErrorType.CALLED_ELEMENT_ERROR)
    if entry.workflow.process.none_start_event_id is None:
        reason = messages.CALLED_WORKFLOW_WITHOUT_NONE_START.format(id=entry.bpmn_process_id)
        return Failure(reason, ErrorType.CALLED_ELEMENT_ERROR)
    return entry


def _create_child_instance(step: Step, call: Element, called: DeployedWorkflowEntry) -> int:
    """The child's PROCESS ELEMENT_ACTIVATING (Zeebe's createChildProcessInstance); its key."""
    key = step.ctx.next_key()
    child = called.process_value(key, parent_instance_key=call.workflow_instance_key, parent_element_key=call.key)
    step.ctx.write_event(ValueType.WORKFLOW_INSTANCE, Intent.ELEMENT_ACTIVATING, key, child)
    return key
