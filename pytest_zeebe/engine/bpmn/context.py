"""What a BPMN element processor works on: the element instance being processed, and its model.

Zeebe's BpmnElementContext: the element instance's key, record value and the intent being
processed (a copy for another instance carries that instance's current state as its intent).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import WorkflowInstanceIntent
from pytest_zeebe.engine.state import ElementInstance
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue
from pytest_zeebe.model import BpmnElementType, FlowNode, Workflow


class BpmnProcessingError(Exception):
    """Raised when an element is driven in a way its processor cannot handle (an engine bug)."""


@dataclass(frozen=True, slots=True)
class Element:
    """One element instance as a processor sees it."""

    key: int
    value: WorkflowInstanceRecordValue
    intent: WorkflowInstanceIntent

    @property
    def flow_scope_key(self) -> int:
        return self.value.flow_scope_key

    @property
    def workflow_instance_key(self) -> int:
        return self.value.workflow_instance_key

    @property
    def workflow_key(self) -> int:
        return self.value.workflow_key

    @property
    def element_id(self) -> str:
        return self.value.element_id

    def with_value(self, **changes: object) -> WorkflowInstanceRecordValue:
        """The record value with some fields changed (for records about related elements)."""
        return replace(self.value, **changes)  # type: ignore[arg-type]

    @staticmethod
    def of(instance: ElementInstance) -> Element:
        """The context of a live instance, its intent being its current state."""
        return Element(instance.key, instance.value, instance.state)


class Step:
    """One BPMN processing step: the processing context, the element, its workflow and model node."""

    __slots__ = ("ctx", "element", "node", "workflow")

    def __init__(self, ctx: ProcessingContext, element: Element, workflow: Workflow) -> None:
        self.ctx = ctx
        self.element = element
        self.workflow = workflow
        self.node: FlowNode = workflow.node(element.element_id)

    def workflow_of(self, workflow_key: int) -> Workflow:
        return self.ctx.state.workflows.by_key[workflow_key].workflow

    @property
    def is_inner_instance(self) -> bool:
        """An instance inside a multi-instance body (the body shares the activity's id and node)."""
        return (
            self.node.multi_instance is not None
            and self.element.value.bpmn_element_type != BpmnElementType.MULTI_INSTANCE_BODY
        )

    @property
    def outgoing(self) -> tuple[str, ...]:
        """The element's outgoing flows: an inner multi-instance activity has none (its body has them)."""
        return () if self.is_inner_instance else self.node.outgoing
