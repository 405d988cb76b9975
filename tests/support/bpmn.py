"""A small BPMN writer for tests: a workflow in a few readable lines instead of a page of XML.

    p = Process("order")
    p.start("s").task("pay", "payment").end("e")          # chained: each element follows the last
    xml = p.xml()

Elements added with `then=False` start a new chain; `flow(a, b, condition=...)` connects any two.
Flow ids are `<source>-<target>` unless given. The output is plain BPMN 2.0 with `zeebe:` extensions.
Activities take `loop=Loop(...)` for multi-instance characteristics.

Events: `message=("name", "correlationKeyExpression")` (the key without '='), `timer=("duration",
"PT1H")` (or "date", "cycle"), `error="code"`; a boundary event starts a new chain from itself:

    p.start().task("pay", "payment").end()
    p.boundary("late", "pay", timer=("duration", "PT1H")).end("cancelled")
    p.event_sub_process("esp", interrupting=False).start("esp-start", message=("ping", "id")).end("esp-end")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
ZEEBE = "http://camunda.org/schema/zeebe/1.0"


@dataclass(frozen=True)
class Loop:
    """`bpmn:multiInstanceLoopCharacteristics`; expressions are FEEL texts without '=' (it is added)."""

    input_collection: str
    input_element: str | None = None
    output_collection: str | None = None
    output_element: str | None = None
    sequential: bool = False

    def xml(self) -> str:
        attributes = {
            "inputCollection": f"={self.input_collection}",
            "inputElement": self.input_element,
            "outputCollection": self.output_collection,
            "outputElement": f"={self.output_element}" if self.output_element is not None else None,
        }
        text = "".join(f" {k}={quoteattr(v)}" for k, v in attributes.items() if v is not None)
        sequential = ' isSequential="true"' if self.sequential else ""
        return (
            f"<bpmn:multiInstanceLoopCharacteristics{sequential}><bpmn:extensionElements>"
            f"<zeebe:loopCharacteristics{text}/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>"
        )


def _loop(loop: Loop | None) -> str:
    return loop.xml() if loop is not None else ""


@dataclass
class _Element:
    tag: str
    id: str
    attributes: dict[str, str] = field(default_factory=dict)
    body: str = ""


Message = tuple[str, str]
Timer = tuple[str, str]
_TIMER_TAGS = {"duration": "timeDuration", "date": "timeDate", "cycle": "timeCycle"}


class _Roots:
    """The `bpmn:message` and `bpmn:error` elements the process's events refer to."""

    def __init__(self) -> None:
        self.xml: list[str] = []

    def message(self, name: str, key: str | None) -> str:
        ref = f"message-{len(self.xml)}"
        subscription = (
            f"<bpmn:extensionElements><zeebe:subscription correlationKey={quoteattr('=' + key)}/>"
            "</bpmn:extensionElements>"
            if key is not None
            else ""
        )
        self.xml.append(f"<bpmn:message id={quoteattr(ref)} name={quoteattr(name)}>{subscription}</bpmn:message>")
        return ref

    def error(self, code: str) -> str:
        ref = f"error-{len(self.xml)}"
        self.xml.append(f"<bpmn:error id={quoteattr(ref)} errorCode={quoteattr(code)}/>")
        return ref


