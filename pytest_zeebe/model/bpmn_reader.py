"""A validated BPMN document → one immutable Workflow per executable process.

Runs only after validation passed, so every reference it follows exists and every expression
parses; what it adds is the shape the engine needs: scopes, the flows of each node as the engine
follows them (`sourceRef`/`targetRef`, in document order), boundary events per activity, and the
parsed expressions of each element. Non-executable processes are skipped.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from pytest_zeebe.feel import parse_attribute
from pytest_zeebe.model.document import (
    Document,
    Element,
    attr,
    bpmn_children,
    java_boolean,
    local,
    text_content,
)
from pytest_zeebe.model.elements import (
    BoundaryEvent,
    BpmnElementType,
    CallActivity,
    Container,
    EndEvent,
    EventBasedGateway,
    EventKind,
    ExclusiveGateway,
    FlowNode,
    IntermediateCatchEvent,
    MessageDefinition,
    MultiInstanceDefinition,
    ParallelGateway,
    ReceiveTask,
    SequenceFlow,
    ServiceTask,
    StartEvent,
    TimerDefinition,
    TimerKind,
    VariableMapping,
    Workflow,
)
from pytest_zeebe.model.mapping_context import check_mapping_context

_TIMER_KINDS = (("timeDuration", TimerKind.DURATION), ("timeDate", TimerKind.DATE), ("timeCycle", TimerKind.CYCLE))


def read_workflows(doc: Document) -> tuple[Workflow, ...]:
    """Every executable process of the document, in document order."""
    return tuple(
        _ProcessReader(doc, process).workflow()
        for process in doc.processes()
        if java_boolean(process.get("isExecutable"), False)
    )


class _ProcessReader:
    """Collects the nodes and flows of one process, scope by scope."""

    def __init__(self, doc: Document, process: Element) -> None:
        self.doc = doc
        self.process = process
        self.nodes: dict[str, FlowNode] = {}
        self.flows: dict[str, SequenceFlow] = {}
        self.incoming: dict[str, list[str]] = {}
        self.outgoing: dict[str, list[str]] = {}
        self.boundaries: dict[str, list[str]] = {}

    def workflow(self) -> Workflow:
        self._index_flows(self.process)
        self._read_container(self.process, "", BpmnElementType.PROCESS)
        return Workflow(
            bpmn_process_id=self.process.get("id", ""),
            name=attr(self.process, "name"),
            nodes=MappingProxyType(self.nodes),
            flows=MappingProxyType(self.flows),
        )

    def _index_flows(self, scope: Element) -> None:
        for flow in self.doc.descendants(scope, "sequenceFlow"):
            flow_id = flow.get("id", "")
            source, target = flow.get("sourceRef", ""), flow.get("targetRef", "")
            conditions = bpmn_children(flow, "conditionExpression")
            condition = parse_attribute(text_content(conditions[0])) if conditions else None
            self.flows[flow_id] = SequenceFlow(flow_id, source, target, condition)
            self.outgoing.setdefault(source, []).append(flow_id)
            self.incoming.setdefault(target, []).append(flow_id)
        for event in self.doc.descendants(scope, "boundaryEvent"):
            attached = self.doc.attached_to(event)
            if attached is not None:
                self.boundaries.setdefault(attached.get("id", ""), []).append(event.get("id", ""))

    def _common(self, el: Element, scope_id: str, element_type: BpmnElementType) -> dict[str, Any]:
        element_id = el.get("id", "")
        inputs, outputs = self._mappings(el)
        return {
            "id": element_id,
            "element_type": element_type,
            "flow_scope_id": scope_id,
            "name": attr(el, "name"),
            "incoming": tuple(self.incoming.get(element_id, ())),
            "outgoing": tuple(self.outgoing.get(element_id, ())),
            "input_mappings": inputs,
            "output_mappings": outputs,
            "multi_instance": self._multi_instance(el),
            "boundary_event_ids": tuple(self.boundaries.get(element_id, ())),
        }

    def _read_container(self, el: Element, scope_id: str, element_type: BpmnElementType) -> None:
        container_id = el.get("id", "")
        common = self._common(el, scope_id, element_type)
        self.nodes[container_id] = Container(**common)  # placeholder keeps document order
        children: list[str] = []
        starts: list[str] = []
        event_sub_processes: list[str] = []
        for child in el:
            kind = local(child)
            node = self._read_node(child, container_id)
            if node is None:
                continue
            children.append(node.id)
            if kind == "startEvent":
                starts.append(node.id)
            elif isinstance(node, Container) and node.triggered_by_event:
                event_sub_processes.append(node.id)
        none_starts = [start for start in starts if getattr(self.nodes[start], "event_kind", None) is EventKind.NONE]
        self.nodes[container_id] = Container(
            **common,
            child_ids=tuple(children),
            start_event_ids=tuple(starts),
            none_start_event_id=none_starts[0] if none_starts else None,
            event_sub_process_ids=tuple(event_sub_processes),
            triggered_by_event=java_boolean(el.get("triggeredByEvent"), False),
        )

    def _read_node(self, el: Element, scope_id: str) -> FlowNode | None:
        kind = local(el)
        if kind == "subProcess":
            self._read_container(el, scope_id, BpmnElementType.SUB_PROCESS)
            return self.nodes[el.get("id", "")]
        reader = _NODE_READERS.get(kind)
        if reader is None:
            return None
        node = reader(self, el, scope_id)
        self.nodes[node.id] = node
        return node

    def _mappings(self, el: Element) -> tuple[tuple[VariableMapping, ...], tuple[VariableMapping, ...]]:
        result: dict[str, list[VariableMapping]] = {"input": [], "output": []}
        for io_mapping in self.doc.extension_elements(el, "ioMapping")[:1]:
            for mapping in io_mapping:
                name = etree_local(mapping)
                if name in result:
                    result[name].append(
                        VariableMapping(parse_attribute(mapping.get("source", "")), mapping.get("target", ""))
                    )
        inputs, outputs = tuple(result["input"]), tuple(result["output"])
        check_mapping_context(inputs, output=False)
        check_mapping_context(outputs, output=True)
        return inputs, outputs

    def _multi_instance(self, el: Element) -> MultiInstanceDefinition | None:
        for loop in bpmn_children(el, "multiInstanceLoopCharacteristics")[:1]:
            zeebe = self.doc.extension_elements(loop, "loopCharacteristics")[0]
            output_element = zeebe.get("outputElement")
            return MultiInstanceDefinition(
                is_sequential=java_boolean(loop.get("isSequential"), False),
                input_collection=parse_attribute(zeebe.get("inputCollection", "")),
                input_element=zeebe.get("inputElement") or None,
                output_collection=zeebe.get("outputCollection") or None,
                output_element=parse_attribute(output_element) if output_element else None,
            )
        return None

    def _event(self, el: Element) -> dict[str, Any]:
        """Event kind and definition fields shared by start, catch, boundary and end events."""
        fields: dict[str, Any] = {"event_kind": EventKind.NONE}
        for definition in self.doc.event_definitions(el)[:1]:
            kind = local(definition)
            if kind == "messageEventDefinition":
                fields["event_kind"] = EventKind.MESSAGE
                fields["message"] = self._message(self.doc.message_of(definition))
            elif kind == "timerEventDefinition":
                fields["event_kind"] = EventKind.TIMER
                fields["timer"] = _timer(definition)
            elif kind == "errorEventDefinition":
                fields["event_kind"] = EventKind.ERROR
                error = self.doc.error_of(definition)
                fields["error_code"] = error.get("errorCode") if error is not None else None
        return fields

    def _message(self, message: Element | None) -> MessageDefinition:
        assert message is not None  # validation guarantees the reference
        subscriptions = self.doc.extension_elements(message, "subscription")
        key = subscriptions[0].get("correlationKey") if subscriptions else None
        return MessageDefinition(
            name=parse_attribute(message.get("name", "")),
            correlation_key=parse_attribute(key) if key else None,
        )

    def read_start_event(self, el: Element, scope_id: str) -> FlowNode:
        return StartEvent(
            **self._common(el, scope_id, BpmnElementType.START_EVENT),
            **self._event(el),
            interrupting=java_boolean(el.get("isInterrupting"), True),
        )

    def read_end_event(self, el: Element, scope_id: str) -> FlowNode:
        fields = self._event(el)
        return EndEvent(
            **self._common(el, scope_id, BpmnElementType.END_EVENT),
            event_kind=fields["event_kind"],
            error_code=fields.get("error_code"),
        )

    def read_catch_event(self, el: Element, scope_id: str) -> FlowNode:
        fields = self._event(el)
        fields.pop("error_code", None)
        return IntermediateCatchEvent(**self._common(el, scope_id, BpmnElementType.INTERMEDIATE_CATCH_EVENT), **fields)

    def read_boundary_event(self, el: Element, scope_id: str) -> FlowNode:
        attached = self.doc.attached_to(el)
        return BoundaryEvent(
            **self._common(el, scope_id, BpmnElementType.BOUNDARY_EVENT),
            **self._event(el),
            attached_to_id=attached.get("id", "") if attached is not None else "",
            cancel_activity=java_boolean(el.get("cancelActivity"), True),
        )

    def read_service_task(self, el: Element, scope_id: str) -> FlowNode:
        definition = self.doc.extension_elements(el, "taskDefinition")[0]
        headers = tuple(
            (header.get("key", ""), header.get("value", ""))
            for container in self.doc.extension_elements(el, "taskHeaders")[:1]
            for header in container
            if etree_local(header) == "header" and header.get("key") and header.get("value")
        )
        return ServiceTask(
            **self._common(el, scope_id, BpmnElementType.SERVICE_TASK),
            job_type=parse_attribute(definition.get("type", "")),
            job_retries=parse_attribute(attr(definition, "retries") or "3"),
            headers=headers,
        )

    def read_receive_task(self, el: Element, scope_id: str) -> FlowNode:
        return ReceiveTask(
            **self._common(el, scope_id, BpmnElementType.RECEIVE_TASK),
            message=self._message(self.doc.message_of(el)),
        )

    def read_exclusive_gateway(self, el: Element, scope_id: str) -> FlowNode:
        default = self.doc.resolve(el.get("default"), "sequenceFlow")
        return ExclusiveGateway(
            **self._common(el, scope_id, BpmnElementType.EXCLUSIVE_GATEWAY),
            default_flow_id=default.get("id") if default is not None else None,
        )

    def read_parallel_gateway(self, el: Element, scope_id: str) -> FlowNode:
        return ParallelGateway(**self._common(el, scope_id, BpmnElementType.PARALLEL_GATEWAY))

    def read_event_based_gateway(self, el: Element, scope_id: str) -> FlowNode:
        return EventBasedGateway(**self._common(el, scope_id, BpmnElementType.EVENT_BASED_GATEWAY))

    def read_call_activity(self, el: Element, scope_id: str) -> FlowNode:
        called = self.doc.extension_elements(el, "calledElement")[0]
        return CallActivity(
            **self._common(el, scope_id, BpmnElementType.CALL_ACTIVITY),
            called_process_id=parse_attribute(called.get("processId", "")),
            propagate_all_child_variables=java_boolean(called.get("propagateAllChildVariables"), True),
        )


def etree_local(element: Element) -> str:
    """The local name of any element (extension children are read by local name)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _timer(definition: Element) -> TimerDefinition:
    for field, kind in _TIMER_KINDS:
        children = bpmn_children(definition, field)
        if children:
            return TimerDefinition(kind, parse_attribute(text_content(children[0])))
    raise AssertionError("validation guarantees one timer field")


_NODE_READERS = {
    "startEvent": _ProcessReader.read_start_event,
    "endEvent": _ProcessReader.read_end_event,
    "intermediateCatchEvent": _ProcessReader.read_catch_event,
    "boundaryEvent": _ProcessReader.read_boundary_event,
    "serviceTask": _ProcessReader.read_service_task,
    "receiveTask": _ProcessReader.read_receive_task,
    "exclusiveGateway": _ProcessReader.read_exclusive_gateway,
    "parallelGateway": _ProcessReader.read_parallel_gateway,
    "eventBasedGateway": _ProcessReader.read_event_based_gateway,
    "callActivity": _ProcessReader.read_call_activity,
}
