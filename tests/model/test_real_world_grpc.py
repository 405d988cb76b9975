"""Issue #11 through the gateway: what real files meet in Zeebe 0.26, and what we now answer too.

Each case names its source: the XML Schema rule Xerces reports (the XSD files are Zeebe 0.26.6's
bpmn-model resources), a Zeebe issue or test, or feel-scala 1.12.4. A schema violation is the
parser failure `SAXException while parsing input stream`, in place of the validation report.
"""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from pytest_zeebe.errors import InvalidResourceError
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.client import GatewayClient

PREFIX = (
    "Command 'CREATE' rejected with code 'INVALID_ARGUMENT': "
    "Expected to deploy new resources, but encountered the following errors:\n"
)
SAX = "SAXException while parsing input stream"
_NAMESPACES = (
    'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" '
    'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
    'xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
    'xmlns:modeler="http://camunda.org/schema/modeler/1.0"'
)
_TASK_DEFINITION = '<zeebe:taskDefinition type="console-log" />'


def _bpmn(
    *,
    task_attributes: str = "",
    extension: str = _TASK_DEFINITION,
    before_task: str = "",
    plane_attributes: str = "",
    shape_attributes: str = "",
    definitions_attributes: str = "",
    condition: str = "=x > 1",
) -> bytes:
    """A modeller-shaped process: a service task, an exclusive gateway with a condition, a diagram."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions {_NAMESPACES} id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn"
    exporter="Zeebe Modeler" exporterVersion="0.11.0" {definitions_attributes}>
  <bpmn:process id="real-world" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="task" />
    {before_task}
    <bpmn:serviceTask id="task" name="log" {task_attributes}>
      <bpmn:extensionElements>
        {extension}
      </bpmn:extensionElements>
      <bpmn:incoming>f0</bpmn:incoming>
      <bpmn:outgoing>f1</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f1" sourceRef="task" targetRef="gateway" />
    <bpmn:exclusiveGateway id="gateway" default="f3">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="f2" sourceRef="gateway" targetRef="end">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{condition}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f3" sourceRef="gateway" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="real-world" {plane_attributes}>
      <bpmndi:BPMNShape id="task_di" bpmnElement="task" {shape_attributes}>
        <dc:Bounds x="240" y="80" width="100" height="80" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
""".encode()


@pytest.fixture
def client(zeebe: ZeebeHarness) -> Iterator[GatewayClient]:
    gateway = GatewayClient(zeebe.address)
    yield gateway
    gateway.close()


def _rejection(client: GatewayClient, content: bytes) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as failure:
        client.deploy_file("real-world.bpmn", content)
    return failure.value.code(), failure.value.details()


def test_the_modeller_shaped_process_deploys(client: GatewayClient) -> None:
    assert client.deploy_file("real-world.bpmn", _bpmn()).workflows[0].bpmnProcessId == "real-world"


@pytest.mark.parametrize(
    "content",
    [
        # cvc-complex-type.2.3: tExtensionElements admits elements only (a stray `0ex`, as in
        # zeebe-client-node-js's test data `msg-start-simple.bpmn`)
        _bpmn(extension=f"0ex\n{_TASK_DEFINITION}"),
        # cvc-complex-type.2.3: tProcess admits elements only
        _bpmn(before_task="text directly in the process"),
        # cvc-complex-type.3.2.2: bpmndi:BPMNPlane declares bpmnElement and id only (Zeebe issue #8026)
        _bpmn(plane_attributes='stroke="rgb(0, 0, 0)" fill="white"'),
        # cvc-complex-type.3.2.2: tServiceTask declares no `foo`
        _bpmn(task_attributes='foo="1"'),
        # cvc-complex-type.3.2.2: tDataObjectReference declares itemSubjectRef and dataObjectRef only
        _bpmn(before_task='<bpmn:dataObjectReference id="ref" isCollection="true" />'),
    ],
)
def test_schema_violations_are_the_parser_failure(client: GatewayClient, content: bytes) -> None:
    assert _rejection(client, content) == (grpc.StatusCode.INVALID_ARGUMENT, f"{PREFIX}'real-world.bpmn': {SAX}")


def test_attributes_of_other_namespaces_deploy(client: GatewayClient) -> None:
    """`anyAttribute namespace="##other"` on tBaseElement, tDefinitions and di:DiagramElement."""
    content = _bpmn(
        task_attributes='camunda:asyncBefore="true"',
        plane_attributes='bioc:stroke="#000"',
        shape_attributes='bioc:stroke="#1e88e5" bioc:fill="#bbdefb"',
        definitions_attributes='modeler:executionPlatform="Camunda Cloud"',
    )
    assert client.deploy_file("real-world.bpmn", content).workflows[0].bpmnProcessId == "real-world"


def test_a_process_of_2_4_mb_deploys(client: GatewayClient) -> None:
    """Zeebe 0.26 checks no resource size; only gRPC's 4 MB per request applies."""
    process = b'<bpmn:process id="real-world" isExecutable="true">'
    documentation = b"<bpmn:documentation>" + b"x" * 2_400_000 + b"</bpmn:documentation>"
    content = _bpmn().replace(process, process + documentation)
    assert client.deploy_file("real-world.bpmn", content).workflows[0].bpmnProcessId == "real-world"


