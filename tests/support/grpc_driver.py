"""Driving the embedded Zeebe through its gRPC gateway, and reading what it wrote, for engine tests.

drive = Driver(zeebe)
drive.deploy(process)
instance = drive.create("p", {"orderId": "o-1"})
drive.publish("paid", "o-1", ttl=60_000)
assert drive.lifecycle("pay") == ["ELEMENT_ACTIVATING", ...]
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import grpc
import pytest

from pytest_zeebe.engine.records import Record
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process


class Driver:
    """gRPC calls on the harness's gateway, and record views of its log."""

    def __init__(self, zeebe: ZeebeHarness) -> None:
        self.zeebe = zeebe
        self.stub = zeebe.stub
        self.messages = zeebe.stub.messages
        self.engine = zeebe.server.engine

    # -- commands, through gRPC ----------------------------------------------------------------

    def deploy(self, *processes: Process) -> Any:
        resources = [self.messages.WorkflowRequestObject(name=f"{p.id}.bpmn", definition=p.xml()) for p in processes]
        return self.stub.DeployWorkflow(self.messages.DeployWorkflowRequest(workflows=resources))

    def create(self, process_id: str, variables: Mapping[str, Any] | None = None) -> int:
        request = self.messages.CreateWorkflowInstanceRequest(
            bpmnProcessId=process_id, version=-1, variables=json.dumps(dict(variables or {}))
        )
        return int(self.stub.CreateWorkflowInstance(request).workflowInstanceKey)

    def publish(
        self,
        name: str,
        correlation_key: str,
        *,
        ttl: int = 0,
        message_id: str = "",
        variables: Mapping[str, Any] | None = None,
    ) -> int:
        request = self.messages.PublishMessageRequest(
            name=name,
            correlationKey=correlation_key,
            timeToLive=ttl,
            messageId=message_id,
            variables=json.dumps(dict(variables or {})),
        )
        return int(self.stub.PublishMessage(request).key)

    def activate(self, job_type: str, *, timeout: int = 60_000) -> list[Any]:
        request = self.messages.ActivateJobsRequest(
            type=job_type, worker="test", timeout=timeout, maxJobsToActivate=32, requestTimeout=-1
        )
        return [job for response in self.stub.ActivateJobs(request) for job in response.jobs]

    def complete(self, job_key: int, variables: Mapping[str, Any] | None = None) -> None:
        request = self.messages.CompleteJobRequest(jobKey=job_key, variables=json.dumps(dict(variables or {})))
        self.stub.CompleteJob(request)

    def throw_error(self, job_key: int, code: str, message: str = "") -> None:
        request = self.messages.ThrowErrorRequest(jobKey=job_key, errorCode=code, errorMessage=message)
        self.stub.ThrowError(request)

    def resolve(self, incident_key: int) -> None:
        self.stub.ResolveIncident(self.messages.ResolveIncidentRequest(incidentKey=incident_key))

    def set_variables(self, scope_key: int, variables: Mapping[str, Any], *, local: bool = False) -> None:
        request = self.messages.SetVariablesRequest(
            elementInstanceKey=scope_key, variables=json.dumps(dict(variables)), local=local
        )
        self.stub.SetVariables(request)

    def cancel(self, instance_key: int) -> None:
        self.stub.CancelWorkflowInstance(self.messages.CancelWorkflowInstanceRequest(workflowInstanceKey=instance_key))

    def rejected(self, call: Any, *args: Any, **kwargs: Any) -> tuple[grpc.StatusCode, str]:
        """The status and details of a call that must fail."""
        with pytest.raises(grpc.RpcError) as error:
            call(*args, **kwargs)
        return error.value.code(), error.value.details()

    # -- the clock -----------------------------------------------------------------------------

    def advance(self, **delta: float) -> None:
        self.zeebe.clock.advance(timedelta(**delta))

    @property
    def now(self) -> int:
        return self.zeebe.clock.millis()

    # -- reading the log -----------------------------------------------------------------------

    @property
    def records(self) -> list[Record]:
        return list(self.engine.log)

    def lifecycle(self, element_id: str) -> list[str]:
        """The WORKFLOW_INSTANCE intents of an element, in log order (every instance of it)."""
        return [
            r.intent.value
            for r in self.engine.log
            if r.value_type.value == "WORKFLOW_INSTANCE" and getattr(r.value, "element_id", None) == element_id
        ]

    def trail(self, *value_types: str) -> list[tuple[str, str, str]]:
        """(value type, intent, element id or message name) of the records of these types, in order."""
        result = []
        for r in self.engine.log:
            if r.value_type.value in value_types and r.record_type.value != "COMMAND_REJECTION":
                label = getattr(r.value, "element_id", None) or getattr(r.value, "message_name", None) or ""
                label = label or getattr(r.value, "target_element_id", "") or getattr(r.value, "name", "")
                result.append((r.value_type.value, r.intent.value, label))
        return result

    def of(self, value_type: str, intent: str | None = None, **fields: Any) -> list[Record]:
        """Records of a value type (and intent), whose value fields equal `fields`."""
        return [
            r
            for r in self.engine.log
            if r.value_type.value == value_type
            and r.record_type.value != "COMMAND_REJECTION"
            and (intent is None or r.intent.value == intent)
            and all(getattr(r.value, name) == value for name, value in fields.items())
        ]

    def rejections(self, value_type: str | None = None) -> list[Record]:
        return [
            r
            for r in self.engine.log
            if r.record_type.value == "COMMAND_REJECTION" and (value_type is None or r.value_type.value == value_type)
        ]

    def incidents(self) -> list[Any]:
        """Values of the open incidents (created and not resolved)."""
        created = {r.key: r.value for r in self.of("INCIDENT", "CREATED")}
        for r in self.of("INCIDENT", "RESOLVED"):
            created.pop(r.key, None)
        return list(created.values())

    def incident_key(self) -> int:
        (key,) = [
            r.key
            for r in self.of("INCIDENT", "CREATED")
            if r.key not in {x.key for x in self.of("INCIDENT", "RESOLVED")}
        ]
        return key

    def variable(self, name: str) -> Any:
        """The last value written for a variable (any scope)."""
        values = [json.loads(r.value.value) for r in self.of("VARIABLE", name=name)]
        assert values, f"no variable {name!r} was written"
        return values[-1]

    def completed(self, instance_key: int) -> bool:
        return any(r.key == instance_key for r in self.of("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED"))

    def check(self) -> None:
        """No engine failure, and the replay invariant holds."""
        assert self.engine.errors == []
        self.engine.check_replay()
