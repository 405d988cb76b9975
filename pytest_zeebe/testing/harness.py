"""`zeebe`: what a test holds — the gateway's address, and direct control of the engine behind it."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pytest_zeebe.engine import commands
from pytest_zeebe.engine.documents import DocumentError, normalize_document
from pytest_zeebe.engine.job_activation import activate_round
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.results import Accepted, Command, Rejected
from pytest_zeebe.engine.values import DeploymentRecordValue, WorkflowInstanceCreationRecordValue
from pytest_zeebe.errors import (
    CommandRejectedError,
    DeploymentRejectedError,
    InvalidResourceError,
    InvalidVariablesError,
)
from pytest_zeebe.gateway.server import GatewayServer
from pytest_zeebe.model import ResourceKind, resource_kind_for_name
from pytest_zeebe.testing.clock_control import ZeebeClock
from pytest_zeebe.testing.results import ActivatedJob, DeployedWorkflow, Deployment, WorkflowInstance

Resource = str | os.PathLike[str] | tuple[str, bytes | str]


class RecordStream(Sequence[Record]):
    """The engine's record log, oldest first, as Zeebe's exporters would have seen it."""

    def __init__(self, harness: ZeebeHarness) -> None:
        self._engine = harness.server.engine

    def _snapshot(self) -> list[Record]:
        with self._engine.lock:
            return list(self._engine.log)

    def __iter__(self) -> Iterator[Record]:
        return iter(self._snapshot())

    def __len__(self) -> int:
        return len(self._engine.log)

    def __getitem__(self, index: Any) -> Any:
        return self._snapshot()[index]

    def to_dicts(self) -> list[dict[str, object]]:
        """Every record in Zeebe's JSON form."""
        return [record.to_dict() for record in self]


class ZeebeHarness:
    """A fresh Zeebe 0.26 fake for one test: point clients at `address`, or drive it directly.

    :param server: the running gateway whose engine this test owns.
    """

    def __init__(self, server: GatewayServer) -> None:
        self.server = server
        self.clock = ZeebeClock(server.engine)
        self.records = RecordStream(self)

    @property
    def address(self) -> str:
        """`127.0.0.1:PORT` of the gateway: plaintext gRPC, for any Zeebe 0.26 client."""
        return self.server.address

    def _submit(self, command: Command) -> Accepted:
        result = self.server.engine.submit(command)
        if isinstance(result, Rejected):
            raise CommandRejectedError(result.intent.value, result.rejection_type.value, result.reason)
        return result

    def deploy(self, *resources: Resource) -> Deployment:
        """Deploy BPMN or YAML resources: file paths, or `(name, content)` pairs.

        :raises DeploymentRejectedError: with Zeebe's validation report as the message.
        """
        loaded = [_load(resource) for resource in resources]
        result = self.server.engine.submit(commands.deploy(loaded))
        if isinstance(result, Rejected):
            raise DeploymentRejectedError(result.intent.value, result.rejection_type.value, result.reason)
        value = result.value
        assert isinstance(value, DeploymentRecordValue)
        workflows = tuple(
            DeployedWorkflow(w.bpmn_process_id, w.version, w.workflow_key, w.resource_name)
            for w in value.deployed_workflows
        )
        return Deployment(result.key, workflows)

    def create_instance(
        self, bpmn_process_id: str, variables: Mapping[str, Any] | None = None, version: int = -1
    ) -> WorkflowInstance:
        """Start an instance of the latest (or the given) version of `bpmn_process_id`."""
        document = _document(variables)
        command = commands.create_instance(
            partition_id=self.server.engine.next_creation_partition(),
            bpmn_process_id=bpmn_process_id,
            version=version,
            variables=document,
        )
        value = self._submit(command).value
        assert isinstance(value, WorkflowInstanceCreationRecordValue)
        return WorkflowInstance(value.workflow_instance_key, value.bpmn_process_id, value.version, value.workflow_key)

    def activate_jobs(
        self, job_type: str, *, max_jobs: int = 32, timeout_ms: int = 300_000, worker: str = "pytest-zeebe"
    ) -> list[ActivatedJob]:
        """Activate up to `max_jobs` jobs of `job_type` now (no waiting), lowest key first."""
        result = activate_round(
            self.server.engine, job_type=job_type, worker=worker, timeout=timeout_ms, max_jobs_to_activate=max_jobs
        )
        if isinstance(result, Rejected):
            raise CommandRejectedError(result.intent.value, result.rejection_type.value, result.reason)
        return [
            ActivatedJob(
                key=key,
                type=job.type,
                workflow_instance_key=job.workflow_instance_key,
                bpmn_process_id=job.bpmn_process_id,
                workflow_definition_version=job.workflow_definition_version,
                workflow_key=job.workflow_key,
                element_id=job.element_id,
                element_instance_key=job.element_instance_key,
                custom_headers=dict(job.custom_headers),
                worker=job.worker,
                retries=job.retries,
                deadline=job.deadline,
                variables=dict(job.variables),
            )
            for batch in result
            for key, job in zip(batch.job_keys, batch.jobs, strict=True)
        ]

    def complete_job(self, job_key: int, variables: Mapping[str, Any] | None = None) -> None:
        """Complete a job, merging `variables` into the instance as a worker's completion does."""
        self._submit(commands.complete_job(job_key, _document(variables)))


def _document(variables: Mapping[str, Any] | None) -> dict[str, Any]:
    """Variables as a client would send them: a JSON object, checked like the gateway checks one."""
    try:
        return normalize_document(variables or {})
    except DocumentError as error:
        raise InvalidVariablesError(str(error)) from None


def _load(resource: Resource) -> tuple[str, bytes, ResourceKind]:
    if isinstance(resource, tuple):
        name, content = resource
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    else:
        path = Path(resource)
        name = path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InvalidResourceError(f"cannot read resource {str(path)!r}: {error.strerror}") from None
    kind = resource_kind_for_name(name)
    if kind is None:
        raise InvalidResourceError(
            f"Expected argument 'name' to be a string ending with either .bpmn or .yaml, but was {name}"
        )
    return name, data, kind
