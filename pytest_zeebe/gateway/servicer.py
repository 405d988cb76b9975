"""The Gateway service: each RPC turns a request into an engine command and the result into a reply.

Handlers run on the server's event loop and hand engine work to worker threads (engine_calls.py),
so a test thread busy in the engine never stalls the loop. Keyed commands go to their key's
partition; a key naming a partition the gateway does not know is UNAVAILABLE, as in Zeebe.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Any

import grpc

from pytest_zeebe.engine import commands
from pytest_zeebe.engine.engine import Engine
from pytest_zeebe.engine.job_activation import activate_round
from pytest_zeebe.engine.records import BROKER_VERSION
from pytest_zeebe.engine.results import Accepted, Cancelled, Command, Rejected, Response, ResultHandle
from pytest_zeebe.engine.values import (
    DeploymentRecordValue,
    JobRecordValue,
    VariableDocumentRecordValue,
    WorkflowInstanceCreationRecordValue,
    WorkflowInstanceResultRecordValue,
)
from pytest_zeebe.engine.variables import to_json_text
from pytest_zeebe.gateway import protocol as pb
from pytest_zeebe.gateway.engine_calls import EngineCalls
from pytest_zeebe.gateway.errors import (
    INVALID_ARGUMENT,
    GatewayError,
    check_partition,
    parse_document,
    rejection_error,
    timeout_error,
)
from pytest_zeebe.gateway.long_polling import DEFAULT_LONG_POLL_MS, LongPolls
from pytest_zeebe.model import ResourceKind, resource_kind_for_name

_DECLARED_KINDS = {1: ResourceKind.BPMN, 2: ResourceKind.YAML}

DEFAULT_REQUEST_TIMEOUT_MS = 15_000
"""The 0.26 gateway's request timeout, used by CreateWorkflowInstanceWithResult when none is given."""

RESET_WHILE_WAITING = "pytest-zeebe: {reason}; the result of this call will never come"


def _accepted(result: Accepted | Rejected) -> Accepted:
    if isinstance(result, Rejected):
        raise rejection_error(result)
    return result


