"""CancelWorkflowInstance, CreateWorkflowInstanceWithResult and keyed routing, over the wire.

Sequences and texts from Zeebe 0.26's `ET/workflowinstance/CancelWorkflowInstanceTest`,
`CreateWorkflowInstanceWithResultTest`, `QA/*Test`, the gateway's EndpointManager and
GrpcErrorMapper; SEMANTICS §3, §10.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import grpc
import pytest

from pytest_zeebe.engine.engine import Engine, EngineConfig
from pytest_zeebe.gateway import servicer
from pytest_zeebe.gateway.errors import java_duration
from pytest_zeebe.gateway.server import GatewayServer
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.wire import ON_PARTITION_1_UNUSED, Wire, element_key, lifecycle, rejected, rpc_error


def _processes() -> list[Process]:
    single = Process("single")
    single.start("s").task("task", "work").end("e")
    nested = Process("nested")
    nested.start("s").sub_process("sub").end("e")
    nested.scope("sub").start("sub-start").task("task", "work").end("sub-end")
    fork = Process("fork")
    fork.start("s").parallel("split").task("task1", "type1").end("end1")
    fork.after("split").task("task2", "type2").end("end2")
    straight = Process("straight")
    straight.start("s").end("e")
    return [single, nested, fork, straight]


@pytest.fixture
def wire(zeebe: ZeebeHarness) -> Wire:
    wire = Wire(zeebe)
    wire.deploy(*_processes())
    return wire


def _from_cancel(zeebe: ZeebeHarness, key: int) -> list[tuple[str, str]]:
    """The instance's WORKFLOW_INSTANCE records from its CANCEL command on."""
    cancel = zeebe.records.workflow_instance(intent="CANCEL", key=key).first()
    return [
        (r.value.element_id or "", r.intent.value)  # type: ignore[attr-defined]
        for r in zeebe.records.workflow_instance()
        if r.position >= cancel.position
        and r.value.workflow_instance_key in (key, -1)  # type: ignore[attr-defined]
        and r.record_type.value != "COMMAND_REJECTION"
    ]


# -- CancelWorkflowInstance -----------------------------------------------------------------------


def test_cancel_terminates_the_task_before_the_process(zeebe: ZeebeHarness, wire: Wire) -> None:
    """CancelWorkflowInstanceTest#shouldCancelWorkflowInstance and #shouldCancelJobForActivity."""
    key = wire.create("single")
    job = zeebe.records.jobs(intent="CREATED").first()
    wire.cancel(key)
    assert _from_cancel(zeebe, key) == [
        ("", "CANCEL"),
        ("single", "ELEMENT_TERMINATING"),
        ("task", "ELEMENT_TERMINATING"),
        ("task", "ELEMENT_TERMINATED"),
        ("single", "ELEMENT_TERMINATED"),
    ]
    cancel = zeebe.records.workflow_instance(intent="CANCEL").first()
    terminating = zeebe.records.workflow_instance(intent="ELEMENT_TERMINATING").first()
    assert (terminating.key, terminating.source_record_position) == (key, cancel.position)
    assert terminating.value == zeebe.records.workflow_instance(intent="ELEMENT_ACTIVATED", key=key).first().value
    canceled = zeebe.records.jobs(intent="CANCELED").first()
    assert (canceled.key, canceled.value.element_id) == (job.key, "task")  # type: ignore[attr-defined]
    assert not zeebe.server.engine.state.elements.instances
    assert not zeebe.server.engine.state.jobs.jobs
    zeebe.server.engine.check_replay()


def test_cancel_terminates_an_embedded_sub_process_inside_out(zeebe: ZeebeHarness, wire: Wire) -> None:
    """CancelWorkflowInstanceTest#shouldCancelWorkflowInstanceWithEmbeddedSubProcess: 7 records."""
    key = wire.create("nested")
    wire.cancel(key)
    assert _from_cancel(zeebe, key) == [
        ("", "CANCEL"),
        ("nested", "ELEMENT_TERMINATING"),
        ("sub", "ELEMENT_TERMINATING"),
        ("task", "ELEMENT_TERMINATING"),
        ("task", "ELEMENT_TERMINATED"),
        ("sub", "ELEMENT_TERMINATED"),
        ("nested", "ELEMENT_TERMINATED"),
    ]
    zeebe.server.engine.check_replay()


