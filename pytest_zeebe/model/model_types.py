"""The element types Zeebe 0.26's BPMN model knows, and what happens to a document with any other.

Zeebe's validator walks every element of the document (`ModelWalker`), and its walk casts each
child element to `BpmnModelElementInstance`. An element whose type the model does not register
becomes camunda-xml-model's generic `ModelElementInstanceImpl`, the cast fails, and the whole
resource is rejected with the JVM's `ClassCastException` text, whatever else is in it. That
hits, anywhere in the document:

* elements of other vendors' namespaces inside `bpmn:extensionElements` (Camunda Platform's
  `camunda:properties`, Signavio metadata, ...) and inside `bpmn:documentation` or `di:extension`;
* Zeebe extension elements newer than 0.26 (`zeebe:properties`, `zeebe:userTaskForm`, ...);
* BPMN elements the model does not register: `bpmn:standardLoopCharacteristics`,
  `bpmn:adHocSubProcess`, `bpmn:implicitThrowEvent`, choreographies, global tasks, partners.

The type names are those registered by `io.zeebe.model.bpmn.Bpmn#doRegisterTypes` at 0.26.6.
Zeebe 8.1 later skipped unknown elements instead (camunda/camunda commit c3aee339, "ignore
unknown extension elements"); issues camunda/camunda#3278 and #3388 show the 0.2x rejection.
"""

from __future__ import annotations

from lxml import etree

from pytest_zeebe.model.document import Document
from pytest_zeebe.model.xml import BPMN_NS, ZEEBE_NS

UNKNOWN_ELEMENT_FAILURE = (
    "class org.camunda.bpm.model.xml.impl.instance.ModelElementInstanceImpl cannot be cast to class "
    "io.zeebe.model.bpmn.instance.BpmnModelElementInstance "
    "(org.camunda.bpm.model.xml.impl.instance.ModelElementInstanceImpl and "
    "io.zeebe.model.bpmn.instance.BpmnModelElementInstance are in unnamed module of loader 'app')"
)

REGISTERED_BPMN_TYPES = frozenset(
    {
        "activationCondition",
        "assignment",
        "association",
        "auditing",
        "boundaryEvent",
        "businessRuleTask",
        "callActivity",
        "callConversation",
        "callableElement",
        "cancelEventDefinition",
        "category",
        "categoryValue",
        "categoryValueRef",
        "childLaneSet",
        "collaboration",
        "compensateEventDefinition",
        "completionCondition",
        "complexBehaviorDefinition",
        "complexGateway",
        "condition",
        "conditionExpression",
        "conditionalEventDefinition",
        "conversation",
        "conversationAssociation",
        "conversationLink",
        "correlationKey",
        "correlationProperty",
        "correlationPropertyBinding",
        "correlationPropertyRef",
        "correlationPropertyRetrievalExpression",
        "correlationSubscription",
        "dataAssociation",
        "dataInput",
        "dataInputAssociation",
        "dataInputRefs",
        "dataObject",
        "dataObjectReference",
        "dataOutput",
        "dataOutputAssociation",
        "dataOutputRefs",
        "dataPath",
        "dataState",
        "dataStore",
        "dataStoreReference",
        "definitions",
        "documentation",
        "endEvent",
        "endPoint",
        "endPointRef",
        "error",
        "errorEventDefinition",
        "errorRef",
        "escalation",
        "escalationEventDefinition",
        "eventBasedGateway",
        "eventDefinitionRef",
        "exclusiveGateway",
        "expression",
        "extension",
        "extensionElements",
        "flowNodeRef",
        "formalExpression",
        "from",
        "globalConversation",
        "group",
        "humanPerformer",
        "import",
        "inMessageRef",
        "inclusiveGateway",
        "incoming",
        "innerParticipantRef",
        "inputDataItem",
        "inputSet",
        "inputSetRefs",
        "interface",
        "interfaceRef",
        "intermediateCatchEvent",
        "intermediateThrowEvent",
        "ioBinding",
        "ioSpecification",
        "itemDefinition",
        "lane",
        "laneSet",
        "linkEventDefinition",
        "loopCardinality",
        "loopDataInputRef",
        "loopDataOutputRef",
        "manualTask",
        "message",
        "messageEventDefinition",
        "messageFlow",
        "messageFlowAssociation",
        "messageFlowRef",
        "messagePath",
        "monitoring",
        "multiInstanceLoopCharacteristics",
        "operation",
        "operationRef",
        "optionalInputRefs",
        "optionalOutputRefs",
        "outMessageRef",
        "outerParticipantRef",
        "outgoing",
        "outputDataItem",
        "outputSet",
        "outputSetRefs",
        "parallelGateway",
        "participant",
        "participantAssociation",
        "participantMultiplicity",
        "participantRef",
        "partitionElement",
        "performer",
        "potentialOwner",
        "process",
        "property",
        "receiveTask",
        "relationship",
        "rendering",
        "resource",
        "resourceAssignmentExpression",
        "resourceParameter",
        "resourceParameterBinding",
        "resourceRef",
        "resourceRole",
        "script",
        "scriptTask",
        "sendTask",
        "sequenceFlow",
        "serviceTask",
        "signal",
        "signalEventDefinition",
        "source",
        "sourceRef",
        "startEvent",
        "subConversation",
        "subProcess",
        "supportedInterfaceRef",
        "supports",
        "target",
        "targetRef",
        "task",
        "terminateEventDefinition",
        "text",
        "textAnnotation",
        "timeCycle",
        "timeDate",
        "timeDuration",
        "timerEventDefinition",
        "to",
        "transaction",
        "transformation",
        "userTask",
        "whileExecutingInputRefs",
        "whileExecutingOutputRefs",
    }
)

_REGISTERED: dict[str, frozenset[str]] = {
    BPMN_NS: REGISTERED_BPMN_TYPES,
    "http://www.omg.org/spec/BPMN/20100524/DI": frozenset(
        {"BPMNDiagram", "BPMNEdge", "BPMNLabel", "BPMNLabelStyle", "BPMNPlane", "BPMNShape"}
    ),
    "http://www.omg.org/spec/DD/20100524/DC": frozenset({"Bounds", "Font", "Point"}),
    "http://www.omg.org/spec/DD/20100524/DI": frozenset({"extension", "waypoint"}),
    ZEEBE_NS: frozenset(
        {
            "calledElement",
            "header",
            "input",
            "ioMapping",
            "loopCharacteristics",
            "output",
            "subscription",
            "taskDefinition",
            "taskHeaders",
        }
    ),
}


def has_unregistered_element(doc: Document) -> bool:
    """True when some element of the document has a type Zeebe 0.26's model does not register."""
    for element in doc.elements:
        qname = etree.QName(element)
        if qname.localname not in _REGISTERED.get(qname.namespace or "", ()):
            return True
    return False
