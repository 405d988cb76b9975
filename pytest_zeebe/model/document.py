"""A read-only index over a parsed BPMN document: element kinds, ids and references.

Zeebe's validators ask the camunda model questions such as "the outgoing flows of this node" or
"the message this event references". The answers come from specific parts of the XML, and the
difference shows in which files Zeebe accepts: a node's incoming and outgoing flows are its
`<bpmn:incoming>`/`<bpmn:outgoing>` children (what `FlowNode.getOutgoing()` reads), while the engine
follows `sourceRef`/`targetRef`. This module answers those questions the way the camunda model does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cached_property

from lxml import etree

from pytest_zeebe.model.xml import BPMN_NS, ZEEBE_NS

Element = etree._Element

TASKS = frozenset(
    {"task", "serviceTask", "receiveTask", "userTask", "scriptTask", "sendTask", "businessRuleTask", "manualTask"}
)
SUB_PROCESSES = frozenset({"subProcess", "transaction", "adHocSubProcess"})
ACTIVITIES = TASKS | SUB_PROCESSES | {"callActivity"}
CATCH_EVENTS = frozenset({"startEvent", "intermediateCatchEvent", "boundaryEvent"})
THROW_EVENTS = frozenset({"endEvent", "intermediateThrowEvent", "implicitThrowEvent"})
GATEWAYS = frozenset({"exclusiveGateway", "parallelGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway"})
FLOW_NODES = (
    ACTIVITIES
    | CATCH_EVENTS
    | THROW_EVENTS
    | GATEWAYS
    | {
        "callChoreography",
        "choreographyTask",
        "subChoreography",
    }
)
DATA_ELEMENTS = frozenset({"dataObject", "dataObjectReference", "dataStoreReference"})
FLOW_ELEMENTS = FLOW_NODES | DATA_ELEMENTS | {"sequenceFlow"}
SUPPORTED_FLOW_ELEMENTS = frozenset(
    {
        "boundaryEvent",
        "endEvent",
        "eventBasedGateway",
        "exclusiveGateway",
        "intermediateCatchEvent",
        "parallelGateway",
        "receiveTask",
        "sequenceFlow",
        "serviceTask",
        "startEvent",
        "subProcess",
        "callActivity",
    }
)
EVENT_DEFINITIONS = frozenset(
    {
        "messageEventDefinition",
        "timerEventDefinition",
        "errorEventDefinition",
        "signalEventDefinition",
        "escalationEventDefinition",
        "compensateEventDefinition",
        "conditionalEventDefinition",
        "linkEventDefinition",
        "terminateEventDefinition",
        "cancelEventDefinition",
    }
)
TIMER_FIELDS = ("timeDate", "timeDuration", "timeCycle")

#: camunda-xml-model's text when a reference list names an id no element has
#: (`ElementReferenceCollectionImpl#getView`).
MISSING_REFERENCE = "Unable to find a model element instance for id {id}"
#: The JVM's text when such a list names another element and Zeebe's code uses it as a flow.
NOT_A_SEQUENCE_FLOW = (
    "class {impl} cannot be cast to class io.zeebe.model.bpmn.instance.SequenceFlow "
    "({impl} and io.zeebe.model.bpmn.instance.SequenceFlow are in unnamed module of loader 'app')"
)
_DI_CLASSES = {
    "BPMNDiagram": "bpmndi.BpmnDiagramImpl",
    "BPMNEdge": "bpmndi.BpmnEdgeImpl",
    "BPMNLabel": "bpmndi.BpmnLabelImpl",
    "BPMNLabelStyle": "bpmndi.BpmnLabelStyleImpl",
    "BPMNPlane": "bpmndi.BpmnPlaneImpl",
    "BPMNShape": "bpmndi.BpmnShapeImpl",
}


class ModelReferenceError(Exception):
    """Raised where Zeebe's model fails on a flow reference; Zeebe rejects the resource with the text."""


def local(element: Element) -> str:
    """The local name of a BPMN element, or '' for anything outside the BPMN namespace."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith(f"{{{BPMN_NS}}}"):
        return tag[len(BPMN_NS) + 2 :]
    return ""


def zeebe_local(element: Element) -> str:
    """The local name of a Zeebe extension element, or ''."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith(f"{{{ZEEBE_NS}}}"):
        return tag[len(ZEEBE_NS) + 2 :]
    return ""


def bpmn_children(element: Element, name: str) -> list[Element]:
    """The BPMN children of `element` with local name `name`, in document order."""
    return [child for child in element if local(child) == name]


_JAVA_TRIMMED = "".join(chr(code) for code in range(33))