def test_cancel_terminates_every_parallel_path(zeebe: ZeebeHarness, wire: Wire) -> None:
    """CancelWorkflowInstanceTest#shouldCancelWorkflowInstanceWithParallelExecution."""
    key = wire.create("fork")
    wire.cancel(key)
    terminated = [element for element, intent in _from_cancel(zeebe, key) if intent == "ELEMENT_TERMINATED"]
    assert sorted(terminated[:2]) == ["task1", "task2"]
    assert terminated[2:] == ["fork"]
    assert len(zeebe.records.jobs(intent="CANCELED")) == 2
    zeebe.server.engine.check_replay()


def test_cancel_rejections(zeebe: ZeebeHarness, wire: Wire) -> None:
    """CancelWorkflowInstanceTest#shouldRejectCancel{NonExisting,Completed,AlreadyCanceled}WorkflowInstance
    and #shouldNotCancelElementInstance: NOT_FOUND, each rejection caused by its CANCEL."""
    completed = wire.create("straight")
    cancelled = wire.create("single")
    wire.cancel(cancelled)
    running = wire.create("single")
    task = element_key(zeebe, running, "task")
    for key in (ON_PARTITION_1_UNUSED, completed, cancelled, task):
        code, details = rpc_error(lambda key=key: wire.cancel(key))  # type: ignore[misc]
        assert code is grpc.StatusCode.NOT_FOUND
        assert details == rejected(
            "CANCEL",
            "NOT_FOUND",
            f"Expected to cancel a workflow instance with key '{key}', but no such workflow was found",
        )
        rejection = zeebe.records.rejections(value_type="WORKFLOW_INSTANCE").last()
        command = zeebe.records.workflow_instance(intent="CANCEL").commands().last()
        assert (rejection.key, rejection.source_record_position) == (key, command.position)
    assert lifecycle(zeebe, running)[-1] == ("task", "ELEMENT_ACTIVATED")


# -- CreateWorkflowInstanceWithResult -------------------------------------------------------------


def _with_result(
    wire: Wire,
    process_id: str,
    variables: dict[str, Any] | None = None,
    *,
    fetch: tuple[str, ...] = (),
    timeout: int = 0,
    version: int = -1,
) -> Any:
    request = wire.m.CreateWorkflowInstanceWithResultRequest(
        request=wire.m.CreateWorkflowInstanceRequest(
            bpmnProcessId=process_id, version=version, variables=json.dumps(variables or {})
        ),
        requestTimeout=timeout,
        fetchVariables=list(fetch),
    )
    return wire.stub.CreateWorkflowInstanceWithResult(request, timeout=20)


def _in_background(call: Any) -> tuple[threading.Thread, list[Any]]:
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except grpc.RpcError as error:
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _wait_for_creation(zeebe: ZeebeHarness, count: int = 1) -> None:
    deadline = time.monotonic() + 5
    while len(zeebe.records.workflow_instance_creations(intent="CREATED")) < count:
        assert time.monotonic() < deadline, "the instance was never created"
        time.sleep(0.005)


def test_with_result_answers_when_the_instance_completes(zeebe: ZeebeHarness, wire: Wire) -> None:
    """CreateWorkflowInstanceWithResultTest#shouldSendResultAfterCompletion: the root scope's variables."""
    thread, outcome = _in_background(lambda: _with_result(wire, "single", {"a": 1}))
    _wait_for_creation(zeebe)
    assert outcome == []
    wire.complete(wire.job("work").key, {"b": 2})
    thread.join(10)
    (response,) = outcome
    created = zeebe.records.workflow_instance_creations(intent="CREATED").first().value
    assert (response.workflowInstanceKey, response.bpmnProcessId, response.version, response.workflowKey) == (
        created.workflow_instance_key,  # type: ignore[attr-defined]
        "single",
        1,
        created.workflow_key,  # type: ignore[attr-defined]
    )
    assert json.loads(response.variables) == {"a": 1, "b": 2}
    command = zeebe.records.workflow_instance_creations().commands().first()
    assert command.intent.value == "CREATE_WITH_AWAITING_RESULT"


