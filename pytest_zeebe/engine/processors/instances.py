"""WORKFLOW_INSTANCE CANCEL: terminate a root workflow instance (Zeebe's CancelWorkflowInstanceHandler).

Only a root instance that can still terminate is cancelled; a child of a call activity must be
cancelled through its root. The process's TERMINATING then terminates its children first.
"""

from __future__ import annotations

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import RecordType, RejectionType, ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import EngineState


@processes(RecordType.COMMAND, ValueType.WORKFLOW_INSTANCE, WorkflowInstanceIntent.CANCEL)
def cancel_instance(ctx: ProcessingContext, record: Record) -> None:
    key = record.key
    instance = ctx.state.elements.get(key)
    if instance is None or not instance.can_terminate or instance.parent_key > 0:
        ctx.reject(RejectionType.NOT_FOUND, messages.CANCEL_NOT_FOUND.format(key=key))
        return
    parent = instance.value.parent_workflow_instance_key
    if parent > 0:
        root = _root_instance(ctx.state, parent)
        ctx.reject(RejectionType.INVALID_STATE, messages.CANCEL_NOT_ROOT.format(key=key, root=root))
        return
    ctx.write_event(ValueType.WORKFLOW_INSTANCE, WorkflowInstanceIntent.ELEMENT_TERMINATING, key, instance.value)
    ctx.accept(key, instance.value)


def _root_instance(state: EngineState, key: int) -> int:
    instance = state.elements.get(key)
    while instance is not None and instance.value.parent_workflow_instance_key > 0:
        key = instance.value.parent_workflow_instance_key
        instance = state.elements.get(key)
    return key
