"""XML-schema validation of a BPMN document, as Zeebe's parser applies it.

Zeebe 0.26 parses resources with validation against the BPMN 2.0 schemas on (camunda-xml-model's
`AbstractModelParser`, JAXP with Xerces), and answers any violation with the parser's exception
text, `SAXException while parsing input stream`, before any validation report. This module
checks a document against the schemas' declarations (:mod:`pytest_zeebe.model.xsd`, compiled by
:mod:`pytest_zeebe.model.schema_model`) the way Xerces does:

* each element's content must match its type's content model (sequence, choice, occurrences,
  substitution groups, wildcards), and an element-only type admits no character content other
  than whitespace (`cvc-complex-type.2.3`, e.g. text directly in `bpmn:process`);
* an attribute without a namespace must be declared by the type (`cvc-complex-type.3.2.2`, e.g.
  `stroke` on `bpmndi:BPMNPlane`, Zeebe issue #8026); attributes of other namespaces are allowed
  where the type has `anyAttribute namespace="##other"`, which BPMN base elements and diagram
  elements have, and `bpmn:documentation`, `bpmndi:BPMNDiagram` or `dc:Bounds` have not;
* required attributes, attribute and text values of their simple types (booleans, numbers,
  QNames with a declared prefix, enumerations), unique ids and resolvable IDREFs;
* `xsi:type` must name a type derived from the declared one; abstract types and elements are
  refused;
* foreign elements are assessed laxly (Xerces gives them `anyType`), so inside them a BPMN
  element with a global declaration is still validated, and a strict wildcard (`di:extension`)
  refuses what no schema declares.

Two approximations are documented in docs/deployment.md: `xsd:anyURI` values are not checked, and
names (`xsd:NCName`) are checked with Unicode word characters rather than XML's exact tables.
"""

from __future__ import annotations

import re
from typing import Final

from pytest_zeebe.model.document import Document, Element
from pytest_zeebe.model.schema_model import PREFIXES, ComplexType, Leaf, QName, Schema, schema
from pytest_zeebe.model.xml import BPMN_NS

_XSI_NS: Final = "http://www.w3.org/2001/XMLSchema-instance"
_XSI_KNOWN: Final = frozenset({"type", "nil", "schemaLocation", "noNamespaceSchemaLocation"})
_XML_WHITESPACE: Final = " \t\r\n"
_NCNAME: Final = re.compile(r"[^\W\d][\w.\-]*")
_LEXICAL: Final = {
    "boolean": re.compile(r"true|false|1|0"),
    "integer": re.compile(r"[+-]?[0-9]+"),
    "int": re.compile(r"[+-]?[0-9]+"),
    "double": re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|-?INF|NaN"),
}


class _Invalid(Exception):
    """Raised at the first schema violation (Zeebe's text names none in particular)."""


def conforms_to_schema(doc: Document) -> bool:
    """True when Zeebe's schema-validating parser accepts the document."""
    if doc.definitions.tag != f"{{{BPMN_NS}}}definitions":
        return False
    validation = _Validation(schema())
    try:
        validation.run(doc.definitions)
    except _Invalid:
        return False
    return True