def test_zeebe_deploy_refuses_what_the_gateway_would(zeebe: ZeebeHarness) -> None:
    """The same 4 MB rule in process: grpcio's RESOURCE_EXHAUSTED text, as a Python error."""
    content = _bpmn() + b"<!--" + b"x" * (4 * 1024 * 1024) + b"-->"
    with pytest.raises(InvalidResourceError) as error:
        zeebe.deploy(("real-world.bpmn", content))
    request_size = len(content) + 27  # the protobuf framing of one resource named real-world.bpmn
    assert str(error.value) == f"RESOURCE_EXHAUSTED: Received message larger than max ({request_size} vs. 4194304)"


@pytest.mark.parametrize(
    ("condition", "report"),
    [
        # feel-scala 1.12.4 FeelEngineTest: "fail to parse an expression 'x+'"
        ("=x+", "[1.2] failure: end of input expected\n\nx+\n ^"),
        # derived: 1.12 reads no reserved word as a name
        ("=then = true", "[1.1] failure: '{' expected but 't' found\n\nthen = true\n^"),
        # derived: 1.12 stops after `order.items[1]` (feel-scala issue #258)
        ("=order.items[1].price", "[1.15] failure: end of input expected\n\norder.items[1].price\n              ^"),
        # derived: after `then` the parser has committed (`~!`), so the failure is an error
        ("=if x then 1", "[1.12] error: 'else' expected but end of source found\n\nif x then 1\n           ^"),
    ],
)
def test_feel_parse_failures_reject_the_deployment(client: GatewayClient, condition: str, report: str) -> None:
    code, details = _rejection(client, _bpmn(condition=condition))
    assert code is grpc.StatusCode.INVALID_ARGUMENT
    assert details == (
        f"{PREFIX}'real-world.bpmn': - Element: f2 > conditionExpression\n"
        f"    - ERROR: failed to parse expression '{condition[1:]}': {report}\n"
    )


@pytest.mark.parametrize(
    ("outgoing", "report"),
    [
        # camunda-xml-model's ElementReferenceCollectionImpl#getView, reached by FlowNodeValidator
        ("nowhere", "Unable to find a model element instance for id nowhere"),
        # the element is no sequence flow: FlowNodeValidator's lambda casts it (the JVM's text)
        (
            "end",
            "class io.zeebe.model.bpmn.impl.instance.EndEventImpl cannot be cast to class "
            "io.zeebe.model.bpmn.instance.SequenceFlow (io.zeebe.model.bpmn.impl.instance.EndEventImpl and "
            "io.zeebe.model.bpmn.instance.SequenceFlow are in unnamed module of loader 'app')",
        ),
    ],
)
def test_an_outgoing_reference_zeebe_cannot_follow(client: GatewayClient, outgoing: str, report: str) -> None:
    content = _bpmn().replace(
        b"<bpmn:outgoing>f1</bpmn:outgoing>", f"<bpmn:outgoing>{outgoing}</bpmn:outgoing>".encode()
    )
    assert _rejection(client, content) == (grpc.StatusCode.INVALID_ARGUMENT, f"{PREFIX}'real-world.bpmn': {report}")


def test_a_dangling_incoming_reference_of_a_task_is_never_followed(client: GatewayClient) -> None:
    """No validator of Zeebe 0.26 reads a task's incoming flows, so the file deploys."""
    content = _bpmn().replace(b"<bpmn:incoming>f0</bpmn:incoming>", b"<bpmn:incoming>nowhere</bpmn:incoming>")
    assert client.deploy_file("real-world.bpmn", content).workflows[0].bpmnProcessId == "real-world"


@pytest.mark.parametrize(
    ("mappings", "context", "verdict"),
    [
        (
            '<zeebe:input source="=x // the order" target="order" />',
            "{order:x // the order}",
            "[1.23] failure: '}' expected but end of source found",
        ),
        (
            '<zeebe:output source="=y" target="a.b" /><zeebe:output source="=z // c" target="a.c" />',
            "{a:appendTo(a,{b:y,c:z // c})}",
            # the call's arguments stop before the broken context, so 1.12 reads `appendTo` as a name
            "[1.12] failure: '}' expected but '(' found",
        ),
    ],
)
def test_mappings_whose_joined_context_does_not_parse(
    client: GatewayClient, mappings: str, context: str, verdict: str
) -> None:
    """Each source parses alone; Zeebe's VariableMappingTransformer joins them into one context and
    fails on it (the prefix its VariableMappingTransformerTest#failToTransformWithInvalidSourceExpression
    pins); the comment hides the closing braces."""
    content = _bpmn(extension=f"{_TASK_DEFINITION}<zeebe:ioMapping>{mappings}</zeebe:ioMapping>")
    caret = " " * (int(verdict[3:].split("]")[0]) - 1) + "^"
    assert _rejection(client, content) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        f"{PREFIX}'real-world.bpmn': Failed to build variable mapping expression: "
        f"failed to parse expression '{context}': {verdict}\n\n{context}\n{caret}",
    )
