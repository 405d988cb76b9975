"""Long polling: who gets a job, and what a reset or the clock does to parked polls."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.client import GatewayClient


def _wait_for_polls(zeebe: ZeebeHarness, count: int) -> None:
    deadline = time.monotonic() + 5
    while len(zeebe.server.polls) < count and time.monotonic() < deadline:
        time.sleep(0.005)
    assert len(zeebe.server.polls) == count


def _poll(client: GatewayClient, results: list[object], request_timeout: int = 3_000) -> threading.Thread:
    thread = threading.Thread(
        target=lambda: results.extend(client.activate("payment-service", request_timeout=request_timeout))
    )
    thread.start()
    return thread


def test_the_poll_that_waited_longest_gets_the_job(zeebe: ZeebeHarness) -> None:
    """Zeebe's gateway serves pending requests first in, first out (LongPollingActivateJobsHandler)."""
    zeebe.deploy("tests/resources/order.bpmn")
    first, second = GatewayClient(zeebe.address), GatewayClient(zeebe.address)
    got_first: list[object] = []
    got_second: list[object] = []
    try:
        threads = [_poll(first, got_first, request_timeout=60_000)]  # outlives a slow, loaded machine
        _wait_for_polls(zeebe, 1)
        threads.append(_poll(second, got_second, request_timeout=500))
        _wait_for_polls(zeebe, 2)
        zeebe.create_instance("order-process")
        for thread in threads:
            thread.join(5)
    finally:
        first.close()
        second.close()
    assert len(got_first) == 1
    assert got_second == []


def test_a_poll_from_before_a_reset_never_takes_a_job_of_the_new_engine(zeebe: ZeebeHarness) -> None:
    """The poll is woken, but the engine is reset (and used by the next test) before it activates."""
    client = GatewayClient(zeebe.address)
    old: list[object] = []
    zeebe.deploy("tests/resources/order.bpmn")
    try:
        thread = _poll(client, old)
        _wait_for_polls(zeebe, 1)
        engine = zeebe.server.engine
        with engine.lock:  # the woken poll blocks here, on the engine lock, as it would in a race
            zeebe.create_instance("order-process")  # wakes the poll
            time.sleep(0.05)  # let the loop run the wake-up and block on the lock
            engine.reset()
            zeebe.deploy("tests/resources/order.bpmn")
            zeebe.create_instance("order-process", {"test": "B"})
        thread.join(5)
    finally:
        client.close()
    assert old == []
    (job,) = zeebe.activate_jobs("payment-service")
    assert job.variables == {"test": "B"}


def test_a_timed_out_job_wakes_a_parked_poll(zeebe: ZeebeHarness) -> None:
    zeebe.deploy("tests/resources/order.bpmn")
    zeebe.create_instance("order-process")
    (first,) = zeebe.activate_jobs("payment-service", timeout_ms=1_000)
    client = GatewayClient(zeebe.address)
    again: list[object] = []
    try:
        thread = _poll(client, again, request_timeout=5_000)
        _wait_for_polls(zeebe, 1)
        zeebe.clock.advance(timedelta(seconds=2))
        thread.join(5)
    finally:
        client.close()
    assert [job.key for job in again] == [first.key]  # type: ignore[attr-defined]
