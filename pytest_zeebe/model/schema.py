"""The BPMN 2.0 schema rules a deployment trips over in practice.

Zeebe parses resources with XML-schema validation on, and reports any schema violation with the
parser's exception text, `SAXException while parsing input stream`, exactly as it reports a file
that is not XML at all. This module does not ship the OMG schemas. It checks the rules that
hand-written and generated files actually break:

* the root element, and its required `targetNamespace`;
* known BPMN element names, and the places foreign elements may appear;
* the order of the children that every element shares: documentation, extensionElements, then
  incoming and outgoing flows; the order of the definitions and of the process content;
* children allowed at most once: one timer field (`timeDate`, `timeDuration` or `timeCycle`),
  one `conditionExpression` per flow, one loop characteristics per activity;
* unique, well-formed ids, and the required and IDREF attributes of flows and boundary events;
* boolean attributes.

The other constraints of the schema are not checked (see docs/deployment.md).
"""

from __future__ import annotations

import re
from itertools import pairwise

from pytest_zeebe.model.document import ACTIVITIES, DATA_ELEMENTS, FLOW_NODES, Document, Element, local
from pytest_zeebe.model.model_types import REGISTERED_BPMN_TYPES
from pytest_zeebe.model.xml import BPMN_NS

BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
_ID_NAMESPACES = (BPMN_NS, BPMNDI_NS, "http://www.omg.org/spec/DD/20100524/DI")
_NCNAME = re.compile(r"[^\W\d][\w.\-]*")
_BOOLEAN_ATTRIBUTES = ("isExecutable", "cancelActivity", "triggeredByEvent", "isInterrupting", "isSequential")
_XSD_BOOLEANS = frozenset({"true", "false", "1", "0"})
_REQUIRED_ATTRIBUTES = {
    "definitions": ("targetNamespace",),
    "sequenceFlow": ("sourceRef", "targetRef"),
    "messageFlow": ("sourceRef", "targetRef"),
    "association": ("sourceRef", "targetRef"),
    "boundaryEvent": ("attachedToRef",),
    "linkEventDefinition": ("name",),
}
#: Elements whose content may hold elements of any namespace.
_OPEN_CONTENT = frozenset({"extensionElements", "documentation", "script", "text"})
_ARTIFACTS = frozenset({"textAnnotation", "association", "group"})
_FLOW_ELEMENTS = FLOW_NODES | DATA_ELEMENTS | {"sequenceFlow"}
#: Children the schema allows at most once (in total per group) under elements of some kinds.
_AT_MOST_ONE = (
    (frozenset({"timerEventDefinition"}), frozenset({"timeDate", "timeDuration", "timeCycle"})),
    (frozenset({"sequenceFlow"}), frozenset({"conditionExpression"})),
    (ACTIVITIES, frozenset({"multiInstanceLoopCharacteristics", "standardLoopCharacteristics"})),
)
_DEFINITIONS_ORDER = {"import": 0, "extension": 1, "BPMNDiagram": 3, "relationship": 4}  # root elements: 2
_XSD_ONLY = frozenset(
    {
        "activity",
        "adHocSubProcess",
        "artifact",
        "baseElement",
        "baseElementWithMixedContent",
        "callChoreography",
        "catchEvent",
        "choreography",
        "choreographyActivity",
        "choreographyRef",
        "choreographyTask",
        "conversationNode",
        "event",
        "eventDefinition",
        "flowElement",
        "flowNode",
        "gateway",
        "globalBusinessRuleTask",
        "globalChoreographyTask",
        "globalManualTask",
        "globalScriptTask",
        "globalTask",
        "globalUserTask",
        "implicitThrowEvent",
        "loopCharacteristics",
        "loopCondition",
        "partnerEntity",
        "partnerRole",
        "rootElement",
        "standardLoopCharacteristics",
        "subChoreography",
        "throwEvent",
    }
)
"""Element names BPMN's XSD has (abstract ones included) that Zeebe 0.26's model does not register."""
_KNOWN = REGISTERED_BPMN_TYPES | _XSD_ONLY


def _namespace(element: Element) -> str:
    tag = element.tag
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _local_name(element: Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _ids_are_valid(doc: Document) -> bool:
    seen: set[str] = set()
    for element in doc.elements:
        element_id = element.get("id")
        if element_id is None or _namespace(element) not in _ID_NAMESPACES:
            continue
        if not _NCNAME.fullmatch(element_id.strip()) or element_id.strip() in seen:
            return False
        seen.add(element_id.strip())
    return True


def _attributes_are_valid(doc: Document, element: Element) -> bool:
    kind = local(element)
    if any(element.get(name) is None for name in _REQUIRED_ATTRIBUTES.get(kind, ())):
        return False
    if kind == "sequenceFlow" and not (element.get("sourceRef") in doc.by_id and element.get("targetRef") in doc.by_id):
        return False
    default = element.get("default")
    if default is not None and default not in doc.by_id:
        return False
    return all(
        element.get(name) is None or element.get(name, "").strip() in _XSD_BOOLEANS for name in _BOOLEAN_ATTRIBUTES
    )


def _is_ascending(ranks: list[int]) -> bool:
    return all(earlier <= later for earlier, later in pairwise(ranks))


def _children_are_valid(element: Element) -> bool:
    """Foreign elements only where the schema is open; the order of the shared child elements."""
    kind = local(element)
    if kind in _OPEN_CONTENT:
        return kind != "extensionElements" or all(_namespace(child) != BPMN_NS for child in element)
    children = [child for child in element if isinstance(child.tag, str)]
    for child in children:
        if _namespace(child) != BPMN_NS and not (kind == "definitions" and _namespace(child) == BPMNDI_NS):
            return False
    names = [_local_name(child) for child in children]
    if kind == "definitions":
        return _is_ascending([_DEFINITIONS_ORDER.get(name, 2) for name in names])
    if names.count("extensionElements") > 1:
        return False
    for kinds, group in _AT_MOST_ONE:
        if kind in kinds and sum(1 for name in names if name in group) > 1:
            return False
    common = {"documentation": 0, "extensionElements": 1, "incoming": 2, "outgoing": 3}
    if not _is_ascending([common.get(name, 4) for name in names]):
        return False
    if kind in ("process", "subProcess"):
        scope_ranks = [
            0 if name == "laneSet" else 1 if name in _FLOW_ELEMENTS else 2
            for name in names
            if name == "laneSet" or name in _FLOW_ELEMENTS or name in _ARTIFACTS
        ]
        return _is_ascending(scope_ranks)
    return True


def conforms_to_schema(doc: Document) -> bool:
    """True when the document passes the schema rules Zeebe's parser would reject it for."""
    if local(doc.definitions) != "definitions" or not _ids_are_valid(doc):
        return False
    for element in doc.elements:
        if _namespace(element) != BPMN_NS:
            continue
        if _local_name(element) not in _KNOWN:
            return False
        if not _attributes_are_valid(doc, element) or not _children_are_valid(element):
            return False
    return True
