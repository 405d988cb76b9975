"""The embedded backend: the harness's commands go straight to our in-process engine.

The engine runs each command to completion before it returns, so whatever a test asks next (the
records, the state, an assertion) already sees everything the command caused. The same engine
serves a real gRPC gateway, so a client in another thread sees the same Zeebe.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from pytest_zeebe.engine import commands
from pytest_zeebe.engine.engine import Engine
from pytest_zeebe.engine.job_activation import activate_round
from pytest_zeebe.engine.records import RecordLog
from pytest_zeebe.engine.results import Accepted, Command, Rejected
from pytest_zeebe.engine.values import DeploymentRecordValue, WorkflowInstanceCreationRecordValue
from pytest_zeebe.errors import CommandRejectedError, DeploymentRejectedError, InvalidResourceError
from pytest_zeebe.gateway import protocol as pb
from pytest_zeebe.gateway.server import MAX_MESSAGE_BYTES, GatewayServer
from pytest_zeebe.model import ResourceKind
from pytest_zeebe.settings import Settings
from pytest_zeebe.testing.results import ActivatedJob, DeployedWorkflow, Deployment, WorkflowInstance

REQUEST_TOO_LARGE = "RESOURCE_EXHAUSTED: Received message larger than max ({size} vs. {limit})"
"""What a client sending the same deployment to the gateway gets (grpcio's text; Zeebe's gateway
keeps gRPC's 4 MB limit, and 0.26 has no smaller one)."""


class EmbeddedBackend:
    """Our engine behind our gateway.

    :param server: the running gateway whose engine the harness drives.
    :param owns_server: stop the server on `close()` (a harness started from plain Python does;
        the pytest fixture shares one server per session and does not).
    """

    embedded = True

    def __init__(self, server: GatewayServer, *, owns_server: bool = False) -> None:
        self.server = server
        self._owns_server = owns_server

    @classmethod
    def start(cls, settings: Settings, *, host: str = "127.0.0.1", port: int = 0) -> EmbeddedBackend:
        """A new engine and gateway on `host:port` (0: a free port), owned by the backend."""
        server = GatewayServer(Engine(settings.engine_config()), host=host, port=port).start()
        return cls(server, owns_server=True)

    @property
    def address(self) -> str:
        return self.server.address

    @property
    def engine(self) -> Engine:
        return self.server.engine

    # -- the record log, for RecordQuery ------------------------------------------------------

    @property
    def log(self) -> RecordLog:
        """The engine's current log (a reset replaces it, so never keep it)."""
        return self.server.engine.log

    @property
    def lock(self) -> AbstractContextManager[Any]:
        return self.server.engine.lock

    # -- commands -------------------------------------------------------------------------------

    def _submit(self, command: Command) -> Accepted:
        result = self.engine.submit(command)
        if isinstance(result, Rejected):
            raise CommandRejectedError(result.intent.value, result.rejection_type.value, result.reason)
        return result

    def deploy(self, resources: Sequence[tuple[str, bytes, ResourceKind]]) -> Deployment:
        request = pb.DeployWorkflowRequest(
            workflows=[pb.WorkflowRequestObject(name=name, definition=content) for name, content, _ in resources]
        )
        if request.ByteSize() > MAX_MESSAGE_BYTES:  # what a client sending it to the gateway meets
            raise InvalidResourceError(REQUEST_TOO_LARGE.format(size=request.ByteSize(), limit=MAX_MESSAGE_BYTES))
        result = self.engine.submit(commands.deploy(resources))
        if isinstance(result, Rejected):
            raise DeploymentRejectedError(result.intent.value, result.rejection_type.value, result.reason)
        value = result.value
        assert isinstance(value, DeploymentRecordValue)
        workflows = tuple(
            DeployedWorkflow(w.bpmn_process_id, w.version, w.workflow_key, w.resource_name)
            for w in value.deployed_workflows
        )
        return Deployment(result.key, workflows)

    def create_instance(self, bpmn_process_id: str, variables: Mapping[str, Any], version: int) -> WorkflowInstance:
        command = commands.create_instance(
            partition_id=self.engine.next_creation_partition(),
            bpmn_process_id=bpmn_process_id,
            version=version,
            variables=variables,
        )
        value = self._submit(command).value
        assert isinstance(value, WorkflowInstanceCreationRecordValue)
        return WorkflowInstance(value.workflow_instance_key, value.bpmn_process_id, value.version, value.workflow_key)

    def activate_jobs(self, job_type: str, *, max_jobs: int, timeout_ms: int, worker: str) -> list[ActivatedJob]:
        result = activate_round(
            self.engine, job_type=job_type, worker=worker, timeout=timeout_ms, max_jobs_to_activate=max_jobs
        )
        if isinstance(result, Rejected):
            raise CommandRejectedError(result.intent.value, result.rejection_type.value, result.reason)
        return [
            ActivatedJob.from_record(key, job)
            for batch in result
            for key, job in zip(batch.job_keys, batch.jobs, strict=True)
        ]

    def complete_job(self, job_key: int, variables: Mapping[str, Any]) -> None:
        self._submit(commands.complete_job(job_key, variables))

    # -- lifecycle ------------------------------------------------------------------------------

    def reset(self) -> None:
        """A fresh engine (no workflows, records or keys; clock at its start) and no recorded failures."""
        self.engine.reset()
        self.server.errors.clear()

    def failures(self) -> list[BaseException]:
        """What went wrong inside the engine or gateway since the last reset (bugs of ours, and steps
        Zeebe 0.26 fails too)."""
        return [*self.engine.errors, *self.server.errors]

    def close(self) -> None:
        if self._owns_server:
            self.server.stop()
