"""A minimal gRPC client for the tests, built on the gateway's own message classes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc

from pytest_zeebe.gateway import protocol as pb

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


class GatewayClient:
    """Calls `gateway_protocol.Gateway` RPCs by name: `client.call("Topology", pb.TopologyRequest())`."""

    def __init__(self, address: str) -> None:
        self.channel = grpc.insecure_channel(address)

    def close(self) -> None:
        self.channel.close()

    def _method(self, rpc: str) -> Any:
        method = pb.SERVICE.methods_by_name[rpc]
        response_class = pb.message_class(method.output_type.name)
        factory = self.channel.unary_stream if method.server_streaming else self.channel.unary_unary
        return factory(
            pb.method_path(rpc),
            request_serializer=lambda request: request.SerializeToString(),
            response_deserializer=response_class.FromString,
        )

    def call(self, rpc: str, request: Any, timeout: float = 10.0) -> Any:
        return self._method(rpc)(request, timeout=timeout)

    def stream(self, rpc: str, request: Any, timeout: float = 30.0) -> Iterator[Any]:
        return iter(self._method(rpc)(request, timeout=timeout))

    def deploy_file(self, name: str, content: bytes | None = None) -> Any:
        data = content if content is not None else (RESOURCES / name).read_bytes()
        request = pb.DeployWorkflowRequest(workflows=[pb.WorkflowRequestObject(name=name, definition=data)])
        return self.call("DeployWorkflow", request)

    def create_instance(self, process_id: str, variables: str = "", version: int = -1) -> Any:
        request = pb.CreateWorkflowInstanceRequest(bpmnProcessId=process_id, version=version, variables=variables)
        return self.call("CreateWorkflowInstance", request)

    def activate(
        self, job_type: str, *, request_timeout: int = -1, max_jobs: int = 10, timeout: int = 60_000
    ) -> list[Any]:
        request = pb.ActivateJobsRequest(
            type=job_type,
            worker="test-worker",
            timeout=timeout,
            maxJobsToActivate=max_jobs,
            requestTimeout=request_timeout,
        )
        return [job for response in self.stream("ActivateJobs", request) for job in response.jobs]

    def complete(self, job_key: int, variables: dict[str, Any] | None = None) -> Any:
        request = pb.CompleteJobRequest(jobKey=job_key, variables=json.dumps(variables or {}))
        return self.call("CompleteJob", request)

    def cancel(self, workflow_instance_key: int) -> Any:
        request = pb.CancelWorkflowInstanceRequest(workflowInstanceKey=workflow_instance_key)
        return self.call("CancelWorkflowInstance", request)

    def set_variables(self, scope_key: int, variables: dict[str, Any], *, local: bool = False) -> Any:
        request = pb.SetVariablesRequest(elementInstanceKey=scope_key, variables=json.dumps(variables), local=local)
        return self.call("SetVariables", request)

    def resolve(self, incident_key: int) -> Any:
        return self.call("ResolveIncident", pb.ResolveIncidentRequest(incidentKey=incident_key))
