"""DEPLOYMENT CREATE and DISTRIBUTE (Zeebe's TransformingDeploymentCreateProcessor,
DeploymentCreatedProcessor, DeploymentDistributeProcessor).

CREATE: transform and validate every resource; reject the whole deployment if any fails (nothing
is spent: no key, no version), else assign workflow keys and versions, with duplicates of the
latest version keeping theirs; cancel the start-event timers of earlier versions and arm the new
version's (TIMER CANCEL / CREATE, before CREATED, as Zeebe writes them), and write CREATED.
CREATED (the event) writes a DISTRIBUTE command, and for a workflow that is now the latest version
closes the message start events of the previous version that had some and opens its own.
DISTRIBUTE writes DISTRIBUTED (every partition sees every workflow here, so it is immediate).
"""

from __future__ import annotations

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.bpmn.event_subscriptions import arm_timer
from pytest_zeebe.engine.bpmn.message_start_events import message_start_events
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import (
    DeploymentIntent,
    MessageStartEventSubscriptionIntent,
    RecordType,
    RejectionType,
    TimerIntent,
    ValueType,
)
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.transform_cache import digest_of, transform_cached
from pytest_zeebe.engine.values import (
    DeployedWorkflow,
    DeploymentRecordValue,
    DeploymentResource,
    MessageStartEventSubscriptionRecordValue,
    TransformedWorkflow,
)
from pytest_zeebe.model import ResourceKind, ResourceRejectedError, StartEvent, TransformedResource
from pytest_zeebe.model.expressions import EvaluationFailed, Timer, evaluate_timer


@processes(RecordType.COMMAND, ValueType.DEPLOYMENT, DeploymentIntent.CREATE)
def create_deployment(ctx: ProcessingContext, record: Record) -> None:
    value = record.value
    assert isinstance(value, DeploymentRecordValue)
    if not value.resources:
        ctx.reject(RejectionType.INVALID_ARGUMENT, messages.NO_RESOURCES)
        return
    transformed, errors = _transform_all(ctx, value.resources)
    if not errors:
        errors = _duplicate_process_ids(value.resources, transformed)
    if errors:
        ctx.reject(RejectionType.INVALID_ARGUMENT, messages.DEPLOYMENT_ERRORS + errors)
        return
    deployed, models = _assign_versions(ctx, value.resources, transformed)
    deployment_key = ctx.next_key()
    timers = _start_timers(ctx, deployed, models)
    if isinstance(timers, str):
        ctx.reject(RejectionType.PROCESSING_ERROR, messages.START_TIMER_FAILED.format(message=timers))
        return
    for workflow in deployed:
        _cancel_start_timers(ctx, workflow.bpmn_process_id)
        for start_id, timer, due_date in timers[workflow.workflow_key]:
            arm_timer(ctx, NO_KEY, NO_KEY, workflow.workflow_key, start_id, timer, due_date)
    created = DeploymentRecordValue(resources=value.resources, deployed_workflows=deployed, transformed=models)
    ctx.write_event(ValueType.DEPLOYMENT, DeploymentIntent.CREATED, deployment_key, created)
    ctx.accept(deployment_key, created)


def _start_timers(
    ctx: ProcessingContext, deployed: tuple[DeployedWorkflow, ...], models: tuple[TransformedWorkflow, ...]
) -> dict[int, list[tuple[str, Timer, int]]] | str:
    """Each workflow's timer start events, evaluated without variables; or the first failure's text.

    Deployment validation already evaluated them, so a failure (a due date past the year 9999) is
    rare; Zeebe answers it with a PROCESSING_ERROR rejection.
    """
    timers: dict[int, list[tuple[str, Timer, int]]] = {}
    env = ctx.feel_env()
    for workflow, model in zip(deployed, models, strict=True):
        armed = timers.setdefault(workflow.workflow_key, [])
        for start_id in reversed(model.workflow.process.start_event_ids):
            start = model.workflow.node(start_id)
            if isinstance(start, StartEvent) and start.timer is not None:
                try:
                    timer = evaluate_timer(start.timer, None, env)
                    armed.append((start_id, timer, timer.due_date(ctx.now(), ctx.state.zone)))
                except EvaluationFailed as error:
                    return str(error)
    return timers


