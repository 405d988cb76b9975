"""Client mistakes get Zeebe's status codes and texts, never INTERNAL."""

from __future__ import annotations

import grpc
import pytest

from pytest_zeebe.gateway import protocol as pb
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.client import RESOURCES, GatewayClient

ON_PARTITION_1_UNUSED = (1 << 51) + 123
"""encodePartitionId(1, 123): a key on a known partition that names nothing (SEMANTICS §3)."""


@pytest.fixture
def client(zeebe: ZeebeHarness) -> GatewayClient:
    gateway = GatewayClient(zeebe.address)
    yield gateway
    gateway.close()


def _error(call: object) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as error:
        call()  # type: ignore[operator]
    return error.value


def test_resource_name_without_known_extension(client: GatewayClient) -> None:
    """SEMANTICS §2.1: FILE type resolves by name; `.yml` is not accepted."""
    error = _error(lambda: client.deploy_file("order.yml", b"name: x"))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert error.details() == (
        "Expected argument 'name' to be a string ending with either .bpmn or .yaml, but was order.yml"
    )


def test_empty_deployment(client: GatewayClient) -> None:
    error = _error(lambda: client.call("DeployWorkflow", pb.DeployWorkflowRequest()))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert error.details() == (
        "Command 'CREATE' rejected with code 'INVALID_ARGUMENT': "
        "Expected to deploy at least one resource, but none given"
    )


def test_declared_type_wins_over_the_name(client: GatewayClient) -> None:
    content = RESOURCES / "order.bpmn"
    request = pb.DeployWorkflowRequest(
        workflows=[pb.WorkflowRequestObject(name="order.xml", type=1, definition=content.read_bytes())]
    )
    response = client.call("DeployWorkflow", request)
    assert response.workflows[0].resourceName == "order.xml"


@pytest.mark.parametrize(
    ("variables", "kind"), [("[1, 2]", "ARRAY"), ("3", "INTEGER"), ('"text"', "STRING"), ("true", "BOOLEAN")]
)
def test_variables_must_be_an_object(client: GatewayClient, variables: str, kind: str) -> None:
    """SEMANTICS §4: a non-object document is INVALID_ARGUMENT, worded by Zeebe's DocumentValue."""
    client.deploy_file("order.bpmn")
    error = _error(lambda: client.create_instance("order-process", variables=variables))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert error.details() == (
        f"Property 'variables' is invalid: Expected document to be a root level object, but was '{kind}'"
    )


def test_malformed_json_is_invalid_argument_not_internal(client: GatewayClient) -> None:
    client.deploy_file("order.bpmn")
    error = _error(lambda: client.create_instance("order-process", variables="{not json"))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert error.details().startswith("Property 'variables' is invalid: Expected document to be valid JSON, but")


@pytest.mark.parametrize(
    ("request_", "details"),
    [
        (
            pb.CreateWorkflowInstanceRequest(bpmnProcessId="nope", version=-1),
            "Command 'CREATE' rejected with code 'NOT_FOUND': "
            "Expected to find workflow definition with process ID 'nope', but none found",
        ),
        (
            pb.CreateWorkflowInstanceRequest(bpmnProcessId="order-process", version=7),
            "Command 'CREATE' rejected with code 'NOT_FOUND': "
            "Expected to find workflow definition with process ID 'order-process' and version '7', but none found",
        ),
        (
            pb.CreateWorkflowInstanceRequest(workflowKey=ON_PARTITION_1_UNUSED),
            "Command 'CREATE' rejected with code 'NOT_FOUND': "
            f"Expected to find workflow definition with key '{ON_PARTITION_1_UNUSED}', but none found",
        ),
        (
            pb.CreateWorkflowInstanceRequest(workflowKey=-1),
            "Command 'CREATE' rejected with code 'INVALID_ARGUMENT': "
            "Expected at least a bpmnProcessId or a key greater than -1, but none given",
        ),
    ],
)
def test_create_instance_rejections(client: GatewayClient, request_: object, details: str) -> None:
    """Texts from CreateWorkflowInstanceProcessor (SEMANTICS §10)."""
    client.deploy_file("order.bpmn")
    error = _error(lambda: client.call("CreateWorkflowInstance", request_))
    assert error.details() == details
    expected = grpc.StatusCode.INVALID_ARGUMENT if "INVALID_ARGUMENT" in details else grpc.StatusCode.NOT_FOUND
    assert error.code() is expected


def test_complete_unknown_job(client: GatewayClient) -> None:
    error = _error(lambda: client.call("CompleteJob", pb.CompleteJobRequest(jobKey=ON_PARTITION_1_UNUSED)))
    assert error.code() is grpc.StatusCode.NOT_FOUND
    assert error.details() == (
        "Command 'COMPLETE' rejected with code 'NOT_FOUND': "
        f"Expected to complete job with key '{ON_PARTITION_1_UNUSED}', but no such job was found"
    )


def test_key_on_an_unknown_partition_is_unavailable(client: GatewayClient) -> None:
    """A small made-up key decodes to partition 0: UNAVAILABLE before NOT_FOUND (SEMANTICS §3)."""
    error = _error(lambda: client.call("CompleteJob", pb.CompleteJobRequest(jobKey=123)))
    assert error.code() is grpc.StatusCode.UNAVAILABLE
    assert error.details() == (
        "Expected to execute command on partition 0, but either it does not exist, "
        "or the gateway is not yet aware of it"
    )


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {"type": "t", "worker": "w", "timeout": 0, "maxJobsToActivate": 1},
            "Expected to activate job batch with timeout to be greater than zero, but it was '0'",
        ),
        (
            {"type": "", "worker": "w", "timeout": 10, "maxJobsToActivate": 1},
            "Expected to activate job batch with type to be present, but it was blank",
        ),
        (
            {"type": "t", "worker": "", "timeout": 10, "maxJobsToActivate": 1},
            "Expected to activate job batch with worker to be present, but it was blank",
        ),
    ],
)
def test_activate_jobs_rejections(client: GatewayClient, fields: dict[str, object], reason: str) -> None:
    """JobBatchActivateProcessor#rejectCommand, surfaced as 0.26.1+ gateways do (SEMANTICS §5)."""
    request = pb.ActivateJobsRequest(requestTimeout=-1, **fields)
    error = _error(lambda: list(client.stream("ActivateJobs", request)))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert error.details() == f"Command 'ACTIVATE' rejected with code 'INVALID_ARGUMENT': {reason}"


def test_max_jobs_below_one_ends_the_stream_empty(client: GatewayClient) -> None:
    """The 0.26 gateway never sends such a request to the broker (RoundRobinActivateJobsHandler)."""
    request = pb.ActivateJobsRequest(type="t", worker="w", timeout=10, maxJobsToActivate=0, requestTimeout=5_000)
    assert list(client.stream("ActivateJobs", request, timeout=2)) == []


def test_oversized_request_is_resource_exhausted(client: GatewayClient) -> None:
    error = _error(lambda: client.deploy_file("big.bpmn", b"x" * (4 * 1024 * 1024 + 1)))
    assert error.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
