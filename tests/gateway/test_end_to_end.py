"""A workflow end to end through the gateway, with our own gRPC message classes."""

from __future__ import annotations

import json
import threading
import time

import grpc
import pytest

from pytest_zeebe.engine.intents import RecordType, ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.keys import decode_partition_id
from pytest_zeebe.gateway import protocol as pb
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.client import GatewayClient


@pytest.fixture
def client(zeebe: ZeebeHarness) -> GatewayClient:
    gateway = GatewayClient(zeebe.address)
    yield gateway
    gateway.close()


def test_deploy_create_activate_complete(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """The first deployed workflow's key is 2^51 + 1 (SEMANTICS §2.1, §3: keys pre-increment on partition 1)."""
    deployment = client.deploy_file("order.bpmn")
    assert deployment.workflows[0].workflowKey == 2251799813685249
    assert deployment.workflows[0].bpmnProcessId == "order-process"
    assert deployment.workflows[0].version == 1
    assert deployment.workflows[0].resourceName == "order.bpmn"

    instance = client.create_instance("order-process", variables='{"orderId": "A-1", "total": 99.5}')
    assert instance.workflowKey == 2251799813685249
    jobs = client.activate("payment-service")
    assert len(jobs) == 1
    job = jobs[0]
    assert job.elementId == "collect-payment"
    assert job.retries == 5
    assert json.loads(job.customHeaders) == {"method": "credit-card"}
    assert json.loads(job.variables) == {"orderId": "A-1", "total": 99.5}
    assert job.deadline == zeebe.clock.millis() + 60_000

    client.call("CompleteJob", pb.CompleteJobRequest(jobKey=job.key, variables='{"paid": true}'))
    completed = [
        r
        for r in zeebe.records
        if r.intent is WorkflowInstanceIntent.ELEMENT_COMPLETED and r.value.bpmn_element_type == "PROCESS"
    ]
    assert [r.key for r in completed] == [instance.workflowInstanceKey]


def _keys_in(value: object) -> list[int]:
    """Every `...Key`/`...Keys` number anywhere in a record value's JSON form."""
    found: list[int] = []
    if isinstance(value, dict):
        for name, item in value.items():
            if name.endswith("Key") and isinstance(item, int):
                found.append(item)
            elif name.endswith("Keys") and isinstance(item, list):
                found.extend(item)
            else:
                found.extend(_keys_in(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_keys_in(item))
    return found


def test_every_key_decodes_to_partition_one(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """Keys are (partitionId << 51) + counter (SEMANTICS §3): with one partition, all decode to 1."""
    deployment = client.deploy_file("order.bpmn")
    keys = [deployment.key, *(w.workflowKey for w in deployment.workflows)]
    for _ in range(3):
        created = client.create_instance("order-process")
        keys += [created.workflowKey, created.workflowInstanceKey]
    for job in client.activate("payment-service"):
        keys += [job.key, job.workflowInstanceKey, job.workflowKey, job.elementInstanceKey]
        client.call("CompleteJob", pb.CompleteJobRequest(jobKey=job.key))
    for record in zeebe.records:
        if record.key != -1:
            keys.append(record.key)
        if record.record_type is RecordType.EVENT:  # commands carry what the client sent (a raw request's 0)
            keys += [key for key in _keys_in(record.value.to_dict()) if key != -1]
    assert len(keys) > 100
    assert {decode_partition_id(key) for key in keys} == {1}


def test_a_poll_started_before_the_instance_gets_its_job(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    client.deploy_file("order.bpmn")
    received: list[object] = []
    poll = threading.Thread(target=lambda: received.extend(client.activate("payment-service", request_timeout=10_000)))
    poll.start()
    deadline = time.monotonic() + 5
    while len(zeebe.server.polls) == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(zeebe.server.polls) == 1, "the poll never parked"
    started = time.monotonic()
    zeebe.create_instance("order-process")
    poll.join(5)
    assert not poll.is_alive()
    assert time.monotonic() - started < 2, "the poll was not answered as soon as the job existed"
    assert [job.elementId for job in received] == ["collect-payment"]


def test_an_empty_poll_ends_with_no_message_after_its_timeout(client: GatewayClient) -> None:
    started = time.monotonic()
    assert client.activate("nothing", request_timeout=300) == []
    assert time.monotonic() - started >= 0.3


def test_a_negative_request_timeout_answers_at_once(client: GatewayClient) -> None:
    started = time.monotonic()
    assert client.activate("nothing", request_timeout=-1) == []
    assert time.monotonic() - started < 5, "a negative timeout must not wait the gateway's 10 s default"


def test_an_activated_job_is_not_handed_out_again_before_its_deadline(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """Job time-out: ACTIVATED with deadline < now becomes activatable again (SEMANTICS §5)."""
    from datetime import timedelta

    client.deploy_file("order.bpmn")
    zeebe.create_instance("order-process")
    (first,) = client.activate("payment-service", timeout=10_000)
    assert client.activate("payment-service") == []
    zeebe.clock.advance(timedelta(milliseconds=10_000))
    assert client.activate("payment-service") == [], "at exactly the deadline the job is still activated"
    zeebe.clock.advance(timedelta(milliseconds=1))
    (again,) = client.activate("payment-service")
    assert again.key == first.key
    timed_out = [r for r in zeebe.records if r.value_type is ValueType.JOB and r.intent.value == "TIMED_OUT"]
    assert [r.timestamp for r in timed_out] == [first.deadline + 1]


def test_twenty_idle_pollers_do_not_starve_other_rpcs(zeebe: ZeebeHarness) -> None:
    clients = [GatewayClient(zeebe.address) for _ in range(20)]
    streams = [
        c._method("ActivateJobs")(
            pb.ActivateJobsRequest(type="idle", worker="w", timeout=1000, maxJobsToActivate=1, requestTimeout=5_000),
            timeout=10,
        )
        for c in clients
    ]
    deadline = time.monotonic() + 5
    while len(zeebe.server.polls) < 20 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(zeebe.server.polls) == 20
    probe = GatewayClient(zeebe.address)
    try:
        started = time.monotonic()
        for _ in range(10):
            probe.call("Topology", pb.TopologyRequest(), timeout=2)
        assert time.monotonic() - started < 2
    finally:
        for stream in streams:
            stream.cancel()
        for c in [*clients, probe]:
            c.close()


def test_reset_answers_open_polls_empty(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    received: list[object] = []
    finished = threading.Event()

    def poll() -> None:
        received.extend(client.activate("left-over", request_timeout=10_000))
        finished.set()

    threading.Thread(target=poll).start()
    deadline = time.monotonic() + 5
    while len(zeebe.server.polls) == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    zeebe.server.engine.reset()
    assert finished.wait(2)
    assert received == []


def test_topology(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    topology = client.call("Topology", pb.TopologyRequest())
    assert topology.clusterSize == 1
    assert topology.partitionsCount == 1
    assert topology.replicationFactor == 1
    assert topology.gatewayVersion == "0.26.0"
    (broker,) = topology.brokers
    assert (broker.nodeId, broker.host, broker.port, broker.version) == (0, "127.0.0.1", zeebe.server.port, "0.26.0")
    (partition,) = broker.partitions
    assert (partition.partitionId, partition.role, partition.health) == (1, 0, 0)


def test_records_are_commands_events_and_rejections_in_zeebe_json(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    client.deploy_file("order.bpmn")
    with pytest.raises(grpc.RpcError):
        client.create_instance("no-such-process")
    dicts = zeebe.records.to_dicts()
    assert [(d["recordType"], d["valueType"], d["intent"]) for d in dicts] == [
        ("COMMAND", "DEPLOYMENT", "CREATE"),
        ("EVENT", "DEPLOYMENT", "CREATED"),
        ("COMMAND", "DEPLOYMENT", "DISTRIBUTE"),
        ("EVENT", "DEPLOYMENT", "DISTRIBUTED"),
        ("COMMAND", "WORKFLOW_INSTANCE_CREATION", "CREATE"),
        ("COMMAND_REJECTION", "WORKFLOW_INSTANCE_CREATION", "CREATE"),
    ]
    assert dicts[1]["rejectionType"] == "NULL_VAL" and dicts[1]["rejectionReason"] == ""
    assert dicts[5]["rejectionType"] == "NOT_FOUND"
    assert (
        dicts[5]["rejectionReason"]
        == "Expected to find workflow definition with process ID 'no-such-process', but none found"
    )
    assert dicts[1]["value"]["deployedWorkflows"] == [
        {"bpmnProcessId": "order-process", "version": 1, "workflowKey": 2251799813685249, "resourceName": "order.bpmn"}
    ]
    assert dicts[1]["sourceRecordPosition"] == dicts[0]["position"]
    assert dicts[0]["sourceRecordPosition"] == -1
    assert {d["brokerVersion"] for d in dicts} == {"0.26.0"}
    creation_fields = {"bpmnProcessId", "workflowKey", "version", "variables", "workflowInstanceKey"}
    assert set(dicts[4]["value"]) == creation_fields  # no fetchVariables: Zeebe's record has no getter
    assert {d["timestamp"] for d in dicts} == {1609459200000}
    assert RecordType.COMMAND_REJECTION is zeebe.records[5].record_type
