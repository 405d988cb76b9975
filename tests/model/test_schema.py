"""The BPMN 2.0 schema Zeebe's parser validates against, before any Zeebe rule runs.

The XSD files are those of Zeebe 0.26.6's bpmn-model (`BPMN20.xsd`, `Semantic.xsd`, `BPMNDI.xsd`,
`DI.xsd`, `DC.xsd`); each case names the rule of XML Schema 1.0 (Xerces' error key) it breaks.
Zeebe answers every violation with the parser's text, `SAXException while parsing input stream`,
not with a validation report: for example `Semantic.xsd`'s `tTimerEventDefinition` is a `choice`
of one timer field, so a second one is not `Must be exactly one type of timer ...`.
"""

from __future__ import annotations

import pytest

from pytest_zeebe.model import ResourceKind, ResourceRejectedError, transform_resource

SAX = "SAXException while parsing input stream"


_NAMESPACES = (
    'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" '
    'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
    'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0" '
    'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)
_TASK = '<bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements>'


def _definitions(process_content: str, diagram: str = "", definitions_attributes: str = "") -> bytes:
    return (
        f'<bpmn:definitions {_NAMESPACES} id="d" targetNamespace="urn:t" {definitions_attributes}>'
        f'<bpmn:process id="p" isExecutable="true">{process_content}</bpmn:process>{diagram}'
        "</bpmn:definitions>"
    ).encode()


def _task(attributes: str = "", content: str = _TASK) -> str:
    return f'<bpmn:startEvent id="s" /><bpmn:serviceTask id="task" {attributes}>{content}</bpmn:serviceTask>'


def _plane(attributes: str = "", shape: str = "") -> str:
    return (
        f'<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="p" {attributes}>'
        f"{shape}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
    )


def _rejected(content: bytes) -> str:
    with pytest.raises(ResourceRejectedError) as rejected:
        transform_resource(content, ResourceKind.BPMN)
    return rejected.value.report


_TWO_TIMER_FIELDS = (
    '<bpmn:startEvent id="s"><bpmn:timerEventDefinition id="t">'
    "<bpmn:timeDuration>PT1M</bpmn:timeDuration><bpmn:timeCycle>R/PT1M</bpmn:timeCycle>"
    "</bpmn:timerEventDefinition></bpmn:startEvent>"
)
_TWO_CONDITIONS = (
    '<bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>'
    '<bpmn:exclusiveGateway id="g"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>'
    '</bpmn:exclusiveGateway><bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>'
    '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g" />'
    '<bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e">'
    "<bpmn:conditionExpression>=true</bpmn:conditionExpression>"
    "<bpmn:conditionExpression>=false</bpmn:conditionExpression></bpmn:sequenceFlow>"
)
_LOOP = (
    '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=xs" />'
    "</bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>"
)
_TWO_LOOPS = (
    '<bpmn:startEvent id="s" /><bpmn:serviceTask id="task"><bpmn:extensionElements>'
    f'<zeebe:taskDefinition type="t" /></bpmn:extensionElements>{_LOOP}{_LOOP}</bpmn:serviceTask>'
)


@pytest.mark.parametrize("content", [_TWO_TIMER_FIELDS, _TWO_CONDITIONS, _TWO_LOOPS])
def test_a_repeated_single_child_is_a_schema_violation(content: str) -> None:
    with pytest.raises(ResourceRejectedError) as rejected:
        transform_resource(_definitions(content), ResourceKind.BPMN)
    assert rejected.value.report == SAX


def test_a_timer_without_fields_is_reported_by_zeebe() -> None:
    content = '<bpmn:startEvent id="s"><bpmn:timerEventDefinition id="t" /></bpmn:startEvent>'
    with pytest.raises(ResourceRejectedError) as rejected:
        transform_resource(_definitions(content), ResourceKind.BPMN)
    assert rejected.value.report == (
        "- Element: t\n    - ERROR: Must be exactly one type of timer: timeDuration, timeDate or timeCycle\n"
    )


def test_one_of_each_deploys() -> None:
    single = _TWO_LOOPS.replace(_LOOP + _LOOP, _LOOP)
    assert transform_resource(_definitions(single), ResourceKind.BPMN).workflows[0].bpmn_process_id == "p"


@pytest.mark.parametrize(
    "content",
    [
        # cvc-complex-type.2.3: character content where the type allows only elements
        _definitions(_task(content=f"<bpmn:extensionElements>0ex{_TASK[25:]}")),  # a real file's stray text
        _definitions("stray text" + _task()),
        _definitions(_task(content=f"{_TASK}<bpmn:incoming>a</bpmn:incoming>x")),
        _definitions(_task(), _plane().replace("</bpmndi:BPMNPlane>", "\u00a0</bpmndi:BPMNPlane>")),
        # cvc-complex-type.3.2.2: an attribute without a namespace the type does not declare
        _definitions(_task(), _plane('stroke="#000" fill="#fff"')),  # Zeebe issue #8026, a modeller file
        _definitions(_task('foo="1"')),
        _definitions(
            '<bpmn:dataObject id="o" /><bpmn:dataObjectReference id="r" dataObjectRef="o" isCollection="true" />'
        ),
        # an attribute of another namespace where the type has no anyAttribute
        _definitions(_task(content=f'<bpmn:documentation camunda:foo="1">x</bpmn:documentation>{_TASK}')),
        _definitions(_task(), _plane().replace('id="diagram"', 'id="diagram" bioc:stroke="#000"')),
        _definitions(
            _task(),
            _plane(
                shape='<bpmndi:BPMNShape id="sh" bpmnElement="s"><dc:Bounds x="1" y="1" '
                'width="1" height="1" bioc:fill="#fff" /></bpmndi:BPMNShape>'
            ),
        ),
        # ##other excludes the schema's own namespace
        _definitions(_task('bpmn:foo="1"')),
        # cvc-complex-type.2.4: content models beyond the shared children
        _definitions(_task(content=f'{_TASK}<bpmn:multiInstanceLoopCharacteristics /><bpmn:property id="x" />')),
        _definitions(_task(content=f"<bpmn:documentation><a/><b/></bpmn:documentation>{_TASK}")),
        _definitions(_task(), _plane(shape='<bpmndi:BPMNShape id="sh" bpmnElement="s" />')),
        _definitions(
            _task(),
            _plane().replace(
                "</bpmndi:BPMNPlane>", "<di:extension><x:y xmlns:x='urn:x'/></di:extension></bpmndi:BPMNPlane>"
            ),
        ),
        # values of the attributes' simple types
        _definitions(_task(), definitions_attributes='exporterVersion="1"').replace(
            b'isExecutable="true"', b'isExecutable="yes"'
        ),
        _definitions('<bpmn:exclusiveGateway id="g" gatewayDirection="diverging" />' + _task()),
        _definitions('<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="tns:m" /></bpmn:startEvent>'),
        _definitions('<bpmn:exclusiveGateway id="g" default="missing" />' + _task()),
        _definitions(
            _task(),
            _plane(
                shape='<bpmndi:BPMNShape id="sh" bpmnElement="s"><dc:Bounds x="1px" y="1" '
                'width="1" height="1" /></bpmndi:BPMNShape>'
            ),
        ),
        # xsi:type must name a type derived from the declared one
        _definitions(
            '<bpmn:startEvent id="s"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tProcess">'
            "PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>"
        ),
        # abstract elements and types
        _definitions('<bpmn:event id="e" />' + _task()),
        # a BPMN element inside a foreign one is still validated (lax assessment)
        _definitions(
            _task(
                content='<bpmn:extensionElements><zeebe:taskDefinition type="t"><bpmn:documentation '
                'foo="1" /></zeebe:taskDefinition></bpmn:extensionElements>'
            )
        ),
    ],
)
def test_schema_violations_are_the_parser_failure(content: bytes) -> None:
    assert _rejected(content) == SAX


@pytest.mark.parametrize(
    "content",
    [
        # anyAttribute namespace="##other" on tBaseElement, tDefinitions and di:DiagramElement
        _definitions(_task('camunda:asyncBefore="true"'), definitions_attributes='camunda:exporter="x"'),
        _definitions(
            _task(),
            _plane(
                'bioc:stroke="#000"',
                '<bpmndi:BPMNShape id="sh" bpmnElement="s" bioc:fill="#f"'
                ' color:background-color="#f" xmlns:color="urn:c"><dc:Bounds'
                ' x="1" y="1" width="1" height="1" /></bpmndi:BPMNShape>',
            ),
        ),
        # whitespace, comments and entity-free text where only elements are allowed
        _definitions(f"\n  <!-- a comment -->\n  {_task()}\n"),
        # mixed content: documentation holds text (a foreign element there fails Zeebe's model instead)
        _definitions(_task(content=f"<bpmn:documentation>Some &lt;b&gt; text</bpmn:documentation>{_TASK}")),
        # xsi:type naming the declared type or a derived one, as modellers write it
        _definitions(
            '<bpmn:startEvent id="s"><bpmn:timerEventDefinition><bpmn:timeDuration '
            'xsi:type="bpmn:tFormalExpression">PT1M</bpmn:timeDuration></bpmn:timerEventDefinition>'
            "</bpmn:startEvent>"
        ),
        # XSD values: booleans 1/0, doubles with exponents, QNames with declared prefixes
        _definitions(
            _task(),
            _plane(
                shape='<bpmndi:BPMNShape id="sh" bpmnElement="bpmn:s" isExpanded="1"><dc:Bounds'
                ' x="1e2" y="-1.5" width=" 1 " height="INF" /></bpmndi:BPMNShape>'
            ),
        ),
    ],
)
def test_what_the_schema_admits(content: bytes) -> None:
    assert transform_resource(content, ResourceKind.BPMN).workflows
