"""Incidents through gRPC: every failure kind of the core, resolving, re-running, termination.

From Zeebe 0.26's `ET/incident/{MappingIncidentTest,ServiceTaskIncidentTest,IncidentStreamProcessorTest}`
and `QA/IncidentTest`; SEMANTICS §8. Failures are values: each becomes an INCIDENT CREATE caused by
the element's record, the element keeps its state, and ResolveIncident processes that record again.
"""

from __future__ import annotations

import grpc
import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.wire import (
    ON_PARTITION_1_UNUSED,
    PASSED,
    TERMINATED,
    Wire,
    element_key,
    incidents,
    kinds,
    of_element,
    rejected,
    rpc_error,
)


@pytest.fixture
def wire(zeebe: ZeebeHarness) -> Wire:
    return Wire(zeebe)


def _deploy_task(wire: Wire, **task: object) -> None:
    p = Process("p")
    p.start("s").task("task", str(task.pop("job_type", "work")), **task).end("e")  # type: ignore[arg-type]
    wire.deploy(p)


# (task attributes, failing step, error type, message)
TASK_FAILURES = [
    (
        {"inputs": {"foo": "foo"}},
        "ELEMENT_ACTIVATING",
        "IO_MAPPING_ERROR",
        "failed to evaluate expression '{foo:foo}': no variable found for name 'foo'",
    ),
    (
        {"job_type": "=lorem.ipsum"},
        "ELEMENT_ACTIVATED",
        "EXTRACT_VALUE_ERROR",
        "failed to evaluate expression 'lorem.ipsum': no variable found for name 'lorem'",
    ),
    (
        {"job_type": "=false"},
        "ELEMENT_ACTIVATED",
        "EXTRACT_VALUE_ERROR",
        "Expected result of the expression 'false' to be 'STRING', but was 'BOOLEAN'.",
    ),
    (
        {"retries": "=lorem.ipsum"},
        "ELEMENT_ACTIVATED",
        "EXTRACT_VALUE_ERROR",
        "failed to evaluate expression 'lorem.ipsum': no variable found for name 'lorem'",
    ),
    (
        {"retries": "=false"},
        "ELEMENT_ACTIVATED",
        "EXTRACT_VALUE_ERROR",
        "Expected result of the expression 'false' to be 'NUMBER', but was 'BOOLEAN'.",
    ),
]


@pytest.mark.parametrize(("task", "step", "error_type", "message"), TASK_FAILURES)
def test_a_task_that_cannot_start_raises_an_incident_and_waits(
    zeebe: ZeebeHarness, wire: Wire, task: dict[str, object], step: str, error_type: str, message: str
) -> None:
    """MappingIncidentTest#shouldCreateIncidentForInputMappingFailure, ServiceTaskIncidentTest: the
    incident's CREATE is caused by the failing lifecycle record, its CREATED by the CREATE; the
    element stays in the failing state; no job is created."""
    _deploy_task(wire, **task)
    key = wire.create("p")
    task_key = element_key(zeebe, key, "task")
    (incident,) = incidents(zeebe, key)
    failing = zeebe.records.workflow_instance(intent=step, element_id="task").first()
    create = zeebe.records.incidents(intent="CREATE").first()
    assert create.source_record_position == failing.position
    assert incident.source_record_position == create.position
    assert incident.value.to_dict() == {
        "errorType": error_type,
        "errorMessage": message,
        "bpmnProcessId": "p",
        "workflowKey": failing.value.workflow_key,  # type: ignore[attr-defined]
        "workflowInstanceKey": key,
        "elementId": "task",
        "elementInstanceKey": task_key,
        "jobKey": -1,
        "variableScopeKey": task_key,
    }
    assert of_element(zeebe, key, "task")[-1] == step
    assert not zeebe.records.jobs()
    zeebe.server.engine.check_replay()