@pytest.mark.parametrize(
    ("fetch", "expected"), [(("a", "missing"), {"a": 1}), ((), {"a": 1, "b": {"c": 2}}), (("b",), {"b": {"c": 2}})]
)
def test_with_result_fetches_the_requested_variables(wire: Wire, fetch: tuple[str, ...], expected: object) -> None:
    """CreateWorkflowInstanceWithResultTest#shouldSendRequestedVariables(WhenSomeAreNotAvailable)AfterCompletion."""
    response = _with_result(wire, "straight", {"a": 1, "b": {"c": 2}}, fetch=fetch)
    assert json.loads(response.variables) == expected


def test_with_result_rejections_are_answered_at_once(zeebe: ZeebeHarness, wire: Wire) -> None:
    """CreateWorkflowInstanceWithResultTest#shouldSendRejectionImmediately: the rejection carries the
    request's intent (BrokerExecuteCommand#readResponse)."""
    started = time.monotonic()
    code, details = rpc_error(lambda: _with_result(wire, "nope", timeout=10_000))
    assert time.monotonic() - started < 5
    assert code is grpc.StatusCode.NOT_FOUND
    assert details == rejected(
        "CREATE_WITH_AWAITING_RESULT",
        "NOT_FOUND",
        "Expected to find workflow definition with process ID 'nope', but none found",
    )
    code, details = rpc_error(lambda: _with_result(wire, "single", timeout=10_000, version=7))
    assert details == rejected(
        "CREATE_WITH_AWAITING_RESULT",
        "NOT_FOUND",
        "Expected to find workflow definition with process ID 'single' and version '7', but none found",
    )
    assert not zeebe.server.engine.state.elements.await_results


def test_with_result_times_out_after_its_request_timeout(zeebe: ZeebeHarness, wire: Wire) -> None:
    """The 0.26 gateway gives the broker request `requestTimeout` (EndpointManager); the transport's
    TimeoutException ("Request timed out after " + Duration, RequestContext#timeout) becomes
    DEADLINE_EXCEEDED "Time out between gateway and broker: ..." (GrpcErrorMapper). Wall time."""
    started = time.monotonic()
    code, details = rpc_error(lambda: _with_result(wire, "single", timeout=300))
    assert 0.25 < time.monotonic() - started < 5
    assert (code, details) == (
        grpc.StatusCode.DEADLINE_EXCEEDED,
        "Time out between gateway and broker: Request timed out after PT0.3S",
    )


