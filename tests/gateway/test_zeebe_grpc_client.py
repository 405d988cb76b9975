"""The fake driven by zeebe-grpc 0.26's own generated stubs, imported in the same process.

zeebe-grpc registers `gateway_protocol.*` in protobuf's default pool; ours live in a private pool,
so both load side by side. tox's `coexistence` env installs zeebe-grpc==0.26.0.0 on protobuf 3.20.3.
"""

from __future__ import annotations

import json
import threading
import time

import grpc
import pytest

from pytest_zeebe.engine.intents import WorkflowInstanceIntent
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.client import RESOURCES

gateway_pb2 = pytest.importorskip("zeebe_grpc.gateway_pb2", reason="zeebe-grpc is installed in the coexistence env")
gateway_pb2_grpc = pytest.importorskip("zeebe_grpc.gateway_pb2_grpc")


def test_zeebe_grpc_stubs_run_a_workflow_end_to_end(zeebe: ZeebeHarness) -> None:
    with grpc.insecure_channel(zeebe.address) as channel:
        stub = gateway_pb2_grpc.GatewayStub(channel)
        deployed = stub.DeployWorkflow(
            gateway_pb2.DeployWorkflowRequest(
                workflows=[
                    gateway_pb2.WorkflowRequestObject(
                        name="order.bpmn",
                        type=gateway_pb2.WorkflowRequestObject.FILE,
                        definition=(RESOURCES / "order.bpmn").read_bytes(),
                    )
                ]
            )
        )
        assert deployed.workflows[0].workflowKey == 2251799813685249

        jobs: list[object] = []
        request = gateway_pb2.ActivateJobsRequest(
            type="payment-service", worker="zeebe-grpc", timeout=30_000, maxJobsToActivate=1, requestTimeout=10_000
        )
        poll = threading.Thread(target=lambda: jobs.extend(j for r in stub.ActivateJobs(request) for j in r.jobs))
        poll.start()
        deadline = time.monotonic() + 5
        while len(zeebe.server.polls) == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(zeebe.server.polls) == 1, "the long poll was not parked before the instance existed"

        instance = stub.CreateWorkflowInstance(
            gateway_pb2.CreateWorkflowInstanceRequest(bpmnProcessId="order-process", version=-1, variables='{"x": 1}')
        )
        poll.join(5)
        (job,) = jobs
        assert json.loads(job.variables) == {"x": 1}
        stub.CompleteJob(gateway_pb2.CompleteJobRequest(jobKey=job.key, variables='{"paid": true}'))

    completed = [
        r
        for r in zeebe.records
        if r.intent is WorkflowInstanceIntent.ELEMENT_COMPLETED and r.value.bpmn_element_type == "PROCESS"
    ]
    assert [r.key for r in completed] == [instance.workflowInstanceKey]