class GatewayServicer:
    """The 13 RPCs of `gateway_protocol.Gateway` over one engine."""

    def __init__(
        self,
        engine: Engine,
        polls: LongPolls,
        advertised: Callable[[], tuple[str, int]],
        calls: EngineCalls,
    ) -> None:
        self._engine = engine
        self._polls = polls
        self._advertised = advertised
        self._calls = calls

    async def _submit(self, command: Command) -> Accepted:
        return _accepted(await self._calls.run(lambda: self._engine.submit(command)))

    def _keyed(self, key: int) -> None:
        check_partition(key, self._engine.config.partition_count)

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
        accepted = await self._submit(commands.deploy(resources))
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

    def _creation(
        self, request: Any, variables: dict[str, Any], *, awaiting: bool = False, fetch: tuple[str, ...] = ()
    ) -> Command:
        """The creation command; built under the engine lock, so the round-robin pick and the command agree."""
        return commands.create_instance(
            partition_id=self._engine.next_creation_partition(),
            bpmn_process_id=request.bpmnProcessId,
            version=request.version,
            workflow_key=request.workflowKey,
            variables=variables,
            awaiting_result=awaiting,
            fetch_variables=fetch,
        )

    async def CreateWorkflowInstance(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        variables = parse_document(request.variables)
        created = await self._calls.run(lambda: self._engine.submit(self._creation(request, variables)))
        value = _accepted(created).value
        assert isinstance(value, WorkflowInstanceCreationRecordValue)
        return pb.CreateWorkflowInstanceResponse(
            workflowKey=value.workflow_key,
            bpmnProcessId=value.bpmn_process_id,
            version=value.version,
            workflowInstanceKey=value.workflow_instance_key,
        )

    async def CreateWorkflowInstanceWithResult(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        """Answered when the instance completes; a rejection at once; DEADLINE_EXCEEDED after the timeout.

        The timeout is wall time: `requestTimeout` in ms, or the gateway's 15 s default when not positive.
        """
        variables = parse_document(request.request.variables)
        fetch = tuple(request.fetchVariables)
        timeout_ms = request.requestTimeout if request.requestTimeout > 0 else DEFAULT_REQUEST_TIMEOUT_MS

        def submit() -> ResultHandle:
            command = self._creation(request.request, variables, awaiting=True, fetch=fetch)
            return self._engine.submit_awaiting(command)

        handle = await self._calls.run(submit)
        response = await _wait_for(handle, timeout_ms / 1000)
        if response is None:
            raise timeout_error(timeout_ms)
        if isinstance(response, Cancelled):
            raise GatewayError(grpc.StatusCode.UNAVAILABLE, RESET_WHILE_WAITING.format(reason=response.reason))
        result = _accepted(response).value
        assert isinstance(result, WorkflowInstanceResultRecordValue)
        return pb.CreateWorkflowInstanceWithResultResponse(
            workflowKey=result.workflow_key,
            bpmnProcessId=result.bpmn_process_id,
            version=result.version,
            workflowInstanceKey=result.workflow_instance_key,
            variables=to_json_text(dict(result.variables)),
        )

    async def CancelWorkflowInstance(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        self._keyed(request.workflowInstanceKey)
        await self._submit(commands.cancel_instance(request.workflowInstanceKey))
        return pb.CancelWorkflowInstanceResponse()

    async def SetVariables(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        self._keyed(request.elementInstanceKey)
        variables = parse_document(request.variables)
        accepted = await self._submit(
            commands.set_variables(request.elementInstanceKey, variables, local=request.local)
        )
        assert isinstance(accepted.value, VariableDocumentRecordValue)
        return pb.SetVariablesResponse(key=accepted.key)

    async def CompleteJob(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        self._keyed(request.jobKey)
        variables = parse_document(request.variables)
        await self._submit(commands.complete_job(request.jobKey, variables))
        return pb.CompleteJobResponse()

    async def FailJob(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        self._keyed(request.jobKey)
        await self._submit(commands.fail_job(request.jobKey, request.retries, request.errorMessage))
        return pb.FailJobResponse()

    async def UpdateJobRetries(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        self._keyed(request.jobKey)
        await self._submit(commands.update_job_retries(request.jobKey, request.retries))
        return pb.UpdateJobRetriesResponse()

    async def ThrowError(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        self._keyed(request.jobKey)
        await self._submit(commands.throw_error(request.jobKey, request.errorCode, request.errorMessage))
        return pb.ThrowErrorResponse()

    async def PublishMessage(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        """Routed to the partition of the correlation key; answered with the message's key."""
        variables = parse_document(request.variables)
        command = commands.publish_message(
            partition_count=self._engine.config.partition_count,
            name=request.name,
            correlation_key=request.correlationKey,
            time_to_live=request.timeToLive,
            message_id=request.messageId,
            variables=variables,
        )
        accepted = await self._submit(command)
        return pb.PublishMessageResponse(key=accepted.key)

    async def ResolveIncident(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        self._keyed(request.incidentKey)
        await self._submit(commands.resolve_incident(request.incidentKey))
        return pb.ResolveIncidentResponse()

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
                responses = await self._calls.run(partial(self._activate, request, poll.generation))
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
        """One activation round over every partition (under the engine lock), as Zeebe's round-robin handler.

        Nothing is activated if the engine was reset since the poll began: a poll of the previous
        test never takes a job of the next one.
        """
        if self._engine.generation != generation:
            return []
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
            pb.ActivateJobsResponse(jobs=[activated_job(k, j) for k, j in zip(b.job_keys, b.jobs, strict=True)])
            for b in result
        ]


async def _wait_for(handle: ResultHandle, timeout: float) -> Response | None:
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Response] = loop.create_future()

    def settle(response: Response) -> None:
        if not future.done():
            future.set_result(response)

    def deliver(response: Response) -> None:
        loop.call_soon_threadsafe(settle, response)

    handle.add_done_callback(deliver)
    try:
        return await asyncio.wait_for(future, timeout)
    except TimeoutError:
        return None


def activated_job(key: int, job: JobRecordValue) -> Any:
    """An ActivatedJob message for a job of an activated batch."""
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
