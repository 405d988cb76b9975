"""Incidents of multi-instance bodies (Zeebe 0.26's MultiInstanceIncidentTest).

The input collection must evaluate to an ARRAY when the body activates (EXTRACT_VALUE_ERROR on the
body otherwise); the output element is evaluated as each inner instance completes (the incident is
on that inner instance). Setting the variable and resolving activates the body.
"""

from __future__ import annotations

import json

import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Loop, Process
from tests.support.client import GatewayClient
from tests.support.flows import incidents, keys_of, lifecycle


def workflow(sequential: bool = False) -> bytes:
    p = Process("process")
    loop = Loop("items", "item", "results", "sum(undefined_var)", sequential)
    p.start().task("task", "work", loop=loop).end()
    return p.xml()


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({}, "failed to evaluate expression 'items': no variable found for name 'items'"),
        (
            {"items": "not-an-array-but-a-string"},
            "Expected result of the expression 'items' to be 'ARRAY', but was 'STRING'.",
        ),
        ({"items": {"a": 1}}, "Expected result of the expression 'items' to be 'ARRAY', but was 'OBJECT'."),
    ],
)
def test_a_missing_or_non_array_collection_stops_the_body(
    zeebe: ZeebeHarness, client: GatewayClient, variables: dict[str, object], message: str
) -> None:
    """shouldCreateIncidentIfInputVariableNotFound, shouldCreateIncidentIfInputVariableIsNotAnArray."""
    client.deploy_file("p.bpmn", workflow())
    key = int(client.create_instance("process", json.dumps(variables)).workflowInstanceKey)
    (incident,) = incidents(zeebe)
    (body,) = keys_of(zeebe, "ELEMENT_ACTIVATING", workflow_instance_key=key, element_id="task")
    value = incident.value
    assert (value.element_id, value.element_instance_key, value.variable_scope_key) == ("task", body, body)
    assert (value.error_type, value.error_message) == ("EXTRACT_VALUE_ERROR", message)
    assert lifecycle(zeebe, workflow_instance_key=key, element_id="task") == [
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_ACTIVATING")
    ]
    zeebe.server.engine.check_replay()


def test_setting_the_collection_and_resolving_activates_the_body(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    """shouldResolveIncident: SetVariables on the incident's variable scope (propagated to the root)."""
    client.deploy_file("p.bpmn", workflow())
    key = int(client.create_instance("process").workflowInstanceKey)
    (incident,) = incidents(zeebe)
    client.set_variables(incident.value.variable_scope_key, {"items": [10, 20, 30]})
    client.resolve(incident.key)
    body_records = [intent for _, kind, intent in lifecycle(zeebe, workflow_instance_key=key, element_id="task")]
    assert body_records[:2] == ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED"]
    assert len(client.activate("work")) == 3
    zeebe.server.engine.check_replay()


def test_an_output_element_that_fails_raises_an_incident_on_the_inner_instance(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """shouldCreateIncidentIfOutputElementExpressionEvaluationFailed: on the inner instance, in the
    step that processes its completion."""
    client.deploy_file("p.bpmn", workflow())
    key = int(client.create_instance("process", json.dumps({"items": [1, 2, 3]})).workflowInstanceKey)
    job = client.activate("work", max_jobs=1)[0]
    client.complete(job.key)
    (incident,) = incidents(zeebe)
    inner = keys_of(zeebe, "ELEMENT_COMPLETING", workflow_instance_key=key, element_id="task")[0]
    value = incident.value
    assert (value.element_id, value.element_instance_key, value.error_type) == ("task", inner, "EXTRACT_VALUE_ERROR")
    assert value.error_message == (
        "failed to evaluate expression 'sum(undefined_var)': expected number but found "
        "'ValError(no variable found for name 'undefined_var')'"
    )
    zeebe.server.engine.check_replay()


def test_resolving_the_output_element_incident_does_not_move_the_body(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """Zeebe 0.26 raises that incident while it processes the inner instance's COMPLETED, then removes
    the inner instance as usual; resolving re-processes a record whose element is gone, which its
    transition guard skips (MultiInstanceBodyProcessor#onChildCompleted, ResolveIncidentProcessor).
    Only RESOLVED is written: the body waits for ever, and cancelling is the way out."""
    client.deploy_file("p.bpmn", workflow(sequential=True))
    key = int(client.create_instance("process", json.dumps({"items": [1, 2]})).workflowInstanceKey)
    job = client.activate("work")[0]
    client.complete(job.key)
    (incident,) = incidents(zeebe)
    client.set_variables(key, {"undefined_var": [1]})
    before = len(zeebe.records)
    client.resolve(incident.key)
    written = [(r.value_type.value, r.intent.value) for r in list(zeebe.records)[before:]]
    assert written == [("INCIDENT", "RESOLVE"), ("INCIDENT", "RESOLVED")]
    assert client.activate("work") == []
    zeebe.assert_that(key).is_waiting_at("task")
    client.cancel(key)
    zeebe.assert_that(key).is_terminated()
    zeebe.server.engine.check_replay()


def test_cancelling_resolves_the_incident_of_the_body(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    client.deploy_file("p.bpmn", workflow())
    key = int(client.create_instance("process").workflowInstanceKey)
    (incident,) = incidents(zeebe)
    client.cancel(key)
    assert lifecycle(zeebe, workflow_instance_key=key)[-4:] == [
        ("process", "PROCESS", "ELEMENT_TERMINATING"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_TERMINATING"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_TERMINATED"),
        ("process", "PROCESS", "ELEMENT_TERMINATED"),
    ]
    assert [r.key for r in incidents(zeebe, "RESOLVED")] == [incident.key]
    zeebe.server.engine.check_replay()
