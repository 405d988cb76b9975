"""WORKFLOW_INSTANCE events: run each element's lifecycle step, and follow sequence flows.

A lifecycle event is processed only while the element instance is still in that state: an
element terminated in the meantime ignores its stale events, as Zeebe's BPMN stream processor does.
"""

from __future__ import annotations

from collections.abc import Callable

from pytest_zeebe.engine.bpmn.behaviour import ElementBehaviour, Step, activate_child
from pytest_zeebe.engine.bpmn.elements import BEHAVIOURS
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import RecordType, ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue
from pytest_zeebe.model import BpmnElementType

Intent = WorkflowInstanceIntent

_STEPS: dict[Intent, Callable[[ElementBehaviour, Step], None]] = {
    Intent.ELEMENT_ACTIVATING: lambda behaviour, step: behaviour.on_activating(step),
    Intent.ELEMENT_ACTIVATED: lambda behaviour, step: behaviour.on_activated(step),
    Intent.ELEMENT_COMPLETING: lambda behaviour, step: behaviour.on_completing(step),
    Intent.ELEMENT_COMPLETED: lambda behaviour, step: behaviour.on_completed(step),
}


def _step(ctx: ProcessingContext, record: Record) -> Step:
    value = record.value
    assert isinstance(value, WorkflowInstanceRecordValue)
    workflow = ctx.state.workflows.by_key[value.workflow_key].workflow
    return Step(ctx, record.key, value, workflow)


@processes(RecordType.EVENT, ValueType.WORKFLOW_INSTANCE, *_STEPS)
def element_lifecycle(ctx: ProcessingContext, record: Record) -> None:
    assert isinstance(record.intent, Intent)
    if record.intent is not Intent.ELEMENT_COMPLETED:
        instance = ctx.state.element_instances.get(record.key)
        if instance is None or instance.state is not record.intent:
            return
    step = _step(ctx, record)
    behaviour = BEHAVIOURS.get(BpmnElementType(step.value.bpmn_element_type))
    if behaviour is None:
        raise NotImplementedError(
            f"pytest-zeebe cannot run {step.value.bpmn_element_type} elements yet (element '{step.value.element_id}')"
        )
    _STEPS[record.intent](behaviour, step)


@processes(RecordType.EVENT, ValueType.WORKFLOW_INSTANCE, Intent.SEQUENCE_FLOW_TAKEN)
def sequence_flow_taken(ctx: ProcessingContext, record: Record) -> None:
    value = record.value
    assert isinstance(value, WorkflowInstanceRecordValue)
    scope = ctx.state.element_instances.get(value.flow_scope_key)
    if scope is None or scope.state is not Intent.ELEMENT_ACTIVATED:
        return
    workflow = ctx.state.workflows.by_key[value.workflow_key].workflow
    target = workflow.node(workflow.flow(value.element_id).target_id)
    activate_child(ctx, scope.value, scope.key, target)