class _Validation:
    """One document's walk: Xerces' checks, element by element, plus the id registry.

    The walk keeps its own stack of elements still to check (no recursion, whatever the depth);
    an element waits there with its type, or with None to be assessed laxly.
    """

    def __init__(self, declarations: Schema) -> None:
        self.schema = declarations
        self.ids: set[str] = set()
        self.references: list[str] = []
        self.pending: list[tuple[Element, str | None]] = []

    def run(self, root: Element) -> None:
        self.pending.append((root, "tDefinitions"))
        while self.pending:
            element, type_name = self.pending.pop()
            if type_name is None:
                self._lax(element)
            else:
                self.element(element, type_name)
        if any(reference not in self.ids for reference in self.references):
            raise _Invalid  # cvc-id.1: every IDREF names an id of the document

    def element(self, element: Element, type_name: str) -> None:
        """Validate `element` as an instance of `type_name` (`xsi:type` may name a derived one)."""
        schema = self.schema
        substitute = element.get(f"{{{_XSI_NS}}}type")
        if substitute is not None:
            resolved = self._type_named(element, substitute)
            if resolved is None or not schema.derives(resolved, type_name):
                raise _Invalid  # cvc-elt.4.2 / 4.3
            type_name = resolved
        if element.get(f"{{{_XSI_NS}}}nil") is not None:
            raise _Invalid  # cvc-elt.3.1: no element is nillable
        if type_name.startswith("xsd:"):
            self._simple_element(element, type_name.removeprefix("xsd:"))
            return
        kind = schema.types[type_name]
        if kind.abstract:
            raise _Invalid  # cvc-type.2
        self._attributes(element, kind)
        self._content(element, kind)

    def _type_named(self, element: Element, value: str) -> str | None:
        prefix, _, local = value.strip(_XML_WHITESPACE).rpartition(":")
        table_prefix = PREFIXES.get(element.nsmap.get(prefix or None) or "")
        if table_prefix is None:
            return None
        name = f"{table_prefix}:{local}" if table_prefix else local
        return name if name in self.schema.types else None

    def _simple_element(self, element: Element, type_name: str) -> None:
        """`cvc-type.3.1`: no attributes but xsi's, no child elements, a valid value."""
        if any(_namespace_of(str(name)) != _XSI_NS for name in element.attrib):
            raise _Invalid
        if any(isinstance(child.tag, str) for child in element):
            raise _Invalid
        self._value(element, type_name, element.text or "")

    def _attributes(self, element: Element, kind: ComplexType) -> None:
        declared = kind.attributes
        for raw_name, raw_value in element.attrib.items():
            name, value = str(raw_name), str(raw_value)
            namespace = _namespace_of(name)
            if not namespace:
                if name not in declared:
                    raise _Invalid  # cvc-complex-type.3.2.2
                self._value(element, declared[name][0], value)
            elif namespace == _XSI_NS and _local_of(name) in _XSI_KNOWN:
                continue
            elif kind.open_namespace is None or namespace == kind.open_namespace:
                raise _Invalid  # no attribute wildcard admits it
        if any(required and name not in element.attrib for name, (_, required) in declared.items()):
            raise _Invalid  # cvc-complex-type.4

    def _value(self, element: Element, type_name: str, value: str) -> None:
        """A value of a simple type; all but strings and enumerations collapse their whitespace."""
        if type_name == "string":
            return
        if type_name in self.schema.enumerations:
            values = self.schema.enumerations[type_name]
            if "*" not in values and value not in values:
                raise _Invalid
            return
        collapsed = " ".join(part for part in re.split(f"[{_XML_WHITESPACE}]+", value) if part)
        if type_name in _LEXICAL:
            if not _LEXICAL[type_name].fullmatch(collapsed):
                raise _Invalid
            if type_name == "int" and not -(2**31) <= int(collapsed) < 2**31:
                raise _Invalid
        elif type_name in ("ID", "IDREF"):
            if not _NCNAME.fullmatch(collapsed):
                raise _Invalid
            if type_name == "IDREF":
                self.references.append(collapsed)
            elif collapsed in self.ids:
                raise _Invalid  # cvc-id.2
            else:
                self.ids.add(collapsed)
        elif type_name == "QName":
            prefix, _, local = collapsed.rpartition(":")
            if not _NCNAME.fullmatch(local) or (
                prefix and (not _NCNAME.fullmatch(prefix) or prefix not in element.nsmap)
            ):
                raise _Invalid
        # anyURI: not checked (docs/deployment.md)

    def _content(self, element: Element, kind: ComplexType) -> None:
        """The children against the content model; character content only in mixed types."""
        if not kind.mixed and not _blank(element.text):
            raise _Invalid  # cvc-complex-type.2.3
        states = kind.model.start
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if not kind.mixed and not _blank(child.tail):
                raise _Invalid  # cvc-complex-type.2.3
            name = (_namespace_of(child.tag), _local_of(child.tag))
            step = self.schema.step(kind.model, states, name)
            if step is None:
                raise _Invalid  # cvc-complex-type.2.4: not expected here
            states, leaf = step
            self._child(child, name, leaf)
        if kind.model.accept not in states:
            raise _Invalid  # cvc-complex-type.2.4.b: content incomplete

    def _child(self, child: Element, name: QName, leaf: Leaf) -> None:
        """Queue a child with its type: a local element's, else its global declaration's; a
        wildcard's match without a declaration is assessed laxly, or refused if strict."""
        if leaf.local_type is not None:
            self.pending.append((child, leaf.local_type))
            return
        declaration = self.schema.elements.get(name)
        if declaration is not None:
            type_name, abstract = declaration
            if abstract:
                raise _Invalid  # cvc-elt.2
            self.pending.append((child, type_name))
        elif leaf.process == "strict" and child.get(f"{{{_XSI_NS}}}type") is None:
            raise _Invalid  # cvc-complex-type.2.4.c
        else:
            self.pending.append((child, None))

    def _lax(self, element: Element) -> None:
        """An element no schema declares is assessed as `anyType`: its children laxly too."""
        substitute = element.get(f"{{{_XSI_NS}}}type")
        if substitute is not None:
            resolved = self._type_named(element, substitute)
            if resolved is None:
                raise _Invalid
            self.pending.append((element, resolved))
            return
        for child in element:
            if not isinstance(child.tag, str):
                continue
            declaration = self.schema.elements.get((_namespace_of(child.tag), _local_of(child.tag)))
            if declaration is not None and declaration[1]:
                raise _Invalid  # cvc-elt.2
            self.pending.append((child, None if declaration is None else declaration[0]))


def _namespace_of(name: str) -> str:
    return name[1:].partition("}")[0] if name.startswith("{") else ""


def _local_of(name: str) -> str:
    return name.rpartition("}")[2]


def _blank(text: str | None) -> bool:
    return not text or not text.strip(_XML_WHITESPACE)
