"""Events around call activities, through gRPC (SEMANTICS §1.2, §1.3, §7, §8).

A call activity subscribes to its boundary events while it activates (after its input mappings,
before it starts the child); an interrupting one terminates the called child first. An error
thrown in a called workflow that nothing there catches walks out through the call activity, up
the parent's scopes and further up the call chain (Zeebe 0.26's ErrorEventHandler#findCatchEvent
follows `parentElementInstanceKey`); caught nowhere, it is an UNHANDLED_ERROR_EVENT incident where
it was thrown. Sources: CallActivityTest, ErrorEventTest, ErrorEventIncidentTest
(engine/src/test/java/io/zeebe/engine/processing/bpmn, .../incident).
"""

from __future__ import annotations

import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Loop, Process
from tests.support.flows import lifecycle, subsequence
from tests.support.grpc_driver import Driver


@pytest.fixture
def drive(zeebe: ZeebeHarness) -> Driver:
    return Driver(zeebe)


def child(process_id: str = "child", *, end_error: str | None = None) -> Process:
    p = Process(process_id)
    if end_error is None:
        p.start().task("child-task", "child-work").end("child-end")
    else:
        p.start().task("child-task", "child-work").end("child-end", error=end_error)
    return p


def parent(boundary: dict[str, object] | None = None, called: str = "child") -> Process:
    p = Process("parent")
    p.start().call("call", called).end()
    if boundary is not None:
        p.boundary("event", "call", **boundary).end("after-event")  # type: ignore[arg-type]
    return p


def kinds(drive: Driver, instance: int) -> list[tuple[str, str]]:
    return [(kind, intent) for _, kind, intent in lifecycle(drive.zeebe, workflow_instance_key=instance)]


def child_key(drive: Driver, parent_key: int) -> int:
    (record,) = drive.of(
        "WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", parent_workflow_instance_key=parent_key, bpmn_element_type="PROCESS"
    )
    return record.key


def test_an_interrupting_timer_boundary_terminates_the_child_first(drive: Driver) -> None:
    """CallActivityTest#shouldTriggerBoundaryEvent. The timer is armed between the input mappings
    and the child's creation (CallActivityProcessor#onActivating)."""
    drive.deploy(child(), parent({"timer": ("duration", "PT1M")}))
    instance = drive.create("parent")
    child_instance = child_key(drive, instance)
    order = [
        (r.value_type.value, r.intent.value, getattr(r.value, "bpmn_element_type", ""))
        for r in drive.records
        if r.value_type.value in ("TIMER", "WORKFLOW_INSTANCE")
    ]
    assert subsequence(
        order,
        [
            ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "CALL_ACTIVITY"),
            ("TIMER", "CREATE", ""),
            ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "CALL_ACTIVITY"),
            ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "PROCESS"),
        ],
    )
    drive.advance(minutes=1)
    records = [
        (r.value.workflow_instance_key, r.value.bpmn_element_type, r.intent.value)
        for r in drive.of("WORKFLOW_INSTANCE")
        if r.value.workflow_instance_key in (instance, child_instance)
    ]
    assert subsequence(
        records,
        [
            (instance, "CALL_ACTIVITY", "EVENT_OCCURRED"),
            (instance, "CALL_ACTIVITY", "ELEMENT_TERMINATING"),
            (child_instance, "PROCESS", "ELEMENT_TERMINATING"),
            (child_instance, "SERVICE_TASK", "ELEMENT_TERMINATED"),
            (child_instance, "PROCESS", "ELEMENT_TERMINATED"),
            (instance, "CALL_ACTIVITY", "ELEMENT_TERMINATED"),
            (instance, "BOUNDARY_EVENT", "ELEMENT_ACTIVATED"),
            (instance, "SEQUENCE_FLOW", "SEQUENCE_FLOW_TAKEN"),
            (instance, "PROCESS", "ELEMENT_COMPLETED"),
        ],
    )
    assert [r.intent.value for r in drive.of("JOB") if r.intent.value.startswith("CANCEL")] == ["CANCEL", "CANCELED"]
    drive.check()


