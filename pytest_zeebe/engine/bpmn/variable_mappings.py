"""Input and output mappings of an element (Zeebe's BpmnVariableMappingBehavior).

Inputs are set locally in the element's scope on activation. On completion, the variables the
element brought (a job's or a message's) are set locally when there are output mappings, and
propagated otherwise; then the output mappings, evaluated in the element's scope, are propagated
from the flow scope (from the element itself for an inner multi-instance activity).
"""

from __future__ import annotations

from pytest_zeebe.engine import expressions
from pytest_zeebe.engine.bpmn.context import Step
from pytest_zeebe.engine.failures import Failure
from pytest_zeebe.engine.mappings import input_expression, output_expression
from pytest_zeebe.engine.variables import set_variables_local, set_variables_propagate


def apply_input_mappings(step: Step) -> Failure | None:
    """Evaluate and set the input mappings; a Failure (IO_MAPPING_ERROR) if they cannot be."""
    expression = input_expression(step.node.input_mappings)
    if expression is None:
        return None
    ctx, element = step.ctx, step.element
    result = expressions.evaluate_mapping(expression, ctx.state, element.key, ctx.feel_env())
    if isinstance(result, Failure):
        return result
    set_variables_local(ctx, element.key, element.workflow_key, result)
    return None


def apply_output_mappings(step: Step) -> Failure | None:
    """Merge the element's temporary variables, then evaluate and propagate the output mappings.

    The temporary variables leave the state when this step ends (bpmn/hooks.py), as in Zeebe.
    """
    ctx, element = step.ctx, step.element
    expression = output_expression(step.node.output_mappings)
    temporary = ctx.state.elements.temporary_variables.get(element.key)
    if temporary is not None:
        if expression is not None:
            set_variables_local(ctx, element.key, element.workflow_key, temporary)
        else:
            set_variables_propagate(ctx, element.key, element.workflow_key, temporary)
    if expression is None:
        return None
    result = expressions.evaluate_mapping(expression, ctx.state, element.key, ctx.feel_env())
    if isinstance(result, Failure):
        return result
    instance = ctx.state.elements.get(element.key)
    inner_multi_instance = instance is not None and instance.multi_instance_loop_counter > 0
    target = element.key if inner_multi_instance else element.flow_scope_key
    set_variables_propagate(ctx, target, element.workflow_key, result)
    return None
