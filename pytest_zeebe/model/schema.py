"""The few BPMN 2.0 schema rules a deployment trips over in practice.

Zeebe parses resources with XML-schema validation on; any schema violation surfaces as the parser's
exception, `SAXException while parsing input stream`, exactly like a file that is not XML at all.
Rather than shipping the OMG schemas, this module checks the rules hand-written and generated files
actually break: the root element, unique well-formed ids, the required and IDREF attributes of
sequence flows and boundary events, and boolean attributes. Element order inside an element and
the other constraints of the schema are not checked (see docs/deployment.md).
"""

from __future__ import annotations

import re

from pytest_zeebe.model.document import Document, Element, local
from pytest_zeebe.model.xml import BPMN_NS

_ID_NAMESPACES = (
    BPMN_NS,
    "http://www.omg.org/spec/BPMN/20100524/DI",
    "http://www.omg.org/spec/DD/20100524/DI",
)
_NCNAME = re.compile(r"[^\W\d][\w.\-]*")
_BOOLEAN_ATTRIBUTES = ("isExecutable", "cancelActivity", "triggeredByEvent", "isInterrupting", "isSequential")
_XSD_BOOLEANS = frozenset({"true", "false", "1", "0"})


def _namespace(element: Element) -> str:
    tag = element.tag
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


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


def _element_is_valid(doc: Document, element: Element) -> bool:
    kind = local(element)
    if kind == "sequenceFlow":
        source, target = element.get("sourceRef"), element.get("targetRef")
        if source is None or target is None or source not in doc.by_id or target not in doc.by_id:
            return False
    if kind == "boundaryEvent" and element.get("attachedToRef") is None:
        return False
    default = element.get("default")
    if kind and default is not None and default not in doc.by_id:
        return False
    return all(
        element.get(name) is None or element.get(name, "").strip() in _XSD_BOOLEANS
        for name in _BOOLEAN_ATTRIBUTES
    )


def conforms_to_schema(doc: Document) -> bool:
    """True when the document passes the schema rules Zeebe's parser would reject it for."""
    if local(doc.definitions) != "definitions":
        return False
    if not _ids_are_valid(doc):
        return False
    return all(_element_is_valid(doc, element) for element in doc.elements if local(element))