def test_cancelling_terminates_the_child_before_the_timer_is_cancelled(drive: Driver) -> None:
    """CallActivityProcessor#onTerminating: terminateChildProcessInstance, then unsubscribeFromEvents."""
    drive.deploy(child(), parent({"timer": ("duration", "PT1M")}))
    instance = drive.create("parent")
    drive.cancel(instance)
    order = [
        (r.value_type.value, r.intent.value, getattr(r.value, "bpmn_element_type", ""))
        for r in drive.records
        if r.value_type.value in ("TIMER", "WORKFLOW_INSTANCE")
    ]
    start = order.index(("WORKFLOW_INSTANCE", "ELEMENT_TERMINATING", "CALL_ACTIVITY"))
    assert order[start : start + 3] == [
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATING", "CALL_ACTIVITY"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATING", "PROCESS"),
        ("TIMER", "CANCEL", ""),
    ]
    drive.advance(minutes=5)
    assert drive.of("TIMER", "TRIGGER") == []
    assert drive.lifecycle("event") == []
    drive.check()


def test_a_non_interrupting_message_boundary_keeps_the_child_running(drive: Driver) -> None:
    """The boundary starts at once; the child goes on, and its completion completes the call
    activity, which closes the subscription."""
    drive.deploy(child(), parent({"message": ("remind", "orderId"), "interrupting": False}))
    instance = drive.create("parent", {"orderId": "o-1"})
    drive.publish("remind", "o-1")
    drive.publish("remind", "o-1")
    assert drive.lifecycle("after-event").count("ELEMENT_COMPLETED") == 2
    (job,) = drive.activate("child-work")
    drive.complete(job.key, {"done": True})
    assert [r.intent.value for r in drive.of("MESSAGE_SUBSCRIPTION")][-2:] == ["CLOSE", "CLOSED"]
    assert drive.completed(instance)
    assert drive.variable("done") is True
    drive.check()


def test_an_error_thrown_in_the_child_is_caught_by_the_call_activity(drive: Driver) -> None:
    """ErrorEventTest#shouldCatchErrorFromChildInstance: the child is terminated (its job deleted
    without a CANCEL), the boundary event completes the parent."""
    drive.deploy(child(), parent({"error": "boom"}))
    instance = drive.create("parent")
    child_instance = child_key(drive, instance)
    (job,) = drive.activate("child-work")
    drive.throw_error(job.key, "boom")
    assert subsequence(
        kinds(drive, child_instance), [("SERVICE_TASK", "ELEMENT_TERMINATED"), ("PROCESS", "ELEMENT_TERMINATED")]
    )
    assert subsequence(
        kinds(drive, instance),
        [
            ("CALL_ACTIVITY", "EVENT_OCCURRED"),
            ("CALL_ACTIVITY", "ELEMENT_TERMINATED"),
            ("BOUNDARY_EVENT", "ELEMENT_ACTIVATING"),
            ("BOUNDARY_EVENT", "ELEMENT_COMPLETED"),
            ("PROCESS", "ELEMENT_COMPLETED"),
        ],
    )
    (occurred,) = drive.of("WORKFLOW_INSTANCE", "EVENT_OCCURRED")
    assert occurred.value.workflow_instance_key == instance
    assert drive.of("JOB", "CANCEL") == []
    assert drive.activate("child-work") == []
    drive.check()


def test_the_child_s_own_catch_event_comes_before_the_parent_s(drive: Driver) -> None:
    """The search finishes in the child's workflow instance before it crosses the call activity."""
    inner = child()
    inner.boundary("inner-catch", "child-task", error="boom").end("inner-handled")
    drive.deploy(inner, parent({"error": "boom"}))
    instance = drive.create("parent")
    (job,) = drive.activate("child-work")
    drive.throw_error(job.key, "boom")
    assert "ELEMENT_COMPLETED" in drive.lifecycle("inner-catch")
    assert drive.lifecycle("event") == []
    assert drive.completed(instance)
    drive.check()


def test_an_error_end_event_in_the_child_starts_the_parent_s_error_event_sub_process(drive: Driver) -> None:
    """ErrorEventTest#shouldThrowErrorOnEndEvent, across the call: the interrupting event
    sub-process terminates the call activity, and so the child with its waiting error end event."""
    p = parent()
    p.event_sub_process("on-error").start("on-error-start", error="failed").end("on-error-end")
    drive.deploy(child(end_error="failed"), p)
    instance = drive.create("parent")
    child_instance = child_key(drive, instance)
    (job,) = drive.activate("child-work")
    drive.complete(job.key)
    assert lifecycle(drive.zeebe, workflow_instance_key=child_instance, element_id="child-end") == [
        ("child-end", "END_EVENT", "ELEMENT_ACTIVATING"),
        ("child-end", "END_EVENT", "ELEMENT_ACTIVATED"),
        ("child-end", "END_EVENT", "ELEMENT_TERMINATING"),
        ("child-end", "END_EVENT", "ELEMENT_TERMINATED"),
    ]
    trail = [(e, intent) for e, _, intent in lifecycle(drive.zeebe, workflow_instance_key=instance)]
    assert subsequence(
        trail,
        [
            ("on-error-start", "EVENT_OCCURRED"),
            ("call", "ELEMENT_TERMINATING"),
            ("call", "ELEMENT_TERMINATED"),
            ("on-error", "ELEMENT_ACTIVATING"),
            ("on-error-end", "ELEMENT_COMPLETED"),
            ("on-error", "ELEMENT_COMPLETED"),
            ("parent", "ELEMENT_COMPLETED"),
        ],
    )
    drive.check()


