"""Example: testing an order workflow with the `zeebe` fixture, the way a user would.

Run with:  pip install -e . && pytest examples
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from pytest_zeebe import assert_that

pytestmark = pytest.mark.zeebe_deploy("order.bpmn")  # next to this file, deployed before each test


def test_an_order_is_charged_then_shipped(zeebe):
    order = zeebe.create_instance("order-fulfilment", {"orderId": "A-42", "amount": 99.9})

    (charge,) = zeebe.activate_jobs("charge-card")
    assert_that(charge).has_headers(provider="acme-pay").has_variables(orderId="A-42", amount=99.9)
    zeebe.complete_job(charge.key, {"receipt": "R-1"})
    assert_that(order).is_waiting_exactly_at("ship-parcel").has_passed("charge-card")

    (ship,) = zeebe.activate_jobs("ship-parcel")
    assert ship.variables["receipt"] == "R-1"
    zeebe.complete_job(ship.key)

    (
        assert_that(order)
        .is_completed()
        .has_passed_in_order("order-received", "charge-card", "ship-parcel", "order-fulfilled")
        .has_variables(orderId="A-42", amount=99.9, receipt="R-1")
        .has_no_incidents()
    )


def test_a_worker_that_misses_its_deadline_loses_the_job(zeebe):
    zeebe.create_instance("order-fulfilment", {"orderId": "A-43"})
    (job,) = zeebe.activate_jobs("charge-card", timeout_ms=60_000)
    assert zeebe.activate_jobs("charge-card") == []

    zeebe.clock.advance(timedelta(minutes=2))
    assert_that(job).is_timed_out()
    (again,) = zeebe.activate_jobs("charge-card", worker="second-worker")
    assert again.key == job.key
    assert again.worker == "second-worker"


def test_any_grpc_client_can_talk_to_the_gateway(zeebe):
    """Point your real client at `zeebe.address`; here the ready stub, built from the gateway's own messages."""
    stub, messages = zeebe.stub, zeebe.stub.messages
    created = stub.CreateWorkflowInstance(
        messages.CreateWorkflowInstanceRequest(bpmnProcessId="order-fulfilment", version=-1, variables='{"x": 1}')
    )
    assert_that(created.workflowInstanceKey).is_waiting_at("charge-card").has_variable_with_value("x", 1)
    created_records = zeebe.records.workflow_instance_creations(intent="CREATED")
    assert created_records.last().to_dict()["value"]["workflowInstanceKey"] == created.workflowInstanceKey
