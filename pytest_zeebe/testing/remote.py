"""The remote backend: the harness's commands go over gRPC to a real Zeebe 0.26 gateway.

This is what `--zeebe-address host:port` runs the same tests against. Commands a client can send
(deploy, create an instance, activate and complete jobs, ...) behave as they do on the embedded
engine, with the same results and the same exceptions (a rejection's gRPC text is parsed back into
`CommandRejectedError`). What only the fake can do (its clock, its record log, assertions that read
the log, a reset) raises `FakeOnlyError` naming the option, so such a test fails loudly instead of
passing against nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import grpc

from pytest_zeebe.errors import CommandRejectedError, DeploymentRejectedError, FakeOnlyError, GatewayCallError
from pytest_zeebe.model import ResourceKind
from pytest_zeebe.testing.grpc_stub import GatewayStub
from pytest_zeebe.testing.results import (
    ActivatedJob,
    DeployedWorkflow,
    Deployment,
    InstanceResult,
    PublishedMessage,
    WorkflowInstance,
)

_REJECTION = re.compile(r"Command '(?P<intent>[A-Z_]+)' rejected with code '(?P<type>[A-Z_]+)': (?P<reason>.*)", re.S)
_RESOURCE_TYPES = {ResourceKind.BPMN: 1, ResourceKind.YAML: 2}
"""`WorkflowRequestObject.ResourceType`: sent explicitly, since we already know each resource's kind."""

CALL_TIMEOUT_SECONDS = 30.0
"""The deadline of each call (a deployment of a large model takes a real broker a while)."""

FAKE_ONLY = (
    "{feature} needs the embedded fake Zeebe, but this run uses the real gateway at {address} "
    "({how}): {reason}. Run the test without it, or mark it @pytest.mark.zeebe_fake_only to skip it there."
)

_T = TypeVar("_T")