def test_an_error_caught_two_levels_up_a_three_level_call_chain(drive: Driver) -> None:
    """The grandchild's error passes the middle call activity (its boundary waits for another
    code) and is caught at the root's call activity; the middle and the grandchild terminate,
    innermost last to start, first to end."""
    root = Process("root")
    root.start().call("call-middle", "middle").end("root-end")
    root.boundary("caught", "call-middle", error="boom").end("handled")
    middle = Process("middle")
    middle.start().call("call-leaf", "leaf").end("middle-end")
    middle.boundary("other", "call-leaf", error="other-code").end("other-end")
    drive.deploy(child("leaf"), middle, root)
    instance = drive.create("root")
    middle_instance = child_key(drive, instance)
    leaf_instance = child_key(drive, middle_instance)
    (job,) = drive.activate("child-work")
    drive.throw_error(job.key, "boom")
    records = [
        (r.value.workflow_instance_key, r.value.element_id, r.intent.value)
        for r in drive.of("WORKFLOW_INSTANCE")
        if r.intent.value in ("EVENT_OCCURRED", "ELEMENT_TERMINATED", "ELEMENT_COMPLETED")
    ]
    job_done = records.index((leaf_instance, "child-task", "ELEMENT_TERMINATED"))
    assert records[job_done - 1 :] == [
        (instance, "call-middle", "EVENT_OCCURRED"),
        (leaf_instance, "child-task", "ELEMENT_TERMINATED"),
        (leaf_instance, "leaf", "ELEMENT_TERMINATED"),
        (middle_instance, "call-leaf", "ELEMENT_TERMINATED"),
        (middle_instance, "middle", "ELEMENT_TERMINATED"),
        (instance, "call-middle", "ELEMENT_TERMINATED"),
        (instance, "caught", "ELEMENT_COMPLETED"),
        (instance, "handled", "ELEMENT_COMPLETED"),
        (instance, "root", "ELEMENT_COMPLETED"),
    ]
    assert drive.lifecycle("other") == []
    drive.zeebe.assert_that(instance).is_completed().has_passed("caught")
    drive.check()


def test_an_error_nobody_catches_is_an_incident_in_the_child(drive: Driver) -> None:
    """ErrorEventIncidentTest: the job's incident, with Zeebe's text, where the job is; the parent
    waits. Resolving it throws again (still uncaught: a new incident)."""
    drive.deploy(child(), parent({"error": "other-code"}))
    instance = drive.create("parent")
    child_instance = child_key(drive, instance)
    (job,) = drive.activate("child-work")
    drive.throw_error(job.key, "boom")
    (incident,) = drive.incidents()
    assert (incident.error_type, incident.error_message) == (
        "UNHANDLED_ERROR_EVENT",
        "An error was thrown with the code 'boom' but not caught.",
    )
    assert (incident.workflow_instance_key, incident.element_id, incident.job_key) == (
        child_instance,
        "child-task",
        job.key,
    )
    assert drive.of("WORKFLOW_INSTANCE", "EVENT_OCCURRED") == []
    drive.resolve(drive.incident_key())
    assert len(drive.incidents()) == 1
    assert not drive.completed(instance)
    drive.check()


def test_an_uncaught_error_end_event_in_the_child_is_an_incident_on_the_end_event(drive: Driver) -> None:
    """EndEventProcessor: the error end event's UNHANDLED_ERROR_EVENT incident, Zeebe's text."""
    drive.deploy(child(end_error="failed"), parent())
    instance = drive.create("parent")
    child_instance = child_key(drive, instance)
    (job,) = drive.activate("child-work")
    drive.complete(job.key)
    (incident,) = drive.incidents()
    assert (incident.error_type, incident.error_message, incident.workflow_instance_key, incident.element_id) == (
        "UNHANDLED_ERROR_EVENT",
        "Expected to throw an error event with the code 'failed', but it was not caught.",
        child_instance,
        "child-end",
    )
    drive.cancel(instance)
    assert drive.incidents() == []
    drive.check()


