"""A small BPMN writer for tests: a workflow in a few readable lines instead of a page of XML.

    p = Process("order")
    p.start("s").task("pay", "payment").end("e")          # chained: each element follows the last
    xml = p.xml()

Elements added with `then=False` start a new chain; `flow(a, b, condition=...)` connects any two.
Flow ids are `<source>-<target>` unless given. The output is plain BPMN 2.0 with `zeebe:` extensions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
ZEEBE = "http://camunda.org/schema/zeebe/1.0"


@dataclass
class _Element:
    tag: str
    id: str
    attributes: dict[str, str] = field(default_factory=dict)
    body: str = ""


class Scope:
    """A process or sub-process being written."""

    def __init__(self, element_id: str) -> None:
        self.id = element_id
        self._elements: list[_Element] = []
        self._flows: list[tuple[str, str, str, str | None]] = []
        self._last: str | None = None
        self._scopes: dict[str, Scope] = {}

    def _add(self, tag: str, element_id: str, body: str = "", *, then: bool = True, **attributes: str) -> Scope:
        self._elements.append(_Element(tag, element_id, attributes, body))
        if then and self._last is not None:
            self.flow(self._last, element_id)
        self._last = element_id
        return self

    def flow(self, source: str, target: str, *, flow_id: str | None = None, condition: str | None = None) -> Scope:
        """A sequence flow; a condition is a FEEL text without '=' (it is added)."""
        self._flows.append((flow_id or f"{source}-{target}", source, target, condition))
        return self

    def after(self, element_id: str) -> Scope:
        """Continue the chain after `element_id`."""
        self._last = element_id
        return self

    def start(self, element_id: str = "start", *, then: bool = False, outputs: dict[str, str] | None = None) -> Scope:
        return self._add("startEvent", element_id, _io(None, outputs), then=then)

    def end(self, element_id: str = "end", *, then: bool = True) -> Scope:
        return self._add("endEvent", element_id, then=then)

    def task(
        self,
        element_id: str,
        job_type: str,
        *,
        retries: str | None = None,
        headers: dict[str, str] | None = None,
        inputs: dict[str, str] | None = None,
        outputs: dict[str, str] | None = None,
        then: bool = True,
    ) -> Scope:
        """A service task; `inputs`/`outputs` map target -> source (FEEL, '=' added)."""
        retries_attr = f" retries={quoteattr(retries)}" if retries is not None else ""
        header_xml = ""
        if headers:
            items = "".join(f"<zeebe:header key={quoteattr(k)} value={quoteattr(v)}/>" for k, v in headers.items())
            header_xml = f"<zeebe:taskHeaders>{items}</zeebe:taskHeaders>"
        definition = f"<zeebe:taskDefinition type={quoteattr(job_type)}{retries_attr}/>"
        body = f"<bpmn:extensionElements>{definition}{header_xml}{_mappings(inputs, outputs)}</bpmn:extensionElements>"
        return self._add("serviceTask", element_id, body, then=then)

    def xor(self, element_id: str, *, default: str | None = None, then: bool = True) -> Scope:
        attributes = {"default": default} if default else {}
        return self._add("exclusiveGateway", element_id, then=then, **attributes)

    def parallel(self, element_id: str, *, then: bool = True) -> Scope:
        return self._add("parallelGateway", element_id, then=then)

    def sub_process(
        self,
        element_id: str,
        *,
        inputs: dict[str, str] | None = None,
        outputs: dict[str, str] | None = None,
        then: bool = True,
    ) -> Scope:
        """An embedded sub-process; fill it through `scope(element_id)`."""
        self._scopes[element_id] = Scope(element_id)
        self._add("subProcess", element_id, then=then)
        self._elements[-1].attributes["__io"] = _io(inputs, outputs)
        return self

    def scope(self, element_id: str) -> Scope:
        return self._scopes[element_id]

    def raw(self, xml: str) -> Scope:
        """Any other element, as XML (`bpmn:` and `zeebe:` prefixes are declared)."""
        self._elements.append(_Element("", "", {}, xml))
        return self

    def _xml(self) -> str:
        parts = []
        for element in self._elements:
            if not element.tag:
                parts.append(element.body)
                continue
            attributes = dict(element.attributes)
            io = attributes.pop("__io", "")
            text = "".join(f" {k}={quoteattr(v)}" for k, v in attributes.items())
            inner = element.body + io
            if element.id in self._scopes:
                inner += self._scopes[element.id]._xml()
            parts.append(f"<bpmn:{element.tag} id={quoteattr(element.id)}{text}>{inner}</bpmn:{element.tag}>")
        for flow_id, source, target, condition in self._flows:
            body = ""
            if condition is not None:
                expression = f"={escape(condition)}"
                body = f'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{expression}'
                body += "</bpmn:conditionExpression>"
            parts.append(
                f"<bpmn:sequenceFlow id={quoteattr(flow_id)} sourceRef={quoteattr(source)} "
                f"targetRef={quoteattr(target)}>{body}</bpmn:sequenceFlow>"
            )
        return "\n".join(parts)


def _mappings(inputs: dict[str, str] | None, outputs: dict[str, str] | None) -> str:
    if not inputs and not outputs:
        return ""
    items = "".join(
        f"<zeebe:input source={quoteattr('=' + s)} target={quoteattr(t)}/>" for t, s in (inputs or {}).items()
    )
    items += "".join(
        f"<zeebe:output source={quoteattr('=' + s)} target={quoteattr(t)}/>" for t, s in (outputs or {}).items()
    )
    return f"<zeebe:ioMapping>{items}</zeebe:ioMapping>"


def _io(inputs: dict[str, str] | None, outputs: dict[str, str] | None) -> str:
    mappings = _mappings(inputs, outputs)
    return f"<bpmn:extensionElements>{mappings}</bpmn:extensionElements>" if mappings else ""


class Process(Scope):
    """An executable process; `xml()` gives the whole definitions document."""

    def xml(self) -> bytes:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<bpmn:definitions xmlns:bpmn="{BPMN}" xmlns:zeebe="{ZEEBE}" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="definitions" targetNamespace="urn:test">\n'
            f'<bpmn:process id="{self.id}" isExecutable="true">\n{self._xml()}\n</bpmn:process>\n'
            "</bpmn:definitions>\n"
        ).encode()
