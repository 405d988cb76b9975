"""Incidents of call activities and their resolution (Zeebe 0.26's CallActivityIncidentTest).

A missing called workflow, or one without a none start event, raises CALLED_ELEMENT_ERROR on the
activating call activity; a process id expression that fails raises EXTRACT_VALUE_ERROR. Resolving
the incident runs the activation again with what is deployed and set by then.
"""

from __future__ import annotations

import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.engine.test_call_activity import child_process, deploy, parent_process, start
from tests.support.client import GatewayClient
from tests.support.flows import incidents, keys_of, lifecycle

MESSAGE_START_ONLY = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="urn:test">
  <bpmn:message id="start-message" name="start"/>
  <bpmn:process id="child" isExecutable="true">
    <bpmn:startEvent id="message-start"><bpmn:messageEventDefinition messageRef="start-message"/></bpmn:startEvent>
    <bpmn:sequenceFlow id="f" sourceRef="message-start" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>"""


def _incident_on_call(zeebe: ZeebeHarness, parent: int) -> tuple[int, str, str, int, int]:
    (incident,) = incidents(zeebe)
    value = incident.value
    (call,) = keys_of(zeebe, "ELEMENT_ACTIVATING", workflow_instance_key=parent, element_id="call")
    assert (value.element_id, value.element_instance_key, value.workflow_instance_key) == ("call", call, parent)
    return incident.key, value.error_type, value.error_message, value.variable_scope_key, call


@pytest.mark.parametrize(
    ("called", "variables", "error_type", "message"),
    [
        (
            "child",
            {},
            "CALLED_ELEMENT_ERROR",
            "Expected workflow with BPMN process id 'child' to be deployed, but not found.",
        ),
        (
            "=wfChild",
            {},
            "EXTRACT_VALUE_ERROR",
            "failed to evaluate expression 'wfChild': no variable found for name 'wfChild'",
        ),
        (
            "=wfChild",
            {"wfChild": 123},
            "EXTRACT_VALUE_ERROR",
            "Expected result of the expression 'wfChild' to be 'STRING', but was 'NUMBER'.",
        ),
    ],
)
def test_a_call_activity_that_cannot_find_its_workflow_raises_an_incident(
    zeebe: ZeebeHarness,
    client: GatewayClient,
    called: str,
    variables: dict[str, object],
    error_type: str,
    message: str,
) -> None:
    """shouldCreateIncidentIfWorkflowIsNotDeployed, ...IfProcessIdVariableNotExists, ...IsNaString."""
    deploy(client, ("parent.bpmn", parent_process(called)))
    parent = start(client, **variables)
    _, kind, text, scope, call = _incident_on_call(zeebe, parent)
    assert (kind, text, scope) == (error_type, message, call)
    assert lifecycle(zeebe, workflow_instance_key=parent, element_id="call") == [
        ("call", "CALL_ACTIVITY", "ELEMENT_ACTIVATING")
    ]
    zeebe.server.engine.check_replay()


def test_a_called_workflow_without_a_none_start_event_raises_an_incident(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """shouldCreateIncidentIfWorkflowHasNoNoneStartEvent."""
    deploy(client, ("child.bpmn", MESSAGE_START_ONLY), ("parent.bpmn", parent_process()))
    parent = start(client)
    _, kind, text, _, _ = _incident_on_call(zeebe, parent)
    assert (kind, text) == (
        "CALLED_ELEMENT_ERROR",
        "Expected workflow with BPMN process id 'child' to have a none start event, but not found.",
    )
    zeebe.server.engine.check_replay()


def test_deploying_the_called_workflow_and_resolving_starts_the_child(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """shouldResolveIncident: the call activity is ACTIVATED after RESOLVED, and the child runs."""
    deploy(client, ("parent.bpmn", parent_process()))
    parent = start(client)
    incident_key, *_ = _incident_on_call(zeebe, parent)
    deploy(client, ("child.bpmn", child_process()))
    client.resolve(incident_key)
    events = [
        (r.value_type.value, r.intent.value, getattr(r.value, "bpmn_element_type", ""))
        for r in zeebe.records
        if r.value_type.value in ("INCIDENT", "WORKFLOW_INSTANCE") and r.record_type.value == "EVENT"
    ]
    resolved = events.index(("INCIDENT", "RESOLVED", ""))
    assert events[resolved : resolved + 3] == [
        ("INCIDENT", "RESOLVED", ""),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "CALL_ACTIVITY"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "PROCESS"),
    ]
    assert [job.type for job in client.activate("child-work")] == ["child-work"]
    zeebe.server.engine.check_replay()


def test_input_mappings_fail_before_the_workflow_is_looked_up(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """shouldNotActivateCallActivityIfIncidentIsCreated: fix the variable, resolve, and it activates."""
    deploy(client, ("child.bpmn", child_process()), ("parent.bpmn", parent_process(inputs={"y": "x"})))
    parent = start(client)
    incident_key, kind, _, _, _ = _incident_on_call(zeebe, parent)
    assert kind == "IO_MAPPING_ERROR"
    client.set_variables(parent, {"x": 1})
    client.resolve(incident_key)
    resolved = next(
        r.position for r in zeebe.records if r.value_type.value == "INCIDENT" and r.intent.value == "RESOLVED"
    )
    (activated,) = [
        r.position
        for r in zeebe.records.workflow_instance(intent="ELEMENT_ACTIVATED", bpmn_element_type="CALL_ACTIVITY")
    ]
    assert activated > resolved
    zeebe.server.engine.check_replay()


def test_cancelling_resolves_the_incident_of_a_call_activity_without_child(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """Terminating a call activity that never started its child: TERMINATED at once, incident resolved."""
    deploy(client, ("parent.bpmn", parent_process()))
    parent = start(client)
    incident_key, *_ = _incident_on_call(zeebe, parent)
    client.cancel(parent)
    assert lifecycle(zeebe, workflow_instance_key=parent)[-4:] == [
        ("parent", "PROCESS", "ELEMENT_TERMINATING"),
        ("call", "CALL_ACTIVITY", "ELEMENT_TERMINATING"),
        ("call", "CALL_ACTIVITY", "ELEMENT_TERMINATED"),
        ("parent", "PROCESS", "ELEMENT_TERMINATED"),
    ]
    assert [r.key for r in incidents(zeebe, "RESOLVED")] == [incident_key]
    zeebe.server.engine.check_replay()
