"""Hostile or odd requests: answered as a client's mistake (INVALID_ARGUMENT) or as Zeebe would
store them, never INTERNAL, and without leaving a job stuck or the fake marked as failed."""

from __future__ import annotations

import json

import grpc
import pytest

from pytest_zeebe.gateway import protocol as pb
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.client import GatewayClient


@pytest.fixture
def client(zeebe: ZeebeHarness) -> GatewayClient:
    gateway = GatewayClient(zeebe.address)
    gateway.deploy_file("order.bpmn")
    yield gateway
    gateway.close()


def _invalid(call: object) -> str:
    with pytest.raises(grpc.RpcError) as error:
        call()  # type: ignore[operator]
    assert error.value.code() is grpc.StatusCode.INVALID_ARGUMENT, error.value.details()
    return error.value.details()


def test_lone_surrogates_are_stored_as_question_marks(client: GatewayClient) -> None:
    """Java's String.getBytes(UTF_8) writes '?' for a lone surrogate (MsgPackConverter)."""
    client.create_instance("order-process", variables='{"a": "x\\ud800y", "\\udfff": 1}')
    (job,) = client.activate("payment-service")
    assert json.loads(job.variables) == {"a": "x?y", "?": 1}


@pytest.mark.parametrize(
    ("variables", "reason"),
    [
        ('{"a":' + "[" * 300 + "]" * 300 + "}", "it is nested deeper than 256 levels"),
        ('{"a": ' + "9" * 5000 + "}", "it has a number with too many digits"),
        ('{"a": 18446744073709551616}', "the integer 18446744073709551616 does not fit in 64 bits"),
        ('{"a": 1e999}', "the number inf is out of range"),
        ('{"a": NaN}', "parsing failed: 'NaN' is not a JSON number"),
    ],
)
def test_documents_a_variable_cannot_hold_are_invalid_argument(
    zeebe: ZeebeHarness, client: GatewayClient, variables: str, reason: str
) -> None:
    details = _invalid(lambda: client.create_instance("order-process", variables=variables))
    assert details == f"Property 'variables' is invalid: Expected document to be valid JSON, but {reason}"
    assert zeebe.server.errors == []


def test_only_the_first_json_value_counts(client: GatewayClient) -> None:
    """Zeebe's converter copies the first JSON value and ignores what follows."""
    client.create_instance("order-process", variables='{"a": 1} trailing words')
    (job,) = client.activate("payment-service")
    assert json.loads(job.variables) == {"a": 1}


def test_an_undecodable_message_is_invalid_argument(client: GatewayClient) -> None:
    raw = client.channel.unary_unary(
        pb.method_path("CreateWorkflowInstance"),
        request_serializer=lambda data: data,
        response_deserializer=pb.CreateWorkflowInstanceResponse.FromString,
    )
    bad_utf8_process_id = b"\x12\x02\xff\xfe"  # field 2 (bpmnProcessId), 2 bytes that are not UTF-8
    details = _invalid(lambda: raw(bad_utf8_process_id, timeout=5))
    assert details.startswith("Expected a valid 'CreateWorkflowInstanceRequest' message, but it could not be decoded")


def test_a_huge_job_timeout_never_times_out(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """Java would overflow `now + timeout`; the deadline is clamped to the largest int64 instead."""
    client.create_instance("order-process")
    (job,) = client.activate("payment-service", timeout=2**63 - 1)
    assert job.deadline == 2**63 - 1
    assert zeebe.server.errors == []
    assert zeebe.server.engine.errors == []


def test_retries_narrow_to_32_bits_like_javas_int_value(zeebe: ZeebeHarness) -> None:
    """ServiceTaskProcessor narrows the evaluated retries with intValue()."""
    from tests.engine.test_deployment_versions import bpmn

    zeebe.deploy(("p.bpmn", bpmn("p").replace(b'type="work"', b'type="work" retries="=n"')))
    zeebe.create_instance("p", {"n": 10_000_000_000})
    (job,) = zeebe.activate_jobs("work")
    assert job.retries == 1410065408


def test_harness_variables_must_be_json(zeebe: ZeebeHarness) -> None:
    from datetime import date

    from pytest_zeebe.errors import InvalidVariablesError

    zeebe.deploy("tests/resources/order.bpmn")
    with pytest.raises(InvalidVariablesError, match="date values are not JSON"):
        zeebe.create_instance("order-process", {"when": date(2021, 1, 1)})
    with pytest.raises(InvalidVariablesError, match="out of range"):
        zeebe.create_instance("order-process", {"x": float("nan")})
    with pytest.raises(InvalidVariablesError, match="non-string key 1"):
        zeebe.create_instance("order-process", {1: "a"})  # type: ignore[dict-item]
    assert len(zeebe.records) == 4  # only the deployment's records
