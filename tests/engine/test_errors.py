"""ThrowError and error events, through gRPC (SEMANTICS §1.3, §5, §8; Zeebe's ErrorEventTest,
ErrorCatchEventTest, ErrorEventIncidentTest, JobThrowErrorTest)."""

from __future__ import annotations

import grpc
import pytest

from pytest_zeebe.engine.keys import encode_partition_id
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.grpc_driver import Driver


@pytest.fixture
def drive(zeebe: ZeebeHarness) -> Driver:
    return Driver(zeebe)


def guarded(code: str = "boom") -> Process:
    p = Process("p")
    p.start().task("task", "work").end()
    p.boundary("caught", "task", error=code).end("handled")
    return p


def test_an_error_boundary_on_the_task_catches_it(drive: Driver) -> None:
    """ErrorEventTest#shouldTriggerEvent, #shouldNotCancelJob: the job is deleted without a CANCEL record."""
    drive.deploy(guarded())
    instance = drive.create("p")
    (job,) = drive.activate("work")
    drive.throw_error(job.key, "boom", "it broke")
    assert [r.intent.value for r in drive.of("JOB")] == ["CREATE", "CREATED", "THROW_ERROR", "ERROR_THROWN"]
    (thrown,) = drive.of("JOB", "ERROR_THROWN")
    assert (thrown.key, thrown.value.error_code, thrown.value.error_message) == (job.key, "boom", "it broke")
    trail = drive.trail("WORKFLOW_INSTANCE")
    assert trail[trail.index(("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "task")) :][:8] == [
        ("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "task"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATING", "task"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATED", "task"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "caught"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "caught"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "caught"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "caught"),
        ("WORKFLOW_INSTANCE", "SEQUENCE_FLOW_TAKEN", "caught-handled"),
    ]
    assert drive.completed(instance)
    assert drive.activate("work") == []
    drive.check()


def test_a_job_that_is_not_activated_may_throw(drive: Driver) -> None:
    """JobThrowErrorTest#shouldThrowError: ACTIVATABLE is enough."""
    drive.deploy(guarded())
    instance = drive.create("p")
    (created,) = drive.of("JOB", "CREATED")
    drive.throw_error(created.key, "boom")
    assert drive.completed(instance)
    drive.check()


def test_the_closest_scope_catches(drive: Driver) -> None:
    """ErrorEventHandler: the task's own boundary first, then the enclosing sub-process's."""
    p = Process("p")
    p.start().sub_process("sub").end()
    p.boundary("outer", "sub", error="boom").end("outer-end")
    sub = p.scope("sub")
    sub.start("sub-start").task("task", "work").end("sub-done")
    sub.boundary("inner", "task", error="other").end("inner-end")
    drive.deploy(p)
    instance = drive.create("p")
    (job,) = drive.activate("work")
    drive.throw_error(job.key, "boom")
    assert drive.lifecycle("inner") == []
    assert drive.lifecycle("sub") == [
        "ELEMENT_ACTIVATING",
        "ELEMENT_ACTIVATED",
        "EVENT_OCCURRED",
        "ELEMENT_TERMINATING",
        "ELEMENT_TERMINATED",
    ]
    assert drive.lifecycle("task")[-2:] == ["ELEMENT_TERMINATING", "ELEMENT_TERMINATED"]
    assert drive.lifecycle("outer-end")[-1] == "ELEMENT_COMPLETED" and drive.completed(instance)
    drive.check()


def test_an_error_event_sub_process_catches_and_takes_the_scope_over(drive: Driver) -> None:
    """ErrorCatchEventTest#shouldTriggerEvent (event sub-process): EVENT_OCCURRED on its start event (a new
    key), the task terminates, then the event sub-process runs and the process completes."""
    p = Process("p")
    p.start().task("task", "work").end()
    p.event_sub_process("on-error").start("error-start", error="boom").end("error-end")
    drive.deploy(p)
    instance = drive.create("p")
    (job,) = drive.activate("work")
    drive.throw_error(job.key, "boom")
    (occurred,) = drive.of("WORKFLOW_INSTANCE", "EVENT_OCCURRED")
    assert (occurred.value.element_id, occurred.value.bpmn_element_type, occurred.value.flow_scope_key) == (
        "error-start",
        "START_EVENT",
        instance,
    )
    trail = drive.trail("WORKFLOW_INSTANCE")
    assert trail[trail.index(("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "error-start")) :] == [
        ("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "error-start"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATING", "task"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATED", "task"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "on-error"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "on-error"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "error-start"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "error-start"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "error-start"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "error-start"),
        ("WORKFLOW_INSTANCE", "SEQUENCE_FLOW_TAKEN", "error-start-error-end"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "error-end"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "error-end"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "error-end"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "error-end"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "on-error"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "on-error"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "p"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "p"),
    ]
    drive.check()


def test_an_uncaught_error_is_an_incident_and_resolving_throws_it_again(drive: Driver) -> None:
    """ErrorEventIncidentTest#shouldCreateIncident, #shouldCreateIncidentWithDefaultErrorMessage,
    #shouldResolveIncident."""
    drive.deploy(guarded("boom"))
    drive.create("p")
    (job,) = drive.activate("work")
    drive.throw_error(job.key, "other")
    (incident,) = drive.incidents()
    assert (incident.error_type, incident.error_message, incident.job_key) == (
        "UNHANDLED_ERROR_EVENT",
        "An error was thrown with the code 'other' but not caught.",
        job.key,
    )
    drive.resolve(drive.incident_key())
    assert [r.intent.value for r in drive.of("INCIDENT")] == [
        "CREATE",
        "CREATED",
        "RESOLVE",
        "RESOLVED",
        "CREATE",
        "CREATED",
    ]
    assert drive.activate("work") == []
    drive.create("p")
    (second,) = drive.activate("work")
    drive.throw_error(second.key, "other", "the worker's words")
    assert drive.incidents()[-1].error_message == "the worker's words"
    drive.check()


def test_an_empty_error_code_is_accepted_and_not_caught(drive: Driver) -> None:
    """0.26 checks no error code: an empty one (as pyzeebe 2.4 may send) is thrown and, caught by none,
    is an incident."""
    drive.deploy(guarded())
    drive.create("p")
    (job,) = drive.activate("work")
    drive.throw_error(job.key, "")
    (incident,) = drive.incidents()
    assert incident.error_message == "An error was thrown with the code '' but not caught."
    drive.check()


def test_throw_error_rejections(drive: Driver) -> None:
    """JobThrowErrorTest / QA ThrowErrorTest: NOT_FOUND, and FAILED_PRECONDITION for a failed or thrown job."""
    missing = encode_partition_id(1, 123)
    assert drive.rejected(drive.throw_error, missing, "boom") == (
        grpc.StatusCode.NOT_FOUND,
        f"Command 'THROW_ERROR' rejected with code 'NOT_FOUND': Expected to throw an error for job with key "
        f"'{missing}', but no such job was found",
    )
    drive.deploy(guarded())
    drive.create("p")
    (job,) = drive.activate("work")
    drive.throw_error(job.key, "other")
    assert drive.rejected(drive.throw_error, job.key, "boom") == (
        grpc.StatusCode.FAILED_PRECONDITION,
        f"Command 'THROW_ERROR' rejected with code 'INVALID_STATE': Expected to throw an error for job with key "
        f"'{job.key}', but it is in state 'ERROR_THROWN'",
    )
    assert drive.rejected(drive.throw_error, 123, "boom")[0] is grpc.StatusCode.UNAVAILABLE
    drive.create("p")
    (failing,) = drive.activate("work")
    drive.stub.FailJob(drive.messages.FailJobRequest(jobKey=failing.key, retries=0))
    assert drive.rejected(drive.throw_error, failing.key, "boom") == (
        grpc.StatusCode.FAILED_PRECONDITION,
        f"Command 'THROW_ERROR' rejected with code 'INVALID_STATE': Expected to throw an error for job with key "
        f"'{failing.key}', but it is in state 'FAILED'",
    )
    drive.check()


def test_an_error_end_event_throws_to_the_enclosing_boundary(drive: Driver) -> None:
    """ErrorEventTest#shouldThrowErrorOnEndEvent: the end event waits (ACTIVATED) and is terminated."""
    p = Process("p")
    p.start().sub_process("sub").end()
    p.boundary("caught", "sub", error="boom").end("handled")
    p.scope("sub").start("sub-start").end("throw", error="boom")
    drive.deploy(p)
    instance = drive.create("p")
    assert drive.lifecycle("throw") == [
        "ELEMENT_ACTIVATING",
        "ELEMENT_ACTIVATED",
        "ELEMENT_TERMINATING",
        "ELEMENT_TERMINATED",
    ]
    assert drive.lifecycle("sub")[2:] == ["EVENT_OCCURRED", "ELEMENT_TERMINATING", "ELEMENT_TERMINATED"]
    assert drive.completed(instance)
    drive.check()


def test_an_uncaught_error_end_event_is_an_incident_that_stays(drive: Driver) -> None:
    """ErrorEventIncidentTest#shouldCreateIncidentOnErrorEndEvent, #shouldNotResolveIncidentOnEndEvent."""
    p = Process("p")
    p.start().end("throw", error="boom")
    drive.deploy(p)
    drive.create("p")
    (incident,) = drive.incidents()
    throw = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="throw")[0].key
    assert (incident.error_type, incident.error_message, incident.element_instance_key, incident.job_key) == (
        "UNHANDLED_ERROR_EVENT",
        "Expected to throw an error event with the code 'boom', but it was not caught.",
        throw,
        -1,
    )
    drive.resolve(drive.incident_key())
    assert [r.intent.value for r in drive.of("INCIDENT")][-2:] == ["CREATE", "CREATED"]
    assert len(drive.incidents()) == 1
    drive.check()


def test_an_error_thrown_inside_an_interrupting_event_sub_process_is_not_caught_by_it(drive: Driver) -> None:
    """ErrorEventIncidentTest#shouldCreateIncidentIfErrorIsThrownFromInterruptingEventSubprocess."""
    p = Process("p")
    p.start().task("task", "work").end()
    p.event_sub_process("error").start("error-start", error="boom").task("task-in-subprocess", "work").end("esp-end")
    drive.deploy(p)
    drive.create("p")
    (job,) = drive.activate("work")
    drive.throw_error(job.key, "boom")
    (inner,) = drive.activate("work")
    drive.throw_error(inner.key, "boom")
    (incident,) = drive.incidents()
    assert (incident.error_message, incident.element_id) == (
        "An error was thrown with the code 'boom' but not caught.",
        "task-in-subprocess",
    )
    drive.check()


def test_cancelling_resolves_the_error_incident(drive: Driver) -> None:
    """ErrorEventIncidentTest#shouldResolveIncidentWhenTerminatingScope."""
    drive.deploy(guarded())
    instance = drive.create("p")
    (job,) = drive.activate("work")
    drive.throw_error(job.key, "other")
    drive.cancel(instance)
    assert drive.incidents() == []
    assert [r.intent.value for r in drive.of("JOB")][-1] == "ERROR_THROWN"  # no CANCEL for a thrown job
    drive.check()