class RemoteBackend:
    """A real gateway at `address`, reached over a plaintext channel owned by the backend.

    :param how: how the user chose this mode, named in the errors of fake-only features.
    """

    embedded = False

    def __init__(self, address: str, *, how: str | None = None) -> None:
        self.address = address
        self.how = how or f"ZeebeHarness.connect({address!r})"
        self._channel = grpc.insecure_channel(address)
        self.stub = GatewayStub(self._channel)

    def fake_only(self, feature: str, reason: str) -> FakeOnlyError:
        """The error for `feature`, which a real gateway cannot offer because of `reason`."""
        return FakeOnlyError(FAKE_ONLY.format(feature=feature, address=self.address, how=self.how, reason=reason))

    def _call(self, rpc: str, request: Any, *, deployment: bool = False) -> Any:
        try:
            return getattr(self.stub, rpc)(request, timeout=CALL_TIMEOUT_SECONDS)
        except grpc.RpcError as error:
            raise _translate(rpc, error, deployment) from None

    def deploy(self, resources: Sequence[tuple[str, bytes, ResourceKind]]) -> Deployment:
        messages = self.stub.messages
        request = messages.DeployWorkflowRequest(
            workflows=[
                messages.WorkflowRequestObject(name=name, type=_RESOURCE_TYPES[kind], definition=content)
                for name, content, kind in resources
            ]
        )
        response = self._call("DeployWorkflow", request, deployment=True)
        workflows = tuple(
            DeployedWorkflow(w.bpmnProcessId, w.version, w.workflowKey, w.resourceName) for w in response.workflows
        )
        return Deployment(response.key, workflows)

    def create_instance(self, bpmn_process_id: str, variables: Mapping[str, Any], version: int) -> WorkflowInstance:
        request = self.stub.messages.CreateWorkflowInstanceRequest(
            bpmnProcessId=bpmn_process_id, version=version, variables=_json(variables)
        )
        response = self._call("CreateWorkflowInstance", request)
        return WorkflowInstance(
            response.workflowInstanceKey, response.bpmnProcessId, response.version, response.workflowKey
        )

    def activate_jobs(self, job_type: str, *, max_jobs: int, timeout_ms: int, worker: str) -> list[ActivatedJob]:
        """Activate at once (a negative `requestTimeout` turns long polling off), as the embedded backend does."""
        request = self.stub.messages.ActivateJobsRequest(
            type=job_type, worker=worker, timeout=timeout_ms, maxJobsToActivate=max_jobs, requestTimeout=-1
        )

        def collect() -> list[ActivatedJob]:
            responses = self.stub.ActivateJobs(request, timeout=CALL_TIMEOUT_SECONDS)
            return [ActivatedJob.from_message(job) for response in responses for job in response.jobs]

        return _translating("ActivateJobs", collect)

    def complete_job(self, job_key: int, variables: Mapping[str, Any]) -> None:
        self._call("CompleteJob", self.stub.messages.CompleteJobRequest(jobKey=job_key, variables=_json(variables)))

    def fail_job(self, job_key: int, retries: int, message: str) -> None:
        messages = self.stub.messages
        self._call("FailJob", messages.FailJobRequest(jobKey=job_key, retries=retries, errorMessage=message))

    def throw_error(self, job_key: int, error_code: str, message: str) -> None:
        request = self.stub.messages.ThrowErrorRequest(jobKey=job_key, errorCode=error_code, errorMessage=message)
        self._call("ThrowError", request)

    def update_job_retries(self, job_key: int, retries: int) -> None:
        self._call("UpdateJobRetries", self.stub.messages.UpdateJobRetriesRequest(jobKey=job_key, retries=retries))

    def resolve_incident(self, incident_key: int) -> None:
        self._call("ResolveIncident", self.stub.messages.ResolveIncidentRequest(incidentKey=incident_key))

    def cancel_instance(self, workflow_instance_key: int) -> None:
        request = self.stub.messages.CancelWorkflowInstanceRequest(workflowInstanceKey=workflow_instance_key)
        self._call("CancelWorkflowInstance", request)

    def set_variables(self, element_instance_key: int, variables: Mapping[str, Any], local: bool) -> int:
        request = self.stub.messages.SetVariablesRequest(
            elementInstanceKey=element_instance_key, variables=_json(variables), local=local
        )
        return int(self._call("SetVariables", request).key)

    def publish_message(
        self, name: str, correlation_key: str, variables: Mapping[str, Any], time_to_live: int, message_id: str
    ) -> PublishedMessage:
        request = self.stub.messages.PublishMessageRequest(
            name=name,
            correlationKey=correlation_key,
            timeToLive=time_to_live,
            messageId=message_id,
            variables=_json(variables),
        )
        return PublishedMessage(int(self._call("PublishMessage", request).key), name, correlation_key, message_id)

    def create_instance_with_result(
        self,
        bpmn_process_id: str,
        variables: Mapping[str, Any],
        version: int,
        fetch_variables: Sequence[str],
        timeout_seconds: float,
    ) -> InstanceResult:
        """CreateWorkflowInstanceWithResult: the broker's workers do the work, within `timeout_seconds`."""
        messages = self.stub.messages
        request = messages.CreateWorkflowInstanceWithResultRequest(
            request=messages.CreateWorkflowInstanceRequest(
                bpmnProcessId=bpmn_process_id, version=version, variables=_json(variables)
            ),
            requestTimeout=int(timeout_seconds * 1000),
            fetchVariables=list(fetch_variables),
        )

        def call() -> Any:
            return self.stub.CreateWorkflowInstanceWithResult(request, timeout=timeout_seconds + CALL_TIMEOUT_SECONDS)

        response = _translating("CreateWorkflowInstanceWithResult", call)
        return InstanceResult(
            response.workflowInstanceKey,
            response.bpmnProcessId,
            response.version,
            response.workflowKey,
            _object(response.variables),
        )

    def close(self) -> None:
        self._channel.close()


def _json(variables: Mapping[str, Any]) -> str:
    return json.dumps(dict(variables), separators=(",", ":"), ensure_ascii=False)


def _object(text: str) -> dict[str, Any]:
    value = json.loads(text) if text.strip() else {}
    return dict(value) if isinstance(value, dict) else {}


def _translating(rpc: str, call: Callable[[], _T]) -> _T:
    try:
        return call()
    except grpc.RpcError as error:
        raise _translate(rpc, error, False) from None


def _translate(rpc: str, error: grpc.RpcError, deployment: bool) -> Exception:
    """A rejection as the embedded backend raises it; anything else as GatewayCallError."""
    code = error.code() if isinstance(error, grpc.Call) else None
    details = (error.details() if isinstance(error, grpc.Call) else None) or str(error)
    match = _REJECTION.fullmatch(details)
    if match:
        kind = DeploymentRejectedError if deployment else CommandRejectedError
        return kind(match["intent"], match["type"], match["reason"])
    return GatewayCallError(rpc, code.name if code is not None else "UNKNOWN", details)
