"""Example: testing an order workflow with the `zeebe` fixture, the way a user would.

Run with:  pip install -e . && pytest examples
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import grpc

from pytest_zeebe.gateway import protocol as pb

ORDER = Path(__file__).parent / "order.bpmn"


def test_an_order_is_charged_then_shipped(zeebe):
    zeebe.deploy(ORDER)
    order = zeebe.create_instance("order-fulfilment", {"orderId": "A-42", "amount": 99.9})

    (charge,) = zeebe.activate_jobs("charge-card")
    assert charge.custom_headers == {"provider": "acme-pay"}
    assert charge.variables == {"orderId": "A-42", "amount": 99.9}
    zeebe.complete_job(charge.key, {"receipt": "R-1"})

    (ship,) = zeebe.activate_jobs("ship-parcel")
    assert ship.variables["receipt"] == "R-1"
    zeebe.complete_job(ship.key)

    passed = [r.value.element_id for r in zeebe.records if r.intent.value == "ELEMENT_COMPLETED"]
    assert passed == ["order-received", "charge-card", "ship-parcel", "order-fulfilled", "order-fulfilment"]
    assert order.bpmn_process_id == "order-fulfilment"


def test_a_worker_that_misses_its_deadline_loses_the_job(zeebe):
    zeebe.deploy(ORDER)
    zeebe.create_instance("order-fulfilment", {"orderId": "A-43"})
    (job,) = zeebe.activate_jobs("charge-card", timeout_ms=60_000)
    assert zeebe.activate_jobs("charge-card") == []

    zeebe.clock.advance(timedelta(minutes=2))
    (again,) = zeebe.activate_jobs("charge-card", worker="second-worker")
    assert again.key == job.key
    assert again.worker == "second-worker"


def test_any_grpc_client_can_talk_to_the_gateway(zeebe):
    """Point your real client at `zeebe.address`; here, plain grpcio with the gateway's messages."""
    with grpc.insecure_channel(zeebe.address) as channel:
        deploy = channel.unary_unary(
            pb.method_path("DeployWorkflow"),
            request_serializer=lambda message: message.SerializeToString(),
            response_deserializer=pb.DeployWorkflowResponse.FromString,
        )
        request = pb.DeployWorkflowRequest(
            workflows=[pb.WorkflowRequestObject(name="order.bpmn", definition=ORDER.read_bytes())]
        )
        response = deploy(request)
    assert response.workflows[0].bpmnProcessId == "order-fulfilment"
    created = [r.to_dict() for r in zeebe.records if r.intent.value == "CREATED"]
    assert json.loads(json.dumps(created))[0]["value"]["deployedWorkflows"][0]["version"] == 1
