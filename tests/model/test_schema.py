"""Schema multiplicities Zeebe's XSD validation enforces before any Zeebe rule runs.

BPMN20 `Semantic.xsd` (bundled with Zeebe 0.26's bpmn-model): `tTimerEventDefinition` is a
`choice` of one timer field, `tSequenceFlow` has at most one `conditionExpression`, `tActivity`
at most one `loopCharacteristics`. A second one is a schema violation, so Zeebe answers with the
parser's SAX text, not with `Must be exactly one type of timer ...` or by reading the first one.
"""

from __future__ import annotations

import pytest

from pytest_zeebe.model import ResourceKind, ResourceRejectedError, transform_resource

SAX = "SAXException while parsing input stream"


def _definitions(process_content: str) -> bytes:
    return (
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="urn:t">'
        f'<bpmn:process id="p" isExecutable="true">{process_content}</bpmn:process>'
        "</bpmn:definitions>"
    ).encode()


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