def text_content(element: Element) -> str:
    """`getTextContent()` of the camunda model: all text below the element, trimmed.

    Java's `String.trim()` removes the characters up to U+0020 (spaces and control characters),
    not Unicode whitespace such as a no-break space.
    """
    return "".join(str(text) for text in element.itertext()).strip(_JAVA_TRIMMED)


def attr(element: Element, name: str) -> str | None:
    """An attribute as the camunda model reads it: an empty value counts as absent (None)."""
    value = element.get(name)
    return value or None


def java_boolean(value: str | None, default: bool) -> bool:
    """The camunda model's boolean attributes: `Boolean.parseBoolean`, so only 'true' is true."""
    if not value:
        return default
    return value.strip().lower() == "true"


def _strip_prefix(reference: str) -> str:
    """QName references (`messageRef="tns:Message_1"`) resolve by their local part."""
    return reference.strip().rpartition(":")[2]


class Document:
    """The parsed `bpmn:definitions` with an id index; every lookup is side-effect free."""

    def __init__(self, definitions: Element) -> None:
        self.definitions = definitions
        self.elements: list[Element] = [el for el in definitions.iter() if isinstance(el.tag, str)]
        self.by_id: dict[str, Element] = {}
        for element in self.elements:
            element_id = element.get("id")
            if element_id is not None and element_id not in self.by_id:
                self.by_id[element_id] = element
        self._flows: dict[tuple[Element, str], tuple[Element, ...]] = {}
        self._previous: dict[Element, tuple[Element | None, ...]] = {}
        self._definitions: dict[Element, tuple[Element, ...]] = {}

    def processes(self) -> list[Element]:
        """The `bpmn:process` children of the definitions, in document order."""
        return bpmn_children(self.definitions, "process")

    def resolve(self, reference: str | None, *kinds: str) -> Element | None:
        """The element a QName/IDREF reference names, if it exists and has one of `kinds`."""
        if reference is None:
            return None
        target = self.by_id.get(reference.strip())
        if target is None:
            target = self.by_id.get(_strip_prefix(reference))
        if target is None or (kinds and local(target) not in kinds):
            return None
        return target

    def extension_elements(self, element: Element, name: str) -> list[Element]:
        """The `zeebe:<name>` children of the element's (first) `bpmn:extensionElements`."""
        containers = bpmn_children(element, "extensionElements")
        if not containers:
            return []
        return [child for child in containers[0] if zeebe_local(child) == name]

    def outgoing(self, node: Element) -> tuple[Element, ...]:
        """The elements named by the node's `<bpmn:outgoing>` children (`FlowNode.getOutgoing()`)."""
        return self._flow_refs(node, "outgoing")

    def incoming(self, node: Element) -> tuple[Element, ...]:
        """The elements named by the node's `<bpmn:incoming>` children (`FlowNode.getIncoming()`)."""
        return self._flow_refs(node, "incoming")

    def as_flows(self, elements: tuple[Element, ...]) -> Iterator[Element]:
        """`elements` used as sequence flows, one by one, as Zeebe's code does: the first that is
        no sequence flow fails the JVM's cast."""
        for element in elements:
            if local(element) != "sequenceFlow":
                raise ModelReferenceError(NOT_A_SEQUENCE_FLOW.format(impl=_java_class(element)))
            yield element

    def previous_nodes(self, node: Element) -> tuple[Element | None, ...]:
        """The distinct sources of the node's incoming flows (`FlowNode.getPreviousNodes()`)."""
        previous = self._previous.get(node)
        if previous is None:
            previous = tuple(dict.fromkeys(self.source(flow) for flow in self.as_flows(self.incoming(node))))
            self._previous[node] = previous
        return previous

    def _flow_refs(self, node: Element, name: str) -> tuple[Element, ...]:
        """camunda-xml-model's reference list, resolved in full whenever it is used (here once per
        node): an id no element has fails it, an element of any type is in it."""
        key = (node, name)
        flows = self._flows.get(key)
        if flows is None:
            resolved = []
            for reference in bpmn_children(node, name):
                identifier = _strip_prefix(text_content(reference))
                target = self.by_id.get(identifier)
                if target is None:
                    raise ModelReferenceError(MISSING_REFERENCE.format(id=identifier))
                resolved.append(target)
            flows = self._flows[key] = tuple(resolved)
        return flows

    def source(self, flow: Element) -> Element | None:
        """The flow node a sequence flow starts at (`sourceRef`)."""
        return self.resolve(flow.get("sourceRef"), *FLOW_NODES)

    def target(self, flow: Element) -> Element | None:
        """The flow node a sequence flow leads to (`targetRef`)."""
        return self.resolve(flow.get("targetRef"), *FLOW_NODES)

    def event_definitions(self, event: Element) -> tuple[Element, ...]:
        """The event definitions an event declares inline, in document order (found once per event)."""
        definitions = self._definitions.get(event)
        if definitions is None:
            definitions = tuple(child for child in event if local(child) in EVENT_DEFINITIONS)
            self._definitions[event] = definitions
        return definitions

    def message_of(self, element: Element) -> Element | None:
        """The `bpmn:message` a message event definition or receive task references."""
        return self.resolve(element.get("messageRef"), "message")

    def error_of(self, definition: Element) -> Element | None:
        """The `bpmn:error` an error event definition references."""
        return self.resolve(definition.get("errorRef"), "error")

    def attached_to(self, boundary: Element) -> Element | None:
        """The activity a boundary event is attached to, if `attachedToRef` names one."""
        return self.resolve(boundary.get("attachedToRef"), *ACTIVITIES)

    def boundary_events(self, activity: Element) -> list[Element]:
        """Boundary events among the activity's siblings that are attached to it."""
        return self._boundary_index.get(activity, [])

    @cached_property
    def _boundary_index(self) -> dict[Element, list[Element]]:
        index: dict[Element, list[Element]] = {}
        for event in self.elements:
            if local(event) == "boundaryEvent":
                activity = self.attached_to(event)
                if activity is not None and activity.getparent() is event.getparent():
                    index.setdefault(activity, []).append(event)
        return index

    @cached_property
    def message_references(self) -> MessageReferences:
        """Who references which `bpmn:message`, as Zeebe's MessageValidator looks for it."""
        return MessageReferences(self)

    def is_process_start_event(self, element: Element) -> bool:
        """A start event directly inside a process (not a (event) sub-process)."""
        parent = element.getparent()
        return local(element) == "startEvent" and parent is not None and local(parent) == "process"

    def descendants(self, element: Element, *kinds: str) -> Iterator[Element]:
        """BPMN descendants of `element` with one of the local names `kinds`, in document order."""
        for child in element.iterdescendants():
            if isinstance(child.tag, str) and local(child) in kinds:
                yield child


