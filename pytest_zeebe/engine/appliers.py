"""Appliers: the only code that changes engine state, one small function per (value type, intent).

Writing an event and applying it are one step (see ProcessingContext.write_event), so the state is
always what the record log says it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from types import MappingProxyType

from pytest_zeebe.engine.intents import (
    DeploymentIntent,
    Intent,
    JobBatchIntent,
    JobIntent,
    ValueType,
    VariableIntent,
    WorkflowInstanceIntent,
)
from pytest_zeebe.engine.state import (
    DeployedWorkflowEntry,
    ElementInstance,
    EngineState,
    Job,
    JobState,
    Variable,
)
from pytest_zeebe.engine.transform_cache import digest_of, transform_cached
from pytest_zeebe.engine.values import (
    DeploymentRecordValue,
    JobBatchRecordValue,
    JobRecordValue,
    RecordValue,
    VariableRecordValue,
    WorkflowInstanceRecordValue,
)
from pytest_zeebe.model import BpmnElementType, ResourceKind

Applier = Callable[[EngineState, int, RecordValue], None]
APPLIERS: dict[tuple[ValueType, Intent], Applier] = {}


def applies(value_type: ValueType, *intents: Intent) -> Callable[[Applier], Applier]:
    def register(applier: Applier) -> Applier:
        for intent in intents:
            APPLIERS[(value_type, intent)] = applier
        return applier

    return register


@applies(ValueType.DEPLOYMENT, DeploymentIntent.CREATED)
def deployment_created(state: EngineState, key: int, value: RecordValue) -> None:
    assert isinstance(value, DeploymentRecordValue)
    resources = {resource.resource_name: resource for resource in value.resources}
    for deployed in value.deployed_workflows:
        if deployed.workflow_key in state.workflows.by_key:
            continue
        resource = resources[deployed.resource_name]
        transformed = transform_cached(resource.resource, ResourceKind(resource.resource_type))
        workflow = next(w for w in transformed.workflows if w.bpmn_process_id == deployed.bpmn_process_id)
        entry = DeployedWorkflowEntry(
            key=deployed.workflow_key,
            bpmn_process_id=deployed.bpmn_process_id,
            version=deployed.version,
            resource_name=deployed.resource_name,
            digest=digest_of(resource.resource),
            resource=transformed.bpmn_xml,
            workflow=workflow,
        )
        state.workflows.by_key[entry.key] = entry
        state.workflows.versions.setdefault(entry.bpmn_process_id, {})[entry.version] = entry


def _consumed_tokens(state: EngineState, value: WorkflowInstanceRecordValue) -> int:
    """How many tokens of its flow scope an element consumes when it is activated."""
    node = state.workflows.by_key[value.workflow_key].workflow.nodes.get(value.element_id)
    if node is None or not node.incoming:
        return 0
    if node.element_type is BpmnElementType.PARALLEL_GATEWAY:
        return len(node.incoming)
    return 1


@applies(ValueType.WORKFLOW_INSTANCE, WorkflowInstanceIntent.ELEMENT_ACTIVATING)
def element_activating(state: EngineState, key: int, value: RecordValue) -> None:
    assert isinstance(value, WorkflowInstanceRecordValue)
    state.element_instances[key] = ElementInstance(key, value, WorkflowInstanceIntent.ELEMENT_ACTIVATING)
    scope = state.element_instances.get(value.flow_scope_key)
    if scope is not None:
        scope.active_children += 1
        scope.active_tokens -= _consumed_tokens(state, value)
        state.scope_parents[key] = scope.key


def _set_state(intent: WorkflowInstanceIntent) -> Applier:
    def apply(state: EngineState, key: int, value: RecordValue) -> None:
        assert isinstance(value, WorkflowInstanceRecordValue)
        instance = state.element_instances[key]
        instance.value = value
        instance.state = intent

    return apply


for _intent in (
    WorkflowInstanceIntent.ELEMENT_ACTIVATED,
    WorkflowInstanceIntent.ELEMENT_COMPLETING,
    WorkflowInstanceIntent.ELEMENT_TERMINATING,
):
    APPLIERS[(ValueType.WORKFLOW_INSTANCE, _intent)] = _set_state(_intent)


@applies(
    ValueType.WORKFLOW_INSTANCE,
    WorkflowInstanceIntent.ELEMENT_COMPLETED,
    WorkflowInstanceIntent.ELEMENT_TERMINATED,
)
def element_left(state: EngineState, key: int, value: RecordValue) -> None:
    assert isinstance(value, WorkflowInstanceRecordValue)
    del state.element_instances[key]
    state.variables.pop(key, None)
    state.scope_parents.pop(key, None)
    scope = state.element_instances.get(value.flow_scope_key)
    if scope is not None:
        scope.active_children -= 1


@applies(ValueType.WORKFLOW_INSTANCE, WorkflowInstanceIntent.SEQUENCE_FLOW_TAKEN)
def sequence_flow_taken(state: EngineState, key: int, value: RecordValue) -> None:
    assert isinstance(value, WorkflowInstanceRecordValue)
    state.element_instances[value.flow_scope_key].active_tokens += 1


@applies(ValueType.JOB, JobIntent.CREATED)
def job_created(state: EngineState, key: int, value: RecordValue) -> None:
    assert isinstance(value, JobRecordValue)
    state.jobs[key] = Job(key, JobState.ACTIVATABLE, value)
    state.activatable_jobs.setdefault(value.type, set()).add(key)


@applies(ValueType.JOB_BATCH, JobBatchIntent.ACTIVATED)
def job_batch_activated(state: EngineState, key: int, value: RecordValue) -> None:
    assert isinstance(value, JobBatchRecordValue)
    for job_key, record in zip(value.job_keys, value.jobs, strict=True):
        job = state.jobs[job_key]
        job.state = JobState.ACTIVATED
        job.record = replace(record, variables=MappingProxyType({}))  # Zeebe keeps no variables in job state
        state.activatable_jobs[record.type].discard(job_key)


@applies(ValueType.JOB, JobIntent.COMPLETED)
def job_completed(state: EngineState, key: int, value: RecordValue) -> None:
    assert isinstance(value, JobRecordValue)
    job = state.jobs.pop(key)
    state.activatable_jobs.get(job.record.type, set()).discard(key)
    instance = state.element_instances.get(value.element_instance_key)
    if instance is not None:
        instance.temporary_variables = dict(value.variables)


@applies(ValueType.JOB, JobIntent.TIMED_OUT)
def job_timed_out(state: EngineState, key: int, value: RecordValue) -> None:
    assert isinstance(value, JobRecordValue)
    job = state.jobs[key]
    job.state = JobState.ACTIVATABLE
    job.record = value
    state.activatable_jobs.setdefault(value.type, set()).add(key)


@applies(ValueType.VARIABLE, VariableIntent.CREATED, VariableIntent.UPDATED)
def variable_set(state: EngineState, key: int, value: RecordValue) -> None:
    assert isinstance(value, VariableRecordValue)
    scope = state.variables.setdefault(value.scope_key, {})
    scope[value.name] = Variable(key, value.value, json.loads(value.value))