@pytest.mark.parametrize(
    ("task", "fix", "next_record"),
    [
        ({"inputs": {"foo": "foo"}}, {"foo": 1}, ("EVENT", "WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED")),
        ({"job_type": "=lorem.ipsum"}, {"lorem": {"ipsum": "work"}}, ("COMMAND", "JOB", "CREATE")),
        ({"retries": "=lorem.ipsum"}, {"lorem": {"ipsum": 3}}, ("COMMAND", "JOB", "CREATE")),
    ],
)
def test_resolving_re_runs_the_failed_step_with_current_variables(
    zeebe: ZeebeHarness, wire: Wire, task: dict[str, object], fix: dict[str, object], next_record: tuple[str, ...]
) -> None:
    """MappingIncidentTest#shouldResolveIncidentForInputMappingFailure,
    ServiceTaskIncidentTest#shouldResolveIncidentAfterJob{Type,Retries}ExpressionEvaluationFailed:
    RESOLVED, then the failed record's step, all caused by the RESOLVE command."""
    _deploy_task(wire, **task)
    key = wire.create("p")
    task_key = element_key(zeebe, key, "task")
    (incident,) = incidents(zeebe, key)
    wire.set_variables(task_key, fix, local=True)
    wire.resolve(incident.key)
    resolve = zeebe.records.incidents(intent="RESOLVE").first()
    after = [r for r in zeebe.records if r.position > resolve.position]
    assert kinds(after[:2]) == [("EVENT", "INCIDENT", "RESOLVED"), next_record]
    assert all(r.source_record_position == resolve.position for r in after[:2])
    assert after[0].key == incident.key
    (job,) = wire.activate("work")
    assert job.elementInstanceKey == task_key
    wire.complete(job.key)
    assert of_element(zeebe, key, "p")[-1] == "ELEMENT_COMPLETED"
    assert [r.intent.value for r in zeebe.records.incidents().events()] == ["CREATED", "RESOLVED"]
    zeebe.server.engine.check_replay()


@pytest.mark.parametrize("task", [{"job_type": "=false"}, {"retries": "=false"}])
def test_a_step_that_fails_again_raises_a_new_incident(
    zeebe: ZeebeHarness, wire: Wire, task: dict[str, object]
) -> None:
    """ServiceTaskIncidentTest#shouldResolveIncidentAndCreateNewIncidentWhenContinuationFails:
    RESOLVED, then a new CREATE caused by the RESOLVE, then CREATED with a new key."""
    _deploy_task(wire, **task)
    key = wire.create("p")
    (first,) = incidents(zeebe, key)
    wire.resolve(first.key)
    resolve = zeebe.records.incidents(intent="RESOLVE").first()
    records = [r for r in zeebe.records.incidents() if r.position > resolve.position]
    assert [(r.intent.value, r.source_record_position == resolve.position) for r in records] == [
        ("RESOLVED", True),
        ("CREATE", True),
        ("CREATED", False),
    ]
    second = records[-1]
    assert second.key > first.key
    assert second.value.to_dict() == first.value.to_dict()
    assert of_element(zeebe, key, "task") == ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED"]
    zeebe.server.engine.check_replay()


def test_an_output_mapping_failure_keeps_the_task_completing(zeebe: ZeebeHarness, wire: Wire) -> None:
    """MappingIncidentTest#shouldCreateIncidentForOutputMappingFailure / #shouldResolveIncidentForOutputMappingFailure:
    the job is gone, the task waits in COMPLETING; the job's variables were set locally first."""
    _deploy_task(wire, outputs={"foo": "foo"})
    key = wire.create("p")
    wire.complete(wire.job("work").key, {"string": "value"})
    task_key = element_key(zeebe, key, "task")
    (incident,) = incidents(zeebe, key)
    assert incident.value.error_type == "IO_MAPPING_ERROR"  # type: ignore[attr-defined]
    assert incident.value.error_message == (  # type: ignore[attr-defined]
        "failed to evaluate expression '{foo:foo}': no variable found for name 'foo'"
    )
    failing = zeebe.records.workflow_instance(intent="ELEMENT_COMPLETING", element_id="task").first()
    assert zeebe.records.incidents(intent="CREATE").first().source_record_position == failing.position
    assert of_element(zeebe, key, "task")[-1] == "ELEMENT_COMPLETING"

    wire.set_variables(task_key, {"foo": "bar"}, local=True)
    wire.resolve(incident.key)
    assert of_element(zeebe, key, "task") == PASSED
    assert [(r.intent.value, r.value.name) for r in zeebe.records.variables(scope_key=key)] == [("CREATED", "foo")]  # type: ignore[attr-defined]
    zeebe.server.engine.check_replay()


def test_a_failing_sub_process_input_mapping(zeebe: ZeebeHarness, wire: Wire) -> None:
    p = Process("p")
    p.start("s").sub_process("sub", inputs={"y": "x"}).end("e")
    p.scope("sub").start("sub-start").end("sub-end")
    wire.deploy(p)
    key = wire.create("p")
    (incident,) = incidents(zeebe, key)
    assert (incident.value.element_id, incident.value.error_type) == ("sub", "IO_MAPPING_ERROR")  # type: ignore[attr-defined]
    assert of_element(zeebe, key, "sub") == ["ELEMENT_ACTIVATING"]
    wire.set_variables(key, {"x": 1})
    wire.resolve(incident.key)
    assert of_element(zeebe, key, "sub") == PASSED
    assert of_element(zeebe, key, "p")[-1] == "ELEMENT_COMPLETED"


