"""Driving the gateway over the wire in a line per RPC, and reading what the engine wrote.

`Wire` wraps the project's own gRPC stub (`zeebe.stub`): every call goes through the real
gateway, its status codes and texts. The record helpers read the harness's record log and shape it
for exact assertions (per-element lifecycles, variable records, incidents).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import grpc
import pytest

from pytest_zeebe.engine.records import Record
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process

ON_PARTITION_1_UNUSED = (1 << 51) + 123
"""encodePartitionId(1, 123): a key on a known partition that names nothing (SEMANTICS §3)."""


class Wire:
    """One callable per RPC the core tests use, on `zeebe.stub`."""

    def __init__(self, zeebe: ZeebeHarness) -> None:
        self.zeebe = zeebe
        self.stub = zeebe.stub
        self.m = zeebe.stub.messages

    def deploy(self, *processes: Process) -> Any:
        resources = [self.m.WorkflowRequestObject(name=f"{p.id}.bpmn", definition=p.xml()) for p in processes]
        return self.stub.DeployWorkflow(self.m.DeployWorkflowRequest(workflows=resources))

    def create(self, process_id: str, variables: dict[str, Any] | None = None) -> int:
        request = self.m.CreateWorkflowInstanceRequest(
            bpmnProcessId=process_id, version=-1, variables=json.dumps(variables or {})
        )
        return int(self.stub.CreateWorkflowInstance(request).workflowInstanceKey)

    def activate(
        self, job_type: str, *, max_jobs: int = 32, timeout: int = 60_000, fetch: tuple[str, ...] = ()
    ) -> list[Any]:
        request = self.m.ActivateJobsRequest(
            type=job_type,
            worker="wire",
            timeout=timeout,
            maxJobsToActivate=max_jobs,
            requestTimeout=-1,
            fetchVariable=list(fetch),
        )
        return [job for response in self.stub.ActivateJobs(request, timeout=10) for job in response.jobs]

    def job(self, job_type: str) -> Any:
        """The one activatable job of `job_type` (activated now)."""
        (job,) = self.activate(job_type, max_jobs=1)
        return job

    def complete(self, job_key: int, variables: dict[str, Any] | str | None = None) -> None:
        text = variables if isinstance(variables, str) else json.dumps(variables or {})
        self.stub.CompleteJob(self.m.CompleteJobRequest(jobKey=job_key, variables=text))

    def fail(self, job_key: int, retries: int, message: str = "") -> None:
        self.stub.FailJob(self.m.FailJobRequest(jobKey=job_key, retries=retries, errorMessage=message))

    def update_retries(self, job_key: int, retries: int) -> None:
        self.stub.UpdateJobRetries(self.m.UpdateJobRetriesRequest(jobKey=job_key, retries=retries))

    def resolve(self, incident_key: int) -> None:
        self.stub.ResolveIncident(self.m.ResolveIncidentRequest(incidentKey=incident_key))

    def cancel(self, instance_key: int) -> None:
        self.stub.CancelWorkflowInstance(self.m.CancelWorkflowInstanceRequest(workflowInstanceKey=instance_key))

    def set_variables(self, scope_key: int, variables: dict[str, Any] | str, *, local: bool = False) -> int:
        text = variables if isinstance(variables, str) else json.dumps(variables)
        request = self.m.SetVariablesRequest(elementInstanceKey=scope_key, variables=text, local=local)
        return int(self.stub.SetVariables(request).key)


def rpc_error(call: Callable[[], object]) -> tuple[grpc.StatusCode, str]:
    """The status code and details of a call that must fail."""
    with pytest.raises(grpc.RpcError) as error:
        call()
    return error.value.code(), error.value.details()  # type: ignore[attr-defined]


def rejected(intent: str, rejection: str, reason: str) -> str:
    """The gateway's text for a rejection (Zeebe's GrpcErrorMapper)."""
    return f"Command '{intent}' rejected with code '{rejection}': {reason}"


# -- reading the record log ---------------------------------------------------------------------


def lifecycle(zeebe: ZeebeHarness, instance_key: int) -> list[tuple[str, str]]:
    """(element id, intent) of the instance's WORKFLOW_INSTANCE events, in log order."""
    return [
        (r.value.element_id, r.intent.value)  # type: ignore[attr-defined]
        for r in zeebe.records.workflow_instance().events()
        if r.value.workflow_instance_key == instance_key  # type: ignore[attr-defined]
    ]


def of_element(zeebe: ZeebeHarness, instance_key: int, element_id: str) -> list[str]:
    """The intents of one element's records in an instance (all its instances), in log order."""
    return [intent for element, intent in lifecycle(zeebe, instance_key) if element == element_id]


def element_key(zeebe: ZeebeHarness, instance_key: int, element_id: str) -> int:
    """The key of the (first) instance of `element_id`."""
    return (
        zeebe.records.workflow_instance(
            intent="ELEMENT_ACTIVATING", element_id=element_id, workflow_instance_key=instance_key
        )
        .first()
        .key
    )


def variables_in(zeebe: ZeebeHarness, scope_key: int) -> list[tuple[str, str, str]]:
    """(intent, name, JSON value) of the VARIABLE records written in one scope."""
    return [
        (r.intent.value, r.value.name, r.value.value)  # type: ignore[attr-defined]
        for r in zeebe.records.variables(scope_key=scope_key)
    ]


def incidents(zeebe: ZeebeHarness, instance_key: int) -> list[Record]:
    """The instance's INCIDENT CREATED events."""
    return list(zeebe.records.incidents(intent="CREATED", workflow_instance_key=instance_key))


def kinds(records: list[Record]) -> list[tuple[str, str, str]]:
    """(record type, value type, intent) of each record."""
    return [(r.record_type.value, r.value_type.value, r.intent.value) for r in records]


PASSED = ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "ELEMENT_COMPLETING", "ELEMENT_COMPLETED"]
TERMINATED = ["ELEMENT_TERMINATING", "ELEMENT_TERMINATED"]
