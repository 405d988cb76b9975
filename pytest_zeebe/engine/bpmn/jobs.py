"""Creating the job of a service task: evaluate its type and retries, write JOB CREATE."""

from __future__ import annotations

from types import MappingProxyType

from pytest_zeebe.engine.bpmn.behaviour import Step
from pytest_zeebe.engine.expressions import evaluate_long, evaluate_string
from pytest_zeebe.engine.intents import JobIntent, ValueType
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.values import JobRecordValue
from pytest_zeebe.model import ServiceTask


def java_int(value: int) -> int:
    """Narrow to 32 bits as Java's `intValue()` does (Zeebe keeps retries in an int)."""
    return (value + 2**31) % 2**32 - 2**31


def create_job(step: Step, task: ServiceTask) -> None:
    """Write the JOB CREATE command for `task`'s instance (the job gets its key on CREATED)."""
    assert task.job_type is not None and task.job_retries is not None
    job_type = evaluate_string(step, task.job_type)
    retries = java_int(evaluate_long(step, task.job_retries))
    value = step.value
    job = JobRecordValue(
        type=job_type,
        custom_headers=MappingProxyType(dict(task.headers)),
        retries=retries,
        element_id=value.element_id,
        element_instance_key=step.key,
        bpmn_process_id=value.bpmn_process_id,
        workflow_definition_version=value.version,
        workflow_key=value.workflow_key,
        workflow_instance_key=value.workflow_instance_key,
    )
    step.ctx.write_command(ValueType.JOB, JobIntent.CREATE, NO_KEY, job)
