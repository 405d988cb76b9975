"""WORKFLOW_INSTANCE events: each element's lifecycle step, and the sequence flows between elements.

The processing hooks (bpmn/hooks.py) have already checked the lifecycle guard; here the element's
processor (bpmn/elements/) does its step. A taken sequence flow activates its target in the same
scope; a parallel gateway is activated once every incoming flow has a token waiting.
"""

from __future__ import annotations

from collections.abc import Callable

from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.context import Element, Step
from pytest_zeebe.engine.bpmn.elements import ElementProcessor, element_processor
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import RecordType, ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue
from pytest_zeebe.model import BpmnElementType

Intent = WorkflowInstanceIntent

_STEPS: dict[Intent, Callable[[ElementProcessor, Step], None]] = {
    Intent.ELEMENT_ACTIVATING: lambda processor, step: processor.on_activating(step),
    Intent.ELEMENT_ACTIVATED: lambda processor, step: processor.on_activated(step),
    Intent.ELEMENT_COMPLETING: lambda processor, step: processor.on_completing(step),
    Intent.ELEMENT_COMPLETED: lambda processor, step: processor.on_completed(step),
    Intent.ELEMENT_TERMINATING: lambda processor, step: processor.on_terminating(step),
    Intent.ELEMENT_TERMINATED: lambda processor, step: processor.on_terminated(step),
    Intent.EVENT_OCCURRED: lambda processor, step: processor.on_event_occurred(step),
}


@processes(RecordType.EVENT, ValueType.WORKFLOW_INSTANCE, *_STEPS)
def element_lifecycle(ctx: ProcessingContext, record: Record) -> None:
    process_element_event(ctx, record)


def process_element_event(ctx: ProcessingContext, record: Record) -> None:
    """Run the element's step for `record` (also used to re-run a failed step on ResolveIncident)."""
    value = record.value
    assert isinstance(value, WorkflowInstanceRecordValue) and isinstance(record.intent, Intent)
    workflow = ctx.state.workflows.by_key[value.workflow_key].workflow
    step = Step(ctx, Element(record.key, value, record.intent), workflow)
    processor = element_processor(BpmnElementType(value.bpmn_element_type))
    _STEPS[record.intent](processor, step)


@processes(RecordType.EVENT, ValueType.WORKFLOW_INSTANCE, Intent.SEQUENCE_FLOW_TAKEN)
def sequence_flow_taken(ctx: ProcessingContext, record: Record) -> None:
    value = record.value
    assert isinstance(value, WorkflowInstanceRecordValue)
    workflow = ctx.state.workflows.by_key[value.workflow_key].workflow
    target = workflow.node(workflow.flow(value.element_id).target_id)
    element = Element(record.key, value, Intent.SEQUENCE_FLOW_TAKEN)
    if target.element_type is BpmnElementType.PARALLEL_GATEWAY:
        waiting = {
            stored.value.element_id
            for stored in ctx.state.elements.deferred(value.flow_scope_key)
            if stored.intent is Intent.SEQUENCE_FLOW_TAKEN
        }
        if not all(flow_id in waiting for flow_id in target.incoming):
            return  # the join waits for a token on every incoming flow
    transitions.activate_in_flow_scope(ctx, element, target)
