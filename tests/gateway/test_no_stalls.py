"""Design point 7 of #7: no stalls. A test thread holding the engine lock never freezes the gateway,
and a test thread that holds it while calling the gateway gets a clear error instead of a hang."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import grpc

from pytest_zeebe.gateway.engine_calls import DEADLOCK
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.wire import Wire


def _deploy(wire: Wire) -> None:
    p = Process("p")
    p.start("s").task("task", "work").end("e")
    wire.deploy(p)


def _poll(wire: Wire, job_type: str, request_timeout: int, into: list[Any]) -> threading.Thread:
    request = wire.m.ActivateJobsRequest(
        type=job_type, worker="poll", timeout=60_000, maxJobsToActivate=5, requestTimeout=request_timeout
    )

    def run() -> None:
        started = time.monotonic()
        jobs = [job for response in wire.stub.ActivateJobs(request, timeout=30) for job in response.jobs]
        into.append((time.monotonic() - started, jobs))

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _wait_for_polls(zeebe: ZeebeHarness, count: int) -> None:
    deadline = time.monotonic() + 5
    while len(zeebe.server.polls) < count:
        assert time.monotonic() < deadline, "the poll was never parked"
        time.sleep(0.005)


def test_long_polls_and_other_calls_are_served_while_a_test_thread_holds_the_engine_lock(zeebe: ZeebeHarness) -> None:
    """While the test thread holds the lock (here: advancing the clock past a job's deadline and
    then lingering), Topology answers, a parked poll ends at its own deadline, and calls that need
    the engine wait on worker threads, not on the event loop. Once the lock is released, the poll
    parked for the timed-out job's type gets the job, and the waiting calls complete."""
    wire = Wire(zeebe)
    _deploy(wire)
    other = Process("q")
    other.start("s").task("task", "later").end("e")
    wire.deploy(other)  # the blocked calls create these: their jobs never race the poll for "work"
    wire.create("p")
    (job,) = wire.activate("work", timeout=1_000)
    woken: list[Any] = []
    short: list[Any] = []
    waiting = _poll(wire, "work", 10_000, woken)
    expiring = _poll(wire, "other", 300, short)
    _wait_for_polls(zeebe, 2)

    blocked: list[Any] = []
    calls = [
        threading.Thread(target=lambda: blocked.append(wire.create("q"))) for _ in range(6)
    ]  # more than the gateway's engine worker threads
    engine = zeebe.server.engine
    with engine.lock:
        zeebe.clock.advance(timedelta(seconds=2))  # the job times out; its notice waits for the lock
        for call in calls:
            call.start()
        started = time.monotonic()
        topology = wire.stub.Topology(wire.m.TopologyRequest(), timeout=5)
        assert topology.partitionsCount == 1
        assert time.monotonic() - started < 1
        expiring.join(5)
        assert [jobs for _, jobs in short] == [[]]
        assert short[0][0] < 2
        time.sleep(0.2)
        assert blocked == [] and woken == []
    waiting.join(10)
    (elapsed, jobs) = woken[0]
    assert [j.key for j in jobs] == [job.key] and elapsed < 9
    for call in calls:
        call.join(10)
    assert len(blocked) == 6


def test_a_thread_holding_the_lock_that_calls_the_gateway_gets_an_error_not_a_hang(zeebe: ZeebeHarness) -> None:
    """gateway/engine_calls.py: the handler finds the lock's holder inside a gRPC client call to
    this gateway and answers FAILED_PRECONDITION, naming the thread."""
    wire = Wire(zeebe)
    _deploy(wire)
    started = time.monotonic()
    with zeebe.server.engine.lock:
        try:
            wire.create("p")
        except grpc.RpcError as error:
            code, details = error.code(), error.details()  # type: ignore[attr-defined]
        else:
            raise AssertionError("the call succeeded while its own thread held the engine lock")
    assert time.monotonic() - started < 5
    assert code is grpc.StatusCode.FAILED_PRECONDITION
    assert details == DEADLOCK.format(thread=threading.current_thread().name)
    assert details == (
        f"pytest-zeebe: the engine is locked by thread '{threading.current_thread().name}', which is itself "
        "waiting in a gRPC call to this gateway; a thread that holds the engine lock must not call the gateway"
    )
    assert not zeebe.records.workflow_instance_creations()
    wire.create("p")  # and the gateway is fine afterwards


def test_a_lock_holder_making_quick_calls_is_no_deadlock(zeebe: ZeebeHarness) -> None:
    """Only a holder that stays inside a gRPC call is waiting for the gateway: calls that need no
    engine (Topology) made while holding the lock must not fail other threads' calls."""
    wire = Wire(zeebe)
    _deploy(wire)
    outcome: list[Any] = []

    def create() -> None:
        try:
            outcome.append(wire.create("p"))
        except grpc.RpcError as error:
            outcome.append(error.details())  # type: ignore[attr-defined]

    other = threading.Thread(target=create)
    with zeebe.server.engine.lock:
        other.start()
        until = time.monotonic() + 0.6
        while time.monotonic() < until:
            wire.stub.Topology(wire.m.TopologyRequest(), timeout=5)
    other.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], int), outcome
