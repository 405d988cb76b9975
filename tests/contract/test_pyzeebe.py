"""pyzeebe 2.4 (the last release with the workflow API) against the fake gateway.

CLIENTS.md: pyzeebe never sets the resource type (FILE: resolved from the name), and its worker
calls ActivateJobs again as soon as a stream ends, so long polling must hold the call.
Installed in tox's coexistence env only (it pins protobuf 3.20-era code).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from pytest_zeebe.engine.intents import WorkflowInstanceIntent
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.client import RESOURCES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pyzeebe = pytest.importorskip("pyzeebe", reason="pyzeebe is installed in the coexistence env")


def _split(address: str) -> tuple[str, int]:
    host, port = address.rsplit(":", 1)
    return host, int(port)


def test_pyzeebe_client_and_worker_run_a_workflow(zeebe: ZeebeHarness) -> None:
    host, port = _split(zeebe.address)
    client = pyzeebe.ZeebeClient(hostname=host, port=port)
    client.deploy_workflow(str(RESOURCES / "order.bpmn"))

    handled = threading.Event()
    seen: dict[str, object] = {}
    worker = pyzeebe.ZeebeWorker(name="contract", hostname=host, port=port, request_timeout=1_000)

    @worker.task(task_type="payment-service", timeout=10_000)
    def collect_payment(orderId: str) -> dict[str, object]:
        seen["orderId"] = orderId
        handled.set()
        return {"paid": True}

    instance_key = client.run_workflow("order-process", {"orderId": "A-7"})
    worker.work()  # starts the worker's threads and returns
    try:
        assert handled.wait(10), "the worker never got the job"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _completed(zeebe, instance_key):
            time.sleep(0.02)
    finally:
        worker.stop(wait=True)
    assert seen == {"orderId": "A-7"}
    assert _completed(zeebe, instance_key)
    paid = [r.value.to_dict() for r in zeebe.records if r.value_type.value == "VARIABLE" and r.value.name == "paid"]
    assert [(v["value"], v["scopeKey"]) for v in paid] == [("true", instance_key)]


def _completed(zeebe: ZeebeHarness, instance_key: int) -> bool:
    return any(r.key == instance_key and r.intent is WorkflowInstanceIntent.ELEMENT_COMPLETED for r in zeebe.records)


def test_a_pyzeebe_worker_in_process_with_wait_until_and_a_mock_worker(zeebe: ZeebeHarness) -> None:
    """Issue #10: a pyzeebe 2.4 ZeebeWorker on its own threads against the `zeebe` fixture; the test
    waits with `wait_until`. A mock worker takes the second job: it acts after the pyzeebe
    worker's gRPC CompleteJob, in the thread that sent it."""
    from pytest_zeebe import assert_that

    zeebe.deploy(EXAMPLES / "order.bpmn")
    shipping = zeebe.worker("ship-parcel").complete(shipped=True)
    host, port = _split(zeebe.address)
    worker = pyzeebe.ZeebeWorker(name="card-worker", hostname=host, port=port, request_timeout=1_000)

    @worker.task(task_type="charge-card", timeout=10_000)
    def charge(orderId: str) -> dict[str, object]:
        return {"receipt": f"R-{orderId}"}

    order = zeebe.create_instance("order-fulfilment", {"orderId": "A-42"})
    worker.work()
    try:
        zeebe.wait_until(lambda: assert_that(order).is_completed(), timeout=10)
    finally:
        worker.stop(wait=True)
    assert_that(order).has_variables(orderId="A-42", receipt="R-A-42", shipped=True)
    (charged,) = zeebe.records.job_batches(intent="ACTIVATED", type="charge-card").where(lambda r: r.value.jobs)
    assert charged.value.worker == "card-worker"
    assert [invocation.job.worker for invocation in shipping.invocations] == ["pytest-zeebe-mock-worker"]
