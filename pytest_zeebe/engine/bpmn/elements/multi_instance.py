"""Multi-instance bodies (Zeebe 0.26's MultiInstanceBodyProcessor).

An activity with loop characteristics is activated as its MULTI_INSTANCE_BODY (same element id);
the body runs the activity once per item of its input collection, all at once (parallel) or one
after the other (sequential), each inner instance a child of the body with local variables, in
this order: the input element (if named), the output element's variable set to null (only when
the output element is a plain variable or a path on one, so the inner activity writes it locally),
and `loopCounter` (1-based). Loop counters are kept by the ELEMENT_ACTIVATING applier.

The input collection must evaluate to an ARRAY (else an EXTRACT_VALUE_ERROR incident), when the
body activates and again once activated; a sequential body reads it again, from the completed
inner instance's scope, before each next iteration, so items added meanwhile are visited. The
output collection is a local variable of the body, created full of nulls with the collection's
size once activated, filled at index `loopCounter` as each inner instance completes, and
propagated to the flow scope when the body completes. An empty collection completes the body at
once, without inner instances (and with an empty output collection).

The body owns the activity's boundary events (and a sub-process's event sub-process starts): it
subscribes once its input collection is valid, unsubscribes as it completes or terminates, and an
interrupting boundary event terminates the body, its inner instances first (ContainerProcessor's
terminating and ActivityProcessor's event handling, as Zeebe's body has them).

When a sequential collection outgrows the output collection sized at activation, Zeebe 0.26
reads past the end of that array and throws while processing the completion of the first inner
instance beyond it (MultiInstanceBodyProcessor#insertAt: an IndexOutOfBoundsException, an ERROR
record, and the instance blacklisted). The engine fails that step the same way
(ZeebeProcessingFailure), so the test meeting it fails instead of waiting forever.
"""

from __future__ import annotations

from typing import Any

from pytest_zeebe.engine import expressions, messages
from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.context import Element, Step
from pytest_zeebe.engine.bpmn.elements.base import ContainerProcessor, Intent
from pytest_zeebe.engine.bpmn.event_subscriptions import subscribe, unsubscribe
from pytest_zeebe.engine.bpmn.incidents import create_incident
from pytest_zeebe.engine.failures import Failure, ZeebeProcessingFailure
from pytest_zeebe.engine.msgpack_size import size_of
from pytest_zeebe.engine.variables import set_variable_local, set_variables_propagate
from pytest_zeebe.model import FlowNode, MultiInstanceDefinition

LOOP_COUNTER = "loopCounter"


def _loop(node: FlowNode) -> MultiInstanceDefinition:
    assert node.multi_instance is not None
    return node.multi_instance


def _input_collection(step: Step, scope_key: int) -> list[Any] | Failure:
    """The input collection, evaluated in `scope_key` (an EXTRACT_VALUE_ERROR unless an ARRAY)."""
    ctx = step.ctx
    return expressions.evaluate_array(_loop(step.node).input_collection, ctx.state, scope_key, ctx.feel_env())


class MultiInstanceBodyProcessor(ContainerProcessor):
    """Runs its activity once per item of the input collection and collects the outputs."""

    def on_activating(self, step: Step) -> None:
        collection = _input_collection(step, step.element.key)
        failure = collection if isinstance(collection, Failure) else subscribe(step)
        if failure is not None:
            create_incident(step.ctx, failure, step.element)
            return
        transitions.transition(step.ctx, step.element, Intent.ELEMENT_ACTIVATED)

    def on_activated(self, step: Step) -> None:
        ctx, body = step.ctx, step.element
        collection = _input_collection(step, body.key)
        if isinstance(collection, Failure):
            create_incident(ctx, collection, body)
            return
        loop = _loop(step.node)
        if loop.output_collection is not None:
            set_variable_local(ctx, body.key, body.workflow_key, loop.output_collection, [None] * len(collection))
        if not collection:
            transitions.transition(ctx, body, Intent.ELEMENT_COMPLETING)
        elif loop.is_sequential:
            _create_inner_instance(step, body, collection[0])
        else:
            for item in collection:
                _create_inner_instance(step, body, item)

    def on_completing(self, step: Step) -> None:
        ctx, body = step.ctx, step.element
        unsubscribe(ctx, body.key)
        name = _loop(step.node).output_collection
        if name is not None:
            document = ctx.state.variables.visible_document(body.key, [name])
            set_variables_propagate(ctx, body.flow_scope_key, body.workflow_key, document)
        transitions.transition(ctx, body, Intent.ELEMENT_COMPLETED)

    def on_child_completed(self, child: Step, node: FlowNode, scope: Element) -> None:
        ctx = child.ctx
        failure = _collect_output(child, scope)
        if failure is not None:
            create_incident(ctx, failure, child.element)
            return
        if _loop(node).is_sequential:
            collection = _input_collection(child, child.element.key)
            if isinstance(collection, Failure):
                create_incident(ctx, collection, child.element)
                return
            body = ctx.state.elements.instances[scope.key]
            if body.multi_instance_loop_counter < len(collection):
                _create_inner_instance(child, scope, collection[body.multi_instance_loop_counter])
        if transitions.is_last_active_path(ctx, child.element):
            transitions.transition(ctx, scope, Intent.ELEMENT_COMPLETING)


def _create_inner_instance(step: Step, body: Element, item: Any) -> None:
    """One more iteration: the inner activity's ELEMENT_ACTIVATING and its local variables."""
    ctx, node = step.ctx, step.node
    key = transitions.activate_child(ctx, body, node, node.element_type)
    loop = _loop(node)
    workflow_key = body.workflow_key
    if loop.input_element is not None:
        set_variable_local(ctx, key, workflow_key, loop.input_element, item)
    output_variable = loop.output_element.variable_name if loop.output_element is not None else None
    if output_variable is not None:
        set_variable_local(ctx, key, workflow_key, output_variable, None)
    counter = ctx.state.elements.instances[key].multi_instance_loop_counter
    set_variable_local(ctx, key, workflow_key, LOOP_COUNTER, counter)


def _collect_output(child: Step, body: Element) -> Failure | None:
    """Write the completed inner instance's output element into the output collection."""
    loop = _loop(child.node)
    if loop.output_collection is None or loop.output_element is None:
        return None
    ctx, inner = child.ctx, child.element
    value = expressions.evaluate_any(loop.output_element, ctx.state, inner.key, ctx.feel_env())
    if isinstance(value, Failure):
        return value
    current = ctx.state.variables.local(body.key, loop.output_collection)
    assert current is not None and isinstance(current.value, list)
    counter = ctx.state.elements.instances[inner.key].multi_instance_loop_counter
    collection: list[Any] = list(current.value)
    if counter > len(collection):
        size = size_of(collection)
        raise ZeebeProcessingFailure(
            messages.OUTPUT_COLLECTION_OVERRUN.format(
                size=size,
                counter=counter,
                element=inner.element_id,
                collection=loop.output_collection,
                length=len(collection),
            )
        )
    collection[counter - 1] = value
    set_variable_local(ctx, body.key, body.workflow_key, loop.output_collection, collection)
    return None