class Scope:
    """A process or sub-process being written."""

    def __init__(self, element_id: str, roots: _Roots | None = None) -> None:
        self.id = element_id
        self._roots = roots or _Roots()
        self._elements: list[_Element] = []
        self._flows: list[tuple[str, str, str, str | None]] = []
        self._last: str | None = None
        self._scopes: dict[str, Scope] = {}

    def _definition(self, message: Message | None, timer: Timer | None, error: str | None) -> str:
        """The event definition for a message, a timer or an error (or none)."""
        if message is not None:
            name, key = message
            return f'<bpmn:messageEventDefinition messageRef="{self._roots.message(name, key)}"/>'
        if timer is not None:
            kind, text = timer
            tag = _TIMER_TAGS[kind]
            return f"<bpmn:timerEventDefinition><bpmn:{tag}>{escape(text)}</bpmn:{tag}></bpmn:timerEventDefinition>"
        if error is not None:
            return f'<bpmn:errorEventDefinition errorRef="{self._roots.error(error)}"/>'
        return ""

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

    def start(
        self,
        element_id: str = "start",
        *,
        then: bool = False,
        outputs: dict[str, str] | None = None,
        message: Message | None = None,
        timer: Timer | None = None,
        error: str | None = None,
        interrupting: bool | None = None,
    ) -> Scope:
        """A start event; a message start event at process level needs no key: `message=("name", None)`."""
        attributes = {} if interrupting is None else {"isInterrupting": str(interrupting).lower()}
        body = _io(None, outputs) + self._definition(message, timer, error)
        return self._add("startEvent", element_id, body, then=then, **attributes)

    def end(self, element_id: str = "end", *, then: bool = True, error: str | None = None) -> Scope:
        return self._add("endEvent", element_id, self._definition(None, None, error), then=then)

    def receive(
        self,
        element_id: str,
        message: Message,
        *,
        inputs: dict[str, str] | None = None,
        outputs: dict[str, str] | None = None,
        loop: Loop | None = None,
        then: bool = True,
    ) -> Scope:
        """A receive task waiting for `message` (name, correlation key expression without '=')."""
        name, key = message
        ref = self._roots.message(name, key)
        return self._add("receiveTask", element_id, _io(inputs, outputs) + _loop(loop), then=then, messageRef=ref)

    def catch(
        self,
        element_id: str,
        *,
        message: Message | None = None,
        timer: Timer | None = None,
        inputs: dict[str, str] | None = None,
        outputs: dict[str, str] | None = None,
        then: bool = True,
    ) -> Scope:
        """An intermediate message or timer catch event."""
        body = _io(inputs, outputs) + self._definition(message, timer, None)
        return self._add("intermediateCatchEvent", element_id, body, then=then)

    def boundary(
        self,
        element_id: str,
        attached_to: str,
        *,
        message: Message | None = None,
        timer: Timer | None = None,
        error: str | None = None,
        interrupting: bool = True,
        outputs: dict[str, str] | None = None,
    ) -> Scope:
        """A boundary event on `attached_to`; the chain continues from it."""
        body = _io(None, outputs) + self._definition(message, timer, error)
        attributes = {"attachedToRef": attached_to, "cancelActivity": str(interrupting).lower()}
        return self._add("boundaryEvent", element_id, body, then=False, **attributes)

    def event_gateway(self, element_id: str, *, then: bool = True) -> Scope:
        return self._add("eventBasedGateway", element_id, then=then)

    def event_sub_process(self, element_id: str) -> Scope:
        """An event sub-process in this scope; returns it, to be filled (one start event)."""
        self._scopes[element_id] = Scope(element_id, self._roots)
        self._elements.append(_Element("subProcess", element_id, {"triggeredByEvent": "true"}))
        return self._scopes[element_id]

    def task(
        self,
        element_id: str,
        job_type: str,
        *,
        retries: str | None = None,
        headers: dict[str, str] | None = None,
        inputs: dict[str, str] | None = None,
        outputs: dict[str, str] | None = None,
        loop: Loop | None = None,
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
        return self._add("serviceTask", element_id, body + _loop(loop), then=then)

    def call(
        self,
        element_id: str,
        process_id: str,
        *,
        propagate_all: bool | None = None,
        inputs: dict[str, str] | None = None,
        outputs: dict[str, str] | None = None,
        loop: Loop | None = None,
        then: bool = True,
    ) -> Scope:
        """A call activity of `process_id` (a static id, or '=expression')."""
        propagate = (
            f" propagateAllChildVariables={quoteattr(str(propagate_all).lower())}" if propagate_all is not None else ""
        )
        called = f"<zeebe:calledElement processId={quoteattr(process_id)}{propagate}/>"
        body = f"<bpmn:extensionElements>{called}{_mappings(inputs, outputs)}</bpmn:extensionElements>"
        return self._add("callActivity", element_id, body + _loop(loop), then=then)

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
        loop: Loop | None = None,
        then: bool = True,
    ) -> Scope:
        """An embedded sub-process; fill it through `scope(element_id)`."""
        self._scopes[element_id] = Scope(element_id, self._roots)
        self._add("subProcess", element_id, then=then)
        self._elements[-1].attributes["__io"] = _io(inputs, outputs) + _loop(loop)
        return self

    def scope(self, element_id: str) -> Scope:
        return self._scopes[element_id]

    def raw(self, xml: str) -> Scope:
        """Any other element, as XML (`bpmn:` and `zeebe:` prefixes are declared)."""
        self._elements.append(_Element("", "", {}, xml))
        return self

    def _refs(self, element_id: str) -> str:
        """The element's flows as Zeebe's model reads them (its `incoming`/`outgoing` children)."""
        incoming = "".join(f"<bpmn:incoming>{f}</bpmn:incoming>" for f, _, t, _ in self._flows if t == element_id)
        outgoing = "".join(f"<bpmn:outgoing>{f}</bpmn:outgoing>" for f, s, _, _ in self._flows if s == element_id)
        return incoming + outgoing

    def _xml(self) -> str:
        parts = []
        for element in self._elements:
            if not element.tag:
                parts.append(element.body)
                continue
            attributes = dict(element.attributes)
            io = attributes.pop("__io", "")
            text = "".join(f" {k}={quoteattr(v)}" for k, v in attributes.items())
            inner = _with_refs(element.body + io, self._refs(element.id))
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


def _with_refs(body: str, refs: str) -> str:
    """`bpmn:incoming`/`bpmn:outgoing` go after the extension elements, before event definitions."""
    end = "</bpmn:extensionElements>"
    if body.startswith("<bpmn:extensionElements>"):
        split = body.index(end) + len(end)
        return body[:split] + refs + body[split:]
    return refs + body


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
            + "\n".join(self._roots.xml)
            + "\n</bpmn:definitions>\n"
        ).encode()
