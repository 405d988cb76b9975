"""Raising and resolving incidents from element processing (Zeebe's BpmnIncidentBehavior)."""

from __future__ import annotations

from pytest_zeebe.engine.bpmn.context import Element
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.failures import Failure
from pytest_zeebe.engine.intents import IncidentIntent, ValueType
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.values import IncidentRecordValue


def create_incident(ctx: ProcessingContext, failure: Failure, element: Element) -> None:
    """INCIDENT CREATE for the element; the record being processed is kept for ResolveIncident."""
    scope_key = failure.variable_scope_key if failure.variable_scope_key > 0 else element.key
    incident = IncidentRecordValue(
        error_type=failure.error_type.value,
        error_message=failure.message,
        bpmn_process_id=element.value.bpmn_process_id,
        workflow_key=element.workflow_key,
        workflow_instance_key=element.workflow_instance_key,
        element_id=element.element_id,
        element_instance_key=element.key,
        variable_scope_key=scope_key,
    )
    ctx.write_command(ValueType.INCIDENT, IncidentIntent.CREATE, NO_KEY, incident)


def resolve_incidents(ctx: ProcessingContext, element: Element) -> None:
    """RESOLVED for the element's open (non-job) incident: terminating an element resolves it."""
    key = ctx.state.incidents.of_element(element.key)
    if key is not None:
        incident = ctx.state.incidents.incidents[key]
        ctx.write_event(ValueType.INCIDENT, IncidentIntent.RESOLVED, key, incident)


def resolve_job_incident(ctx: ProcessingContext, job_key: int) -> None:
    """RESOLVED for the incident of a job whose element is terminating."""
    key = ctx.state.incidents.of_job(job_key)
    if key is not None:
        incident = ctx.state.incidents.incidents[key]
        ctx.write_event(ValueType.INCIDENT, IncidentIntent.RESOLVED, key, incident)