class MessageReferences:
    """The message references of all processes, collected once for the MessageValidator rules."""

    def __init__(self, doc: Document) -> None:
        self.caught: set[Element] = set()
        self.received: set[Element] = set()
        self.sub_process_starts: Counter[Element] = Counter()
        self.process_starts: Counter[Element] = Counter()
        for process in doc.processes():
            for element in process.iterdescendants():
                kind = local(element)
                if kind == "receiveTask":
                    self._add(self.received, doc.message_of(element))
                elif kind in ("intermediateCatchEvent", "boundaryEvent"):
                    for message in self._messages(doc, element):
                        self.caught.add(message)
            for start in bpmn_children(process, "startEvent"):
                self.process_starts.update(self._messages(doc, start))
            for sub_process in bpmn_children(process, "subProcess"):
                for start in bpmn_children(sub_process, "startEvent"):
                    self.sub_process_starts.update(self._messages(doc, start))

    @staticmethod
    def _add(target: set[Element], message: Element | None) -> None:
        if message is not None:
            target.add(message)

    @staticmethod
    def _messages(doc: Document, event: Element) -> list[Element]:
        return [
            message
            for definition in doc.event_definitions(event)
            if local(definition) == "messageEventDefinition" and (message := doc.message_of(definition)) is not None
        ]


def _java_class(element: Element) -> str:
    """The class camunda-xml-model gives an element in Zeebe 0.26's model."""
    if local(element):
        return f"io.zeebe.model.bpmn.impl.instance.{local(element)[0].upper()}{local(element)[1:]}Impl"
    name = etree.QName(element).localname
    return f"io.zeebe.model.bpmn.impl.instance.{_DI_CLASSES.get(name, name + 'Impl')}"


def element_name(element: Element) -> str:
    """How Zeebe's report names an element: its id, or a chain from the nearest ancestor with one.

    Mirrors `ValidationErrorFormatter`: BPMN base elements are named by their id; the definitions,
    extension containers and Zeebe extension elements by their type name, e.g.
    `task > extensionElements > taskDefinition`.
    """
    chain: list[str] = []
    current: Element | None = element
    while current is not None:
        name = local(current) or zeebe_local(current) or etree.QName(current).localname
        element_id = current.get("id")
        if local(current) not in ("", "definitions", "extensionElements") and element_id is not None:
            chain.append(element_id)
            break
        chain.append(name)
        current = current.getparent()
    return " > ".join(reversed(chain))