def _cancel_start_timers(ctx: ProcessingContext, bpmn_process_id: str) -> None:
    """TIMER CANCEL for the start-event timers of every version of the process."""
    for timer_key, timer in ctx.state.timers.of_element(NO_KEY):
        if ctx.state.workflows.by_key[timer.workflow_key].bpmn_process_id == bpmn_process_id:
            ctx.write_command(ValueType.TIMER, TimerIntent.CANCEL, timer_key, timer)


@processes(RecordType.EVENT, ValueType.DEPLOYMENT, DeploymentIntent.CREATED)
def deployment_created(ctx: ProcessingContext, record: Record) -> None:
    """Distribute the deployment; move the message start events to the latest versions."""
    ctx.write_command(ValueType.DEPLOYMENT, DeploymentIntent.DISTRIBUTE, record.key, record.value)
    value = record.value
    assert isinstance(value, DeploymentRecordValue)
    repository = ctx.state.workflows
    for deployed in value.deployed_workflows:
        latest = repository.latest(deployed.bpmn_process_id)
        if latest is None or latest.version != deployed.version:
            continue
        for version in range(deployed.version - 1, 0, -1):
            previous = repository.version(deployed.bpmn_process_id, version)
            if previous is not None and message_start_events(previous.workflow):
                closing = MessageStartEventSubscriptionRecordValue(workflow_key=previous.key)
                ctx.write_command(
                    ValueType.MESSAGE_START_EVENT_SUBSCRIPTION,
                    MessageStartEventSubscriptionIntent.CLOSE,
                    NO_KEY,
                    closing,
                )
                break
        for start_id, name in message_start_events(latest.workflow):
            opening = MessageStartEventSubscriptionRecordValue(
                workflow_key=latest.key,
                message_name=name,
                start_event_id=start_id,
                bpmn_process_id=latest.bpmn_process_id,
            )
            ctx.write_command(
                ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, MessageStartEventSubscriptionIntent.OPEN, NO_KEY, opening
            )


@processes(RecordType.COMMAND, ValueType.DEPLOYMENT, DeploymentIntent.DISTRIBUTE)
def distribute_deployment(ctx: ProcessingContext, record: Record) -> None:
    ctx.write_event(ValueType.DEPLOYMENT, DeploymentIntent.DISTRIBUTED, record.key, record.value)


def _transform_all(
    ctx: ProcessingContext, resources: tuple[DeploymentResource, ...]
) -> tuple[list[TransformedResource], str]:
    limit = ctx.max_resource_size
    transformed: list[TransformedResource] = []
    errors: list[str] = []
    for resource in resources:
        if limit and len(resource.resource) > limit:
            reason = messages.RESOURCE_TOO_LARGE.format(limit=limit, size=len(resource.resource))
            errors.append(f"\n'{resource.resource_name}': {reason}")
            continue
        try:
            kind = ResourceKind(resource.resource_type)
            transformed.append(transform_cached(resource.resource, kind, ctx.feel_env()))
        except ResourceRejectedError as rejection:
            errors.append(f"\n'{resource.resource_name}': {rejection.report}")
    return transformed, "".join(errors)


def _duplicate_process_ids(resources: tuple[DeploymentResource, ...], transformed: list[TransformedResource]) -> str:
    seen: dict[str, str] = {}
    for resource, result in zip(resources, transformed, strict=True):
        for process_id in result.process_ids:  # executable or not, as DeploymentTransformer checks
            first = seen.setdefault(process_id, resource.resource_name)
            if first != resource.resource_name:
                return "\n" + messages.DUPLICATE_PROCESS_ID.format(first=first, second=resource.resource_name)
    return ""


def _assign_versions(
    ctx: ProcessingContext, resources: tuple[DeploymentResource, ...], transformed: list[TransformedResource]
) -> tuple[tuple[DeployedWorkflow, ...], tuple[TransformedWorkflow, ...]]:
    repository = ctx.state.workflows
    deployed: list[DeployedWorkflow] = []
    models: list[TransformedWorkflow] = []
    for resource, result in zip(resources, transformed, strict=True):
        digest = digest_of(resource.resource)
        for workflow in result.workflows:
            latest = repository.latest(workflow.bpmn_process_id)
            if latest is not None and latest.digest == digest and latest.resource_name == resource.resource_name:
                key, version = latest.key, latest.version
            else:
                key, version = ctx.next_key(), (latest.version + 1 if latest else 1)
            deployed.append(DeployedWorkflow(workflow.bpmn_process_id, version, key, resource.resource_name))
            models.append(TransformedWorkflow(workflow, result.bpmn_xml, digest))
    return tuple(deployed), tuple(models)
