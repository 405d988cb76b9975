"""The corpus deployed through the fake gateway: Zeebe's status code and full rejection text.

The gateway wraps the engine's rejection as `GrpcErrorMapper` does:
`Command 'CREATE' rejected with code 'INVALID_ARGUMENT': <reason>` (SEMANTICS §10), the reason being
`Expected to deploy new resources, but encountered the following errors:\n'<name>': <report>` (§2.2).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc
import pytest

from pytest_zeebe.gateway import protocol as pb
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.model.corpus_expectations import CORPUS, DEPLOYED, REJECTED

PREFIX = (
    "Command 'CREATE' rejected with code 'INVALID_ARGUMENT': "
    "Expected to deploy new resources, but encountered the following errors:"
)


@pytest.fixture
def deploy(zeebe: ZeebeHarness) -> Iterator[Any]:
    channel = grpc.insecure_channel(zeebe.address)
    call = channel.unary_unary(
        pb.method_path("DeployWorkflow"),
        request_serializer=lambda request: request.SerializeToString(),
        response_deserializer=pb.DeployWorkflowResponse.FromString,
    )

    def send(*resources: tuple[str, bytes]) -> Any:
        request = pb.DeployWorkflowRequest(
            workflows=[pb.WorkflowRequestObject(name=name, definition=content) for name, content in resources]
        )
        return call(request, timeout=10)

    yield send
    channel.close()


@pytest.mark.parametrize("name", sorted(DEPLOYED))
def test_valid_file_deploys(deploy: Any, name: str) -> None:
    response = deploy((name, (CORPUS / "valid" / name).read_bytes()))
    assert tuple(workflow.bpmnProcessId for workflow in response.workflows) == DEPLOYED[name]
    assert {workflow.resourceName for workflow in response.workflows} == {name}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_invalid_file_is_rejected(deploy: Any, name: str) -> None:
    with pytest.raises(grpc.RpcError) as failure:
        deploy((name, (CORPUS / "invalid" / name).read_bytes()))
    assert failure.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert failure.value.details() == f"{PREFIX}\n'{name}': {REJECTED[name]}"


def test_every_failing_resource_of_a_deployment_is_reported_in_request_order(deploy: Any) -> None:
    """DeploymentTransformer appends one `\\n'<name>': <report>` per failing resource (§2.2)."""
    first, second = "user_task.bpmn", "no_start_event.bpmn"
    valid = "parallel_gateway.bpmn"
    with pytest.raises(grpc.RpcError) as failure:
        deploy(
            (first, (CORPUS / "invalid" / first).read_bytes()),
            (valid, (CORPUS / "valid" / valid).read_bytes()),
            (second, (CORPUS / "invalid" / second).read_bytes()),
        )
    assert failure.value.details() == (f"{PREFIX}\n'{first}': {REJECTED[first]}\n'{second}': {REJECTED[second]}")


def test_the_rejection_zeebes_own_test_spells_out(deploy: Any) -> None:
    """`CreateDeploymentTest#shouldRejectDeploymentWithInvalidTimerStartEventExpression`, word for word."""
    content = (
        b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">'
        b'<bpmn:process id="process1" isExecutable="true"><bpmn:startEvent id="start-event-1">'
        b"<bpmn:timerEventDefinition><bpmn:timeCycle>=INVALID_CYCLE_EXPRESSION</bpmn:timeCycle>"
        b"</bpmn:timerEventDefinition></bpmn:startEvent></bpmn:process></bpmn:definitions>"
    )
    with pytest.raises(grpc.RpcError) as failure:
        deploy(("p1.bpmn", content))
    assert failure.value.details() == (
        "Command 'CREATE' rejected with code 'INVALID_ARGUMENT': "
        "Expected to deploy new resources, but encountered the following errors:\n"
        "'p1.bpmn': - Element: start-event-1\n"
        "    - ERROR: Invalid timer cycle expression (failed to evaluate expression "
        "'INVALID_CYCLE_EXPRESSION': no variable found for name 'INVALID_CYCLE_EXPRESSION')\n"
    )


def test_yaml_workflows_deploy_through_the_gateway(deploy: Any) -> None:
    response = deploy(("order.yaml", b"name: yaml-workflow\ntasks:\n  - {id: a, type: a}\n"))
    assert [(w.bpmnProcessId, w.resourceName) for w in response.workflows] == [("yaml-workflow", "order.yaml")]


def test_unknown_goto_is_rejected_through_the_gateway(deploy: Any) -> None:
    with pytest.raises(grpc.RpcError) as failure:
        deploy(("loop.yaml", b"name: p\ntasks:\n  - {id: a, type: a, goto: b}\n"))
    assert failure.value.details() == (
        f"{PREFIX}\n'loop.yaml': Expected to add task with id 'b', but no task definition with that id exists"
    )
