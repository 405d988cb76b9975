"""The Gateway service: each RPC turns a request into an engine command and the result into a reply.

Handlers run on the server's event loop. Engine commands are quick and serialised by the engine's
lock, so handlers call the engine directly; only ActivateJobs waits (long polling, on the loop).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc

from pytest_zeebe.engine import commands
from pytest_zeebe.engine.engine import Engine
from pytest_zeebe.engine.job_activation import activate_round
from pytest_zeebe.engine.records import BROKER_VERSION
from pytest_zeebe.engine.results import Accepted, Command, Rejected
from pytest_zeebe.engine.values import (
    DeploymentRecordValue,
    JobRecordValue,
    WorkflowInstanceCreationRecordValue,
)
from pytest_zeebe.engine.variables import to_json_text
from pytest_zeebe.gateway import protocol as pb
from pytest_zeebe.gateway.errors import INVALID_ARGUMENT, GatewayError, check_partition, parse_document, rejection_error
from pytest_zeebe.gateway.long_polling import DEFAULT_LONG_POLL_MS, LongPolls
from pytest_zeebe.model import ResourceKind, resource_kind_for_name

_DECLARED_KINDS = {1: ResourceKind.BPMN, 2: ResourceKind.YAML}


def _accepted(result: Accepted | Rejected) -> Accepted:
    if isinstance(result, Rejected):
        raise rejection_error(result)
    return result


class GatewayServicer:
    """The 13 RPCs of `gateway_protocol.Gateway` over one engine."""

    def __init__(self, engine: Engine, polls: LongPolls, advertised: Callable[[], tuple[str, int]]) -> None:
        self._engine = engine
        self._polls = polls
        self._advertised = advertised

    def _submit(self, command: Command) -> Accepted:
        return _accepted(self._engine.submit(command))

    async def Topology(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        host, port = self._advertised()
        count = self._engine.config.partition_count
        partitions = [pb.Partition(partitionId=partition, role=0, health=0) for partition in range(1, count + 1)]
        broker = pb.BrokerInfo(nodeId=0, host=host, port=port, partitions=partitions, version=BROKER_VERSION)
        return pb.TopologyResponse(
            brokers=[broker], clusterSize=1, partitionsCount=count, replicationFactor=1, gatewayVersion=BROKER_VERSION
        )

    async def DeployWorkflow(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        resources = []
        for resource in request.workflows:
            kind = _DECLARED_KINDS.get(resource.type) or resource_kind_for_name(resource.name)
            if kind is None:
                expected = "a string ending with either .bpmn or .yaml"
                details = INVALID_ARGUMENT.format(name="name", expected=expected, actual=resource.name)
                raise GatewayError(grpc.StatusCode.INVALID_ARGUMENT, details)
            resources.append((resource.name, bytes(resource.definition), kind))
        accepted = self._submit(commands.deploy(resources))
        deployment = accepted.value
        assert isinstance(deployment, DeploymentRecordValue)
        workflows = [
            pb.WorkflowMetadata(
                bpmnProcessId=w.bpmn_process_id,
                version=w.version,
                workflowKey=w.workflow_key,
                resourceName=w.resource_name,
            )
            for w in deployment.deployed_workflows
        ]
        return pb.DeployWorkflowResponse(key=accepted.key, workflows=workflows)

    async def CreateWorkflowInstance(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        variables = parse_document(request.variables)
        command = commands.create_instance(
            partition_id=self._engine.next_creation_partition(),
            bpmn_process_id=request.bpmnProcessId,
            version=request.version,
            workflow_key=request.workflowKey,
            variables=variables,
        )
        created = self._submit(command).value
        assert isinstance(created, WorkflowInstanceCreationRecordValue)
        return pb.CreateWorkflowInstanceResponse(
            workflowKey=created.workflow_key,
            bpmnProcessId=created.bpmn_process_id,
            version=created.version,
            workflowInstanceKey=created.workflow_instance_key,
        )

    async def CompleteJob(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        check_partition(request.jobKey, self._engine.config.partition_count)
        variables = parse_document(request.variables)
        self._submit(commands.complete_job(request.jobKey, variables))
        return pb.CompleteJobResponse()

    async def ActivateJobs(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> AsyncIterator[Any]:
        """Activate jobs at once, or hold the call until some become activatable or time runs out.

        `requestTimeout` 0 means the 10 s default, a negative one answers at once. With no job, the
        stream ends with no message. `maxJobsToActivate` < 1 never reaches the engine in 0.26: the
        stream simply ends.
        """
        if request.maxJobsToActivate < 1:
            return
        loop = asyncio.get_running_loop()
        long_polling = request.requestTimeout >= 0
        deadline = loop.time() + (request.requestTimeout or DEFAULT_LONG_POLL_MS) / 1000
        with self._polls.park(request.type, self._engine.generation) as poll:
            while True:
                poll.event.clear()
                responses = self._activate(request, poll.generation)
                if responses:
                    for response in responses:
                        yield response
                    return
                remaining = deadline - loop.time()
                if not long_polling or remaining <= 0:
                    return
                try:
                    await asyncio.wait_for(poll.event.wait(), remaining)
                except TimeoutError:
                    return
                if poll.cancelled or poll.generation != self._engine.generation:
                    return

    def _activate(self, request: Any, generation: int) -> list[Any]:
        """One activation round over every partition, as Zeebe's round-robin handler does.

        Runs under the engine lock, and not at all if the engine was reset since the poll began:
        a poll of the previous test never takes a job of the next one.
        """
        with self._engine.lock:
            if self._engine.generation != generation:
                return []
            return self._activate_round(request)

    def _activate_round(self, request: Any) -> list[Any]:
        result = activate_round(
            self._engine,
            job_type=request.type,
            worker=request.worker,
            timeout=request.timeout,
            max_jobs_to_activate=request.maxJobsToActivate,
            fetch_variables=list(request.fetchVariable),
        )
        if isinstance(result, Rejected):
            raise rejection_error(result)
        return [
            pb.ActivateJobsResponse(jobs=[_activated_job(k, j) for k, j in zip(b.job_keys, b.jobs, strict=True)])
            for b in result
        ]


def _activated_job(key: int, job: JobRecordValue) -> Any:
    return pb.ActivatedJob(
        key=key,
        type=job.type,
        workflowInstanceKey=job.workflow_instance_key,
        bpmnProcessId=job.bpmn_process_id,
        workflowDefinitionVersion=job.workflow_definition_version,
        workflowKey=job.workflow_key,
        elementId=job.element_id,
        elementInstanceKey=job.element_instance_key,
        customHeaders=to_json_text(dict(job.custom_headers)),
        worker=job.worker,
        retries=job.retries,
        deadline=job.deadline,
        variables=to_json_text(dict(job.variables)),
    )