def test_a_failing_start_event_output_mapping(zeebe: ZeebeHarness, wire: Wire) -> None:
    p = Process("p")
    p.start("s", outputs={"y": "x"}).end("e")
    wire.deploy(p)
    key = wire.create("p")
    (incident,) = incidents(zeebe, key)
    assert (incident.value.element_id, incident.value.error_type) == ("s", "IO_MAPPING_ERROR")  # type: ignore[attr-defined]
    assert of_element(zeebe, key, "s")[-1] == "ELEMENT_COMPLETING"
    wire.set_variables(key, {"x": 1})
    wire.resolve(incident.key)
    assert of_element(zeebe, key, "p")[-1] == "ELEMENT_COMPLETED"
    assert [(r.value.name, r.value.value) for r in zeebe.records.variables(scope_key=key)] == [  # type: ignore[attr-defined]
        ("x", "1"),
        ("y", "1"),
    ]


def test_resolving_again_without_a_fix_raises_a_new_incident(zeebe: ZeebeHarness, wire: Wire) -> None:
    """MappingIncidentTest#shouldCreateNewIncidentAfterResolvedFirstOne and
    #shouldResolveIncidentAfterPreviousResolvingFailed."""
    _deploy_task(wire, inputs={"foo": "foo"})
    key = wire.create("p")
    first = incidents(zeebe, key)[0]
    wire.resolve(first.key)
    second = incidents(zeebe, key)[-1]
    assert second.key > first.key
    assert of_element(zeebe, key, "task") == ["ELEMENT_ACTIVATING"]
    wire.set_variables(element_key(zeebe, key, "task"), {"foo": 1}, local=True)
    wire.resolve(second.key)
    assert of_element(zeebe, key, "task") == ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED"]
    assert [r.intent.value for r in zeebe.records.incidents()] == [
        "CREATE",
        "CREATED",
        "RESOLVE",
        "RESOLVED",
        "CREATE",
        "CREATED",
        "RESOLVE",
        "RESOLVED",
    ]
    zeebe.server.engine.check_replay()


def test_resolve_rejections(zeebe: ZeebeHarness, wire: Wire) -> None:
    """QA/IncidentTest#shouldRejectResolveOnNonExistingIncident; a resolved incident is gone too."""
    _deploy_task(wire, inputs={"foo": "foo"})
    key = wire.create("p")
    (incident,) = incidents(zeebe, key)
    wire.set_variables(key, {"foo": 1})
    wire.resolve(incident.key)
    for missing in (incident.key, ON_PARTITION_1_UNUSED):
        code, details = rpc_error(lambda missing=missing: wire.resolve(missing))  # type: ignore[misc]
        assert code is grpc.StatusCode.NOT_FOUND
        assert details == rejected(
            "RESOLVE", "NOT_FOUND", f"Expected to resolve incident with key '{missing}', but no such incident was found"
        )
    code, details = rpc_error(lambda: wire.resolve(123))
    assert code is grpc.StatusCode.UNAVAILABLE


def test_terminating_an_element_resolves_its_incident(zeebe: ZeebeHarness, wire: Wire) -> None:
    """MappingIncidentTest#shouldResolveIncidentIfActivityTerminated: RESOLVED is caused by the
    element's TERMINATED."""
    _deploy_task(wire, inputs={"foo": "foo"})
    key = wire.create("p")
    (incident,) = incidents(zeebe, key)
    wire.cancel(key)
    terminated = zeebe.records.workflow_instance(intent="ELEMENT_TERMINATED", element_id="task").first()
    resolved = zeebe.records.incidents(intent="RESOLVED").first()
    assert (resolved.key, resolved.source_record_position) == (incident.key, terminated.position)
    assert of_element(zeebe, key, "task") == ["ELEMENT_ACTIVATING", *TERMINATED]
    assert not zeebe.server.engine.state.incidents.incidents
    assert not zeebe.server.engine.state.elements.instances
    code, _ = rpc_error(lambda: wire.resolve(incident.key))
    assert code is grpc.StatusCode.NOT_FOUND
    zeebe.server.engine.check_replay()


def test_incidents_of_several_instances_are_independent(zeebe: ZeebeHarness, wire: Wire) -> None:
    """MappingIncidentTest#shouldResolveMultipleIncidents / #shouldProcessIncidentsAfterMultipleTerminations."""
    _deploy_task(wire, inputs={"foo": "foo"})
    first = wire.create("p")
    wire.cancel(first)
    second = wire.create("p", {"foo": 1})
    wire.cancel(second)
    third = wire.create("p")
    (incident,) = incidents(zeebe, third)
    wire.cancel(third)
    resolved = [r for r in zeebe.records.incidents(intent="RESOLVED") if r.value.workflow_instance_key == third]  # type: ignore[attr-defined]
    assert [r.key for r in resolved] == [incident.key]
    assert len(zeebe.records.incidents(intent="CREATED")) == 2