def test_a_zero_request_timeout_means_the_gateways_default(
    zeebe: ZeebeHarness, wire: Wire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ConfigurationDefaults.DEFAULT_REQUEST_TIMEOUT is 15 s ("PT15S"); shortened here to keep the test fast."""
    assert servicer.DEFAULT_REQUEST_TIMEOUT_MS == 15_000
    assert java_duration(15_000) == "PT15S"
    monkeypatch.setattr(servicer, "DEFAULT_REQUEST_TIMEOUT_MS", 200)
    for timeout in (0, -5):
        code, details = rpc_error(lambda timeout=timeout: _with_result(wire, "single", timeout=timeout))  # type: ignore[misc]
        assert (code, details) == (
            grpc.StatusCode.DEADLINE_EXCEEDED,
            "Time out between gateway and broker: Request timed out after PT0.2S",
        )


@pytest.mark.parametrize(
    ("millis", "text"),
    [(15_000, "PT15S"), (1_500, "PT1.5S"), (90_000, "PT1M30S"), (3_600_250, "PT1H0.25S"), (1, "PT0.001S")],
)
def test_durations_are_written_as_java_does(millis: int, text: str) -> None:
    """java.time.Duration#toString, which the timeout text carries."""
    assert java_duration(millis) == text


def test_a_cancelled_instance_never_answers(zeebe: ZeebeHarness, wire: Wire) -> None:
    """SEMANTICS §10 [derived]: only completion answers; the caller runs into its timeout."""
    thread, outcome = _in_background(lambda: _with_result(wire, "single", timeout=1_500))
    _wait_for_creation(zeebe)
    wire.cancel(zeebe.records.workflow_instance_creations(intent="CREATED").first().value.workflow_instance_key)  # type: ignore[attr-defined]
    thread.join(10)
    (error,) = outcome
    assert error.code() is grpc.StatusCode.DEADLINE_EXCEEDED
    assert not zeebe.server.engine.state.elements.await_results


def test_a_reset_answers_a_waiting_caller_unavailable(zeebe: ZeebeHarness, wire: Wire) -> None:
    thread, outcome = _in_background(lambda: _with_result(wire, "single", timeout=10_000))
    _wait_for_creation(zeebe)
    started = time.monotonic()
    zeebe.server.engine.reset()
    thread.join(10)
    assert time.monotonic() - started < 5
    (error,) = outcome
    assert error.code() is grpc.StatusCode.UNAVAILABLE
    assert error.details() == (
        "pytest-zeebe: the engine was reset (a new test began) before the workflow instance completed; "
        "the result of this call will never come"
    )


# -- routing --------------------------------------------------------------------------------------

KEYED_CALLS = {
    "CancelWorkflowInstance": lambda wire, key: wire.cancel(key),
    "SetVariables": lambda wire, key: wire.set_variables(key, {"a": 1}),
    "CompleteJob": lambda wire, key: wire.complete(key),
    "FailJob": lambda wire, key: wire.fail(key, 1),
    "UpdateJobRetries": lambda wire, key: wire.update_retries(key, 1),
    "ResolveIncident": lambda wire, key: wire.resolve(key),
}


@pytest.mark.parametrize("rpc", sorted(KEYED_CALLS))
@pytest.mark.parametrize("partition", [0, 2, 4095])
def test_a_key_of_an_unknown_partition_is_unavailable(
    zeebe: ZeebeHarness, wire: Wire, rpc: str, partition: int
) -> None:
    """BrokerRequestManager#determineBrokerNodeIdProvider, QA/SetVariablesTest#shouldRejectIfPartitionNotFound:
    the gateway answers before the engine sees a command."""
    before = len(zeebe.records)
    code, details = rpc_error(lambda: KEYED_CALLS[rpc](wire, (partition << 51) + 7))
    assert code is grpc.StatusCode.UNAVAILABLE
    assert details == (
        f"Expected to execute command on partition {partition}, but either it does not exist, "
        "or the gateway is not yet aware of it"
    )
    assert len(zeebe.records) == before


def test_a_negative_key_names_no_partition(wire: Wire) -> None:
    """decodePartitionId(-1) is -1: the gateway cannot route it (the engine would say NOT_FOUND)."""
    code, details = rpc_error(lambda: wire.cancel(-1))
    assert code is grpc.StatusCode.UNAVAILABLE
    assert details.startswith("Expected to execute command on partition -1, but")


def test_keyed_commands_go_to_the_partition_of_their_key() -> None:
    """ExecuteCommandRequest#setKey: an instance on partition 2 is cancelled, its jobs and incidents
    handled, and its variables set, all on partition 2."""
    with GatewayServer(Engine(EngineConfig(partition_count=2))) as server:
        zeebe = ZeebeHarness(server)
        wire = Wire(zeebe)
        wire.deploy(*_processes())
        first, second = wire.create("single"), wire.create("single")
        assert (first >> 51, second >> 51) == (1, 2)
        jobs = {job.workflowInstanceKey: job for job in wire.activate("work")}
        wire.fail(jobs[second].key, 0)
        incident = zeebe.records.incidents(intent="CREATED").first()
        wire.update_retries(jobs[second].key, 2)
        wire.set_variables(second, {"x": 1})
        wire.resolve(incident.key)
        wire.cancel(second)
        wire.complete(jobs[first].key)
        for record in zeebe.records:
            if record.value_type.value in ("JOB", "INCIDENT", "VARIABLE", "VARIABLE_DOCUMENT", "WORKFLOW_INSTANCE"):
                owner = getattr(record.value, "workflow_instance_key", None) or record.value.scope_key  # type: ignore[attr-defined]
                expected = (record.key if record.key > 0 else owner) >> 51
                assert record.partition_id == expected, record
        assert incident.partition_id == 2
        server.engine.check_replay()
