"""DEPLOYMENT CREATE and DISTRIBUTE.

CREATE: transform and validate every resource; reject the whole deployment if any fails (nothing
is spent: no key, no version), else assign workflow keys and versions, with duplicates of the
latest version keeping theirs, and write CREATED. CREATED (the event) writes a DISTRIBUTE command.
DISTRIBUTE writes DISTRIBUTED (every partition sees every workflow here, so it is immediate).
"""

from __future__ import annotations

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import DeploymentIntent, RecordType, RejectionType, ValueType
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.transform_cache import digest_of, transform_cached
from pytest_zeebe.engine.values import DeployedWorkflow, DeploymentRecordValue, DeploymentResource, TransformedWorkflow
from pytest_zeebe.model import ResourceKind, ResourceRejectedError, TransformedResource


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
    created = DeploymentRecordValue(resources=value.resources, deployed_workflows=deployed, transformed=models)
    ctx.write_event(ValueType.DEPLOYMENT, DeploymentIntent.CREATED, deployment_key, created)
    ctx.accept(deployment_key, created)


@processes(RecordType.EVENT, ValueType.DEPLOYMENT, DeploymentIntent.CREATED)
def deployment_created(ctx: ProcessingContext, record: Record) -> None:
    """Distribute the deployment (Zeebe's DeploymentCreatedProcessor, on the CREATED event)."""
    ctx.write_command(ValueType.DEPLOYMENT, DeploymentIntent.DISTRIBUTE, record.key, record.value)


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
