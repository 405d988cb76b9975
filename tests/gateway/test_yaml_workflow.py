"""A YAML workflow deployed through gRPC as pyzeebe sends it (type FILE, `.yaml` name) and run.

SEMANTICS §2.4: tasks become service tasks in list order, the workflow ends after the last one.
"""

from __future__ import annotations

import json

from pytest_zeebe.gateway import protocol as pb
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.client import GatewayClient

ORDER_YAML = b"""name: order-yaml
tasks:
  - id: collect-money
    type: payment-service
    retries: 5
    headers:
      method: express
  - id: ship-parcel
    type: shipment-service
"""


def test_a_yaml_workflow_deploys_and_runs(zeebe: ZeebeHarness) -> None:
    client = GatewayClient(zeebe.address)
    try:
        deployed = client.deploy_file("order.yaml", ORDER_YAML)
        (workflow,) = deployed.workflows
        assert (workflow.bpmnProcessId, workflow.version, workflow.resourceName) == ("order-yaml", 1, "order.yaml")
        instance = client.create_instance("order-yaml", '{"orderId": 7}')
        (payment,) = client.activate("payment-service")
        assert payment.retries == 5
        assert json.loads(payment.customHeaders) == {"method": "express"}
        client.call("CompleteJob", pb.CompleteJobRequest(jobKey=payment.key))
        (shipment,) = client.activate("shipment-service")
        client.call("CompleteJob", pb.CompleteJobRequest(jobKey=shipment.key))
    finally:
        client.close()
    assert zeebe.records[1].to_dict()["value"]["resources"][0]["resourceType"] == "YAML_WORKFLOW"
    last = zeebe.records[-1]
    assert (last.key, last.intent.value, last.value.bpmn_element_type) == (
        instance.workflowInstanceKey,
        "ELEMENT_COMPLETED",
        "PROCESS",
    )
