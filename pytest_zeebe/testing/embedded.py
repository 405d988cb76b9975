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
from pytest_zeebe.engine.results import Accepted, Command, Rejected, ResultHandle
from pytest_zeebe.engine.values import (
    DeploymentRecordValue,
    WorkflowInstanceCreationRecordValue,
    WorkflowInstanceResultRecordValue,
)
from pytest_zeebe.errors import CommandRejectedError, DeploymentRejectedError, InvalidResourceError
from pytest_zeebe.gateway import protocol as pb
from pytest_zeebe.gateway.server import MAX_MESSAGE_BYTES, GatewayServer
from pytest_zeebe.model import ResourceKind
from pytest_zeebe.settings import Settings
from pytest_zeebe.testing.results import (
    ActivatedJob,
    DeployedWorkflow,
    Deployment,
    Incident,
    InstanceResult,
    Job,
    PublishedMessage,
    WorkflowInstance,
)

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

    def fail_job(self, job_key: int, retries: int, message: str) -> None:
        self._submit(commands.fail_job(job_key, retries, message))

    def throw_error(self, job_key: int, error_code: str, message: str) -> None:
        self._submit(commands.throw_error(job_key, error_code, message))

    def update_job_retries(self, job_key: int, retries: int) -> None:
        self._submit(commands.update_job_retries(job_key, retries))

    def resolve_incident(self, incident_key: int) -> None:
        self._submit(commands.resolve_incident(incident_key))

    def cancel_instance(self, workflow_instance_key: int) -> None:
        self._submit(commands.cancel_instance(workflow_instance_key))

    def set_variables(self, element_instance_key: int, variables: Mapping[str, Any], local: bool) -> int:
        return self._submit(commands.set_variables(element_instance_key, variables, local=local)).key

    def publish_message(
        self, name: str, correlation_key: str, variables: Mapping[str, Any], time_to_live: int, message_id: str
    ) -> PublishedMessage:
        command = commands.publish_message(
            partition_count=self.engine.config.partition_count,
            name=name,
            correlation_key=correlation_key,
            time_to_live=time_to_live,
            message_id=message_id,
            variables=variables,
        )
        return PublishedMessage(self._submit(command).key, name, correlation_key, message_id)

    def create_instance_awaiting(
        self, bpmn_process_id: str, variables: Mapping[str, Any], version: int, fetch_variables: Sequence[str]
    ) -> tuple[int, ResultHandle]:
        """Create an instance whose result is awaited (CREATE_WITH_AWAITING_RESULT): its key and the handle."""
        engine = self.engine
        with engine.lock:  # so the creation we look up below is ours, whatever other threads send
            start = len(engine.log)
            command = commands.create_instance(
                partition_id=engine.next_creation_partition(),
                bpmn_process_id=bpmn_process_id,
                version=version,
                variables=variables,
                awaiting_result=True,
                fetch_variables=fetch_variables,
            )
            handle = engine.submit_awaiting(command)
            result = handle.result(0)
            if isinstance(result, Rejected):
                raise CommandRejectedError(result.intent.value, result.rejection_type.value, result.reason)
            created = next(
                r.value
                for r in (engine.log[i] for i in range(start, len(engine.log)))
                if isinstance(r.value, WorkflowInstanceCreationRecordValue) and r.intent.value == "CREATED"
            )
        return created.workflow_instance_key, handle

    @staticmethod
    def instance_result(handle: ResultHandle) -> InstanceResult | None:
        """The finished instance of `handle`, or None while it runs."""
        result = handle.result(0)
        if not isinstance(result, Accepted):
            return None
        value = result.value
        assert isinstance(value, WorkflowInstanceResultRecordValue)
        return InstanceResult(
            value.workflow_instance_key, value.bpmn_process_id, value.version, value.workflow_key, dict(value.variables)
        )

    # -- the current state, for zeebe.jobs() and zeebe.incidents() ------------------------------

    def jobs(self) -> list[Job]:
        """Every job the engine holds now (completed and cancelled jobs are gone), lowest key first."""
        with self.engine.lock:
            state = self.engine.state
            jobs = []
            for key in sorted(state.jobs.jobs):
                job = state.jobs.jobs[key]
                value = job.record
                visible = state.variables.visible_document(value.element_instance_key)
                jobs.append(
                    Job(
                        key=key,
                        type=value.type,
                        state=job.state.value,
                        retries=value.retries,
                        worker=value.worker,
                        deadline=value.deadline,
                        error_message=value.error_message,
                        workflow_instance_key=value.workflow_instance_key,
                        bpmn_process_id=value.bpmn_process_id,
                        workflow_key=value.workflow_key,
                        element_id=value.element_id,
                        element_instance_key=value.element_instance_key,
                        custom_headers=dict(value.custom_headers),
                        variables=visible,
                    )
                )
            return jobs

    def incidents(self) -> list[Incident]:
        """Every open incident now, lowest key first."""
        with self.engine.lock:
            incidents = self.engine.state.incidents.incidents
            return [
                Incident(
                    key=key,
                    error_type=value.error_type,
                    error_message=value.error_message,
                    workflow_instance_key=value.workflow_instance_key,
                    bpmn_process_id=value.bpmn_process_id,
                    element_id=value.element_id,
                    element_instance_key=value.element_instance_key,
                    job_key=value.job_key,
                )
                for key, value in sorted(incidents.items())
            ]

    def activatable(self, job_type: str) -> bool:
        """Whether a job of `job_type` waits for a worker (a read of the state: no records written)."""
        with self.engine.lock:
            return bool(self.engine.state.jobs.activatable_keys(job_type))

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
