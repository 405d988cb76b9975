"""Element processors by element type: one for every element type Zeebe 0.26 deploys and runs."""

from __future__ import annotations

from pytest_zeebe.engine.bpmn.elements.base import ContainerProcessor, ElementProcessor
from pytest_zeebe.engine.bpmn.elements.call_activity import CallActivityProcessor
from pytest_zeebe.engine.bpmn.elements.containers import ProcessProcessor, SubProcessProcessor
from pytest_zeebe.engine.bpmn.elements.events import (
    BoundaryEventProcessor,
    EndEventProcessor,
    IntermediateCatchEventProcessor,
    StartEventProcessor,
)
from pytest_zeebe.engine.bpmn.elements.gateways import (
    EventBasedGatewayProcessor,
    ExclusiveGatewayProcessor,
    ParallelGatewayProcessor,
)
from pytest_zeebe.engine.bpmn.elements.multi_instance import MultiInstanceBodyProcessor
from pytest_zeebe.engine.bpmn.elements.tasks import ReceiveTaskProcessor, ServiceTaskProcessor
from pytest_zeebe.model import BpmnElementType

PROCESSORS: dict[BpmnElementType, ElementProcessor] = {
    BpmnElementType.PROCESS: ProcessProcessor(),
    BpmnElementType.SUB_PROCESS: SubProcessProcessor(),
    BpmnElementType.START_EVENT: StartEventProcessor(),
    BpmnElementType.END_EVENT: EndEventProcessor(),
    BpmnElementType.INTERMEDIATE_CATCH_EVENT: IntermediateCatchEventProcessor(),
    BpmnElementType.BOUNDARY_EVENT: BoundaryEventProcessor(),
    BpmnElementType.SERVICE_TASK: ServiceTaskProcessor(),
    BpmnElementType.RECEIVE_TASK: ReceiveTaskProcessor(),
    BpmnElementType.EXCLUSIVE_GATEWAY: ExclusiveGatewayProcessor(),
    BpmnElementType.PARALLEL_GATEWAY: ParallelGatewayProcessor(),
    BpmnElementType.EVENT_BASED_GATEWAY: EventBasedGatewayProcessor(),
    BpmnElementType.CALL_ACTIVITY: CallActivityProcessor(),
    BpmnElementType.MULTI_INSTANCE_BODY: MultiInstanceBodyProcessor(),
}


def element_processor(element_type: BpmnElementType) -> ElementProcessor:
    """The processor of an element type; every type a deployed workflow can hold has one."""
    return PROCESSORS[element_type]


def container_processor(element_type: BpmnElementType) -> ContainerProcessor:
    processor = PROCESSORS[element_type]
    assert isinstance(processor, ContainerProcessor)
    return processor


__all__ = ["ContainerProcessor", "ElementProcessor", "container_processor", "element_processor"]