def test_an_error_from_a_child_of_a_multi_instance_call_activity_reaches_the_body_boundary(drive: Driver) -> None:
    """The inner call activity has no events of its own (they moved to the body), so the error
    goes on to the body, which terminates every inner call activity and their children."""
    p = Process("parent")
    p.start().call("call", "child", loop=Loop("items")).end()
    p.boundary("event", "call", error="boom").end("after-event")
    drive.deploy(child(), p)
    instance = drive.create("parent", {"items": [1, 2, 3]})
    jobs = drive.activate("child-work")
    assert len(jobs) == 3
    drive.throw_error(jobs[1].key, "boom")
    assert subsequence(
        kinds(drive, instance),
        [
            ("MULTI_INSTANCE_BODY", "EVENT_OCCURRED"),
            ("MULTI_INSTANCE_BODY", "ELEMENT_TERMINATING"),
            ("CALL_ACTIVITY", "ELEMENT_TERMINATED"),
            ("MULTI_INSTANCE_BODY", "ELEMENT_TERMINATED"),
            ("BOUNDARY_EVENT", "ELEMENT_COMPLETED"),
            ("PROCESS", "ELEMENT_COMPLETED"),
        ],
    )
    children = drive.of("WORKFLOW_INSTANCE", "ELEMENT_TERMINATED", bpmn_element_type="PROCESS")
    assert len(children) == 3
    assert [r.intent.value for r in drive.of("JOB", "CANCELED")] == ["CANCELED", "CANCELED"]
    drive.check()


def test_resolving_a_called_element_incident_subscribes_again(drive: Driver) -> None:
    """CallActivityProcessor#onActivating subscribes before it looks the process up, and again when
    the incident's ACTIVATING is processed once more: Zeebe 0.26 arms the timer twice. The first
    to fire interrupts; terminating the call activity cancels the other."""
    drive.deploy(parent({"timer": ("duration", "PT1H")}))
    instance = drive.create("parent")
    (incident,) = drive.incidents()
    assert (incident.error_type, incident.error_message) == (
        "CALLED_ELEMENT_ERROR",
        "Expected workflow with BPMN process id 'child' to be deployed, but not found.",
    )
    drive.advance(minutes=30)
    drive.deploy(child())
    drive.resolve(drive.incident_key())
    created = drive.of("TIMER", "CREATED")
    assert [r.value.due_date - created[0].value.due_date for r in created] == [0, 1_800_000]
    drive.advance(minutes=30)
    assert [r.intent.value for r in drive.of("TIMER")][4:] == ["TRIGGER", "TRIGGERED", "CANCEL", "CANCELED"]
    assert drive.lifecycle("event").count("ELEMENT_COMPLETED") == 1
    assert drive.completed(instance)
    drive.check()


def test_an_interrupting_event_sub_process_of_the_parent_terminates_the_call_and_its_child(drive: Driver) -> None:
    """InterruptingEventSubprocessTest, with a call activity among the terminated children."""
    p = parent()
    p.event_sub_process("on-stop").start("on-stop-start", message=("stop", "orderId")).end("on-stop-end")
    drive.deploy(child(), p)
    instance = drive.create("parent", {"orderId": "o-1"})
    child_instance = child_key(drive, instance)
    drive.publish("stop", "o-1")
    assert subsequence(
        [(r.value.workflow_instance_key, r.value.element_id, r.intent.value) for r in drive.of("WORKFLOW_INSTANCE")],
        [
            (instance, "on-stop-start", "EVENT_OCCURRED"),
            (instance, "call", "ELEMENT_TERMINATING"),
            (child_instance, "child", "ELEMENT_TERMINATING"),
            (child_instance, "child-task", "ELEMENT_TERMINATED"),
            (child_instance, "child", "ELEMENT_TERMINATED"),
            (instance, "call", "ELEMENT_TERMINATED"),
            (instance, "on-stop", "ELEMENT_ACTIVATING"),
            (instance, "parent", "ELEMENT_COMPLETED"),
        ],
    )
    assert drive.activate("child-work") == []
    drive.check()
