"""Tasks (Zeebe's ServiceTaskProcessor, ReceiveTaskProcessor): a service task creates a job that a
worker completes; a receive task waits for its message. Both carry boundary events."""

from __future__ import annotations

from types import MappingProxyType

from pytest_zeebe.engine import expressions
from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.context import Step
from pytest_zeebe.engine.bpmn.elements.base import ActivityProcessor, Intent, trigger_boundary_event
from pytest_zeebe.engine.bpmn.incidents import create_incident, resolve_job_incident
from pytest_zeebe.engine.failures import Failure
from pytest_zeebe.engine.intents import JobIntent, ValueType
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.state import JobStatus
from pytest_zeebe.engine.values import JobRecordValue
from pytest_zeebe.model import ServiceTask

_CANCELLABLE = frozenset({JobStatus.ACTIVATABLE, JobStatus.ACTIVATED, JobStatus.FAILED})


def java_int(value: int) -> int:
    """Narrow to 32 bits as Java's `intValue()` does (Zeebe keeps retries in an int)."""
    return (value + 2**31) % 2**32 - 2**31


class ServiceTaskProcessor(ActivityProcessor):
    """Input mappings and subscriptions, then a job; the job's completion completes the task."""

    def on_activated(self, step: Step) -> None:
        task = step.node
        assert isinstance(task, ServiceTask) and task.job_type is not None and task.job_retries is not None
        ctx, element = step.ctx, step.element
        env = ctx.feel_env()
        job_type = expressions.evaluate_string(task.job_type, ctx.state, element.key, env)
        if isinstance(job_type, Failure):
            create_incident(ctx, job_type, element)
            return
        retries = expressions.evaluate_long(task.job_retries, ctx.state, element.key, env)
        if isinstance(retries, Failure):
            create_incident(ctx, retries, element)
            return
        value = element.value
        job = JobRecordValue(
            type=job_type,
            custom_headers=MappingProxyType(dict(task.headers)),
            retries=java_int(retries),
            element_id=value.element_id,
            element_instance_key=element.key,
            bpmn_process_id=value.bpmn_process_id,
            workflow_definition_version=value.version,
            workflow_key=value.workflow_key,
            workflow_instance_key=value.workflow_instance_key,
        )
        ctx.write_command(ValueType.JOB, JobIntent.CREATE, NO_KEY, job)

    def on_terminating(self, step: Step) -> None:
        ctx = step.ctx
        instance = ctx.state.elements.get(step.element.key)
        job_key = instance.job_key if instance is not None else 0
        if job_key > 0:
            job = ctx.state.jobs.get(job_key)
            if job is not None and job.state in _CANCELLABLE:
                ctx.write_command(ValueType.JOB, JobIntent.CANCEL, job_key, job.record)
            resolve_job_incident(ctx, job_key)
        super().on_terminating(step)


class ReceiveTaskProcessor(ActivityProcessor):
    """Input mappings, then a subscription to its message (and its boundary events); the message
    completes it."""

    def on_event_occurred(self, step: Step) -> None:
        verdict = step.ctx.verdict
        if verdict is None:
            return
        if verdict.event.id == step.element.element_id:
            transitions.transition(step.ctx, step.element, Intent.ELEMENT_COMPLETING)
        else:
            trigger_boundary_event(step, verdict)
