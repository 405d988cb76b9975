"""Events around multi-instance activities, through gRPC (SEMANTICS §1.3, §4, §7, §8).

Zeebe 0.26's MultiInstanceActivityTransformer moves an activity's boundary events (and a
sub-process's event sub-processes) to its MULTI_INSTANCE_BODY: the body subscribes to them once,
an interrupting one terminates the body and its inner instances first, and an error thrown inside
an inner instance is looked up from the inner instance to the body and beyond. Receive tasks run
as inner activities, one subscription per item. Sources: MultiInstanceActivityTest,
MultiInstanceReceiveTaskTest, ErrorEventTest (engine/src/test/java/io/zeebe/engine/processing/bpmn).
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


def looped_task(boundary: dict[str, object]) -> Process:
    p = Process("p")
    p.start().task("task", "work", loop=Loop("items", "item")).end()
    p.boundary("event", "task", **boundary).end("after-event")  # type: ignore[arg-type]
    return p


def test_an_interrupting_message_boundary_terminates_the_body_and_its_inner_instances(drive: Driver) -> None:
    """MultiInstanceActivityTest#shouldTriggerInterruptingBoundaryEvent: one subscription for the
    body (opened with the body, its key evaluated in the body's flow scope), EVENT_OCCURRED on the
    body, the inner instances terminated before the body, no output collection propagated."""
    drive.deploy(looped_task({"message": ("cancel", "orderId")}))
    instance = drive.create("p", {"items": [1, 2, 3], "orderId": "o-1"})
    (body_key,) = [
        r.key for r in drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", bpmn_element_type="MULTI_INSTANCE_BODY")
    ]
    (opened,) = drive.of("MESSAGE_SUBSCRIPTION", "OPENED")
    assert (opened.value.element_instance_key, opened.value.correlation_key) == (body_key, "o-1")
    jobs = drive.activate("work")
    drive.complete(jobs[0].key)
    drive.publish("cancel", "o-1")
    assert [r.intent.value for r in drive.of("MESSAGE_SUBSCRIPTION")] == ["OPEN", "OPENED", "CORRELATE", "CORRELATED"]
    trail = lifecycle(drive.zeebe, workflow_instance_key=instance)
    assert subsequence(
        trail,
        [
            ("task", "MULTI_INSTANCE_BODY", "EVENT_OCCURRED"),
            ("task", "MULTI_INSTANCE_BODY", "ELEMENT_TERMINATING"),
            ("task", "SERVICE_TASK", "ELEMENT_TERMINATING"),
            ("task", "SERVICE_TASK", "ELEMENT_TERMINATED"),
            ("task", "MULTI_INSTANCE_BODY", "ELEMENT_TERMINATED"),
            ("event", "BOUNDARY_EVENT", "ELEMENT_ACTIVATING"),
            ("event-after-event", "SEQUENCE_FLOW", "SEQUENCE_FLOW_TAKEN"),
            ("after-event", "END_EVENT", "ELEMENT_COMPLETED"),
            ("p", "PROCESS", "ELEMENT_COMPLETED"),
        ],
    )
    terminated = [t for t in trail if t[1:] == ("SERVICE_TASK", "ELEMENT_TERMINATED")]
    assert len(terminated) == 2  # the completed inner instance is not terminated
    assert trail.index(("task", "SERVICE_TASK", "ELEMENT_TERMINATED")) < trail.index(
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_TERMINATED")
    )
    assert [r.intent.value for r in drive.of("JOB", "CANCELED")] == ["CANCELED", "CANCELED"]
    assert drive.completed(instance)
    drive.check()


def test_a_non_interrupting_message_boundary_keeps_the_body(drive: Driver) -> None:
    """MultiInstanceActivityTest#shouldTriggerNonInterruptingBoundaryEvent: the body goes on and
    closes its subscription when it completes."""
    drive.deploy(looped_task({"message": ("note", "orderId"), "interrupting": False}))
    instance = drive.create("p", {"items": [1, 2], "orderId": "o-1"})
    jobs = drive.activate("work")
    drive.complete(jobs[0].key)
    drive.publish("note", "o-1")
    trail = lifecycle(drive.zeebe, workflow_instance_key=instance)
    assert subsequence(
        trail,
        [
            ("task", "MULTI_INSTANCE_BODY", "EVENT_OCCURRED"),
            ("event", "BOUNDARY_EVENT", "ELEMENT_ACTIVATING"),
            ("event-after-event", "SEQUENCE_FLOW", "SEQUENCE_FLOW_TAKEN"),
            ("after-event", "END_EVENT", "ELEMENT_ACTIVATING"),
        ],
    )
    assert ("task", "MULTI_INSTANCE_BODY", "ELEMENT_TERMINATING") not in trail
    drive.complete(jobs[1].key)
    intents = [r.intent.value for r in drive.of("MESSAGE_SUBSCRIPTION")]
    assert intents == ["OPEN", "OPENED", "CORRELATE", "CORRELATED", "CLOSE", "CLOSED"]
    trail = lifecycle(drive.zeebe, workflow_instance_key=instance)
    assert subsequence(
        trail,
        [
            ("after-event", "END_EVENT", "ELEMENT_COMPLETED"),
            ("task", "SERVICE_TASK", "ELEMENT_COMPLETED"),
            ("task", "MULTI_INSTANCE_BODY", "ELEMENT_COMPLETED"),
            ("p", "PROCESS", "ELEMENT_COMPLETED"),
        ],
    )
    drive.check()


def test_an_interrupting_timer_on_the_body_fires_once_for_all_inner_instances(drive: Driver) -> None:
    """One TIMER for the body (created while it activates, cancelled as it terminates: none left);
    the sequential body's remaining item never starts."""
    p = Process("p")
    p.start().task("task", "work", loop=Loop("items", "item", sequential=True)).end()
    p.boundary("late", "task", timer=("duration", "PT1H")).end("timed-out")
    drive.deploy(p)
    instance = drive.create("p", {"items": ["a", "b"]})
    (body,) = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", bpmn_element_type="MULTI_INSTANCE_BODY")
    (created,) = drive.of("TIMER", "CREATED")
    assert (created.value.element_instance_key, created.value.due_date) == (body.key, drive.now + 3_600_000)
    drive.advance(hours=1)
    assert [r.intent.value for r in drive.of("TIMER")] == ["CREATE", "CREATED", "TRIGGER", "TRIGGERED"]
    assert lifecycle(drive.zeebe, workflow_instance_key=instance, element_id="task") == [
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_ACTIVATING"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_ACTIVATED"),
        ("task", "SERVICE_TASK", "ELEMENT_ACTIVATING"),
        ("task", "SERVICE_TASK", "ELEMENT_ACTIVATED"),
        ("task", "MULTI_INSTANCE_BODY", "EVENT_OCCURRED"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_TERMINATING"),
        ("task", "SERVICE_TASK", "ELEMENT_TERMINATING"),
        ("task", "SERVICE_TASK", "ELEMENT_TERMINATED"),
        ("task", "MULTI_INSTANCE_BODY", "ELEMENT_TERMINATED"),
    ]
    assert drive.completed(instance)
    assert drive.variable("item") == "a"
    drive.check()


def test_a_completed_body_cancels_its_timer(drive: Driver) -> None:
    """The body unsubscribes as it completes (MultiInstanceBodyProcessor#onCompleting), before it
    propagates the output collection."""
    p = Process("p")
    loop = Loop("items", "item", output_collection="results", output_element="item * 10")
    p.start().task("task", "work", loop=loop).end()
    p.boundary("late", "task", timer=("duration", "PT1H")).end("timed-out")
    drive.deploy(p)
    instance = drive.create("p", {"items": [1, 2]})
    for job in drive.activate("work"):
        drive.complete(job.key)
    assert [r.intent.value for r in drive.of("TIMER")] == ["CREATE", "CREATED", "CANCEL", "CANCELED"]
    assert drive.variable("results") == [10, 20]
    drive.advance(hours=2)
    assert drive.completed(instance) and drive.lifecycle("late") == []
    drive.check()


def test_an_error_from_an_inner_instance_is_caught_by_the_body_boundary(drive: Driver) -> None:
    """ErrorEventTest#shouldCatchErrorOutsideMultiInstanceSubprocess: the error walks from the
    inner sub-process (whose own events moved to the body) to the body's error boundary."""
    p = Process("p")
    p.start().sub_process("sub", loop=Loop("[1]")).end()
    p.scope("sub").start("inner-start").task("task", "work").end("inner-end")
    p.boundary("caught", "sub", error="boom").end("handled")
    drive.deploy(p)
    instance = drive.create("p")
    (job,) = drive.activate("work")
    drive.throw_error(job.key, "boom")
    trail = [(kind, intent) for _, kind, intent in lifecycle(drive.zeebe, workflow_instance_key=instance)]
    assert subsequence(
        trail,
        [
            ("MULTI_INSTANCE_BODY", "EVENT_OCCURRED"),
            ("MULTI_INSTANCE_BODY", "ELEMENT_TERMINATING"),
            ("SUB_PROCESS", "ELEMENT_TERMINATING"),
            ("SERVICE_TASK", "ELEMENT_TERMINATING"),
            ("SERVICE_TASK", "ELEMENT_TERMINATED"),
            ("SUB_PROCESS", "ELEMENT_TERMINATED"),
            ("MULTI_INSTANCE_BODY", "ELEMENT_TERMINATED"),
            ("BOUNDARY_EVENT", "ELEMENT_ACTIVATING"),
            ("BOUNDARY_EVENT", "ELEMENT_COMPLETED"),
            ("END_EVENT", "ELEMENT_COMPLETED"),
            ("PROCESS", "ELEMENT_COMPLETED"),
        ],
    )
    assert drive.of("JOB", "CANCEL") == []
    drive.check()


def test_an_error_event_sub_process_of_a_multi_instance_sub_process_starts_in_the_body(drive: Driver) -> None:
    """ErrorEventTest#shouldCatchErrorInsideMultiInstanceSubprocess: the event sub-process belongs
    to the body in Zeebe 0.26 (its start event's EVENT_OCCURRED has the body as flow scope); it
    runs after the inner instance terminated, and its end completes the body."""
    p = Process("p")
    p.start().sub_process("sub", loop=Loop("items")).end()
    inner = p.scope("sub")
    inner.start("inner-start").task("task", "work").end("inner-end")
    inner.event_sub_process("esp").start("esp-start", error="boom").end("esp-end")
    drive.deploy(p)
    instance = drive.create("p", {"items": [1]})
    (body,) = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", bpmn_element_type="MULTI_INSTANCE_BODY")
    (job,) = drive.activate("work")
    drive.throw_error(job.key, "boom")
    trail = [(element, intent) for element, _, intent in lifecycle(drive.zeebe, workflow_instance_key=instance)]
    assert subsequence(
        trail,
        [
            ("esp-start", "EVENT_OCCURRED"),
            ("task", "ELEMENT_TERMINATED"),
            ("esp", "ELEMENT_ACTIVATED"),
            ("esp-start", "ELEMENT_ACTIVATED"),
            ("esp-start", "ELEMENT_COMPLETED"),
            ("esp", "ELEMENT_COMPLETED"),
            ("sub", "ELEMENT_COMPLETED"),
            ("p", "ELEMENT_COMPLETED"),
        ],
    )
    (occurred,) = drive.of("WORKFLOW_INSTANCE", "EVENT_OCCURRED", element_id="esp-start")
    (esp,) = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="esp")
    assert occurred.value.flow_scope_key == esp.value.flow_scope_key == body.key
    assert drive.completed(instance)
    drive.check()


def test_a_multi_instance_receive_task_subscribes_once_per_item(drive: Driver) -> None:
    """MultiInstanceReceiveTaskTest#shouldCreateOneMessageSubscriptionForEachElement and
    #shouldCompleteBodyWhenAllMessagesAreCorrelated: each inner instance evaluates the correlation
    key with its own input element (a number becomes its integer text)."""
    p = Process("p")
    p.start().receive("receive", ("ping", "item"), loop=Loop("items", "item")).end()
    drive.deploy(p)
    instance = drive.create("p", {"items": ["a", "b", 30]})
    inner = [r.key for r in drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", bpmn_element_type="RECEIVE_TASK")]
    opened = drive.of("MESSAGE_SUBSCRIPTION", "OPENED")
    assert [(r.value.correlation_key, r.value.element_instance_key) for r in opened] == list(
        zip(["a", "b", "30"], inner, strict=True)
    )
    for key in ("30", "a", "b"):
        drive.publish("ping", key, variables={"got": key})
    completed = drive.of("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", element_id="receive")
    assert [r.value.bpmn_element_type for r in completed] == ["RECEIVE_TASK"] * 3 + ["MULTI_INSTANCE_BODY"]
    assert [r.key for r in completed[:3]] == [inner[2], inner[0], inner[1]]
    assert drive.completed(instance)
    drive.check()


def test_cancelling_closes_the_subscription_of_every_inner_receive_task(drive: Driver) -> None:
    """MultiInstanceReceiveTaskTest#shouldCloseMessageSubscriptionOnTermination."""
    p = Process("p")
    p.start().receive("receive", ("ping", "item"), loop=Loop("items", "item")).end()
    drive.deploy(p)
    instance = drive.create("p", {"items": [10, 20, 30]})
    drive.cancel(instance)
    closed = drive.of("MESSAGE_SUBSCRIPTION", "CLOSED")
    assert len(closed) == 3
    drive.publish("ping", "10", ttl=60_000)
    assert drive.of("MESSAGE_SUBSCRIPTION", "CORRELATE") == []
    drive.check()


def test_a_sequential_receive_task_with_a_boundary_timer_on_the_body(drive: Driver) -> None:
    """The body waits for its timer while each inner receive task waits for its own message; the
    message of the second item is buffered and correlated once its inner instance subscribes."""
    p = Process("p")
    p.start().receive("receive", ("ping", "item"), loop=Loop("items", "item", sequential=True)).end()
    p.boundary("late", "receive", timer=("duration", "PT1H"), interrupting=False).end("reminded")
    drive.deploy(p)
    instance = drive.create("p", {"items": ["a", "b"]})
    drive.publish("ping", "b", ttl=3_600_000)
    drive.advance(minutes=30)
    drive.publish("ping", "a")
    assert drive.completed(instance)
    assert drive.lifecycle("late") == []
    assert [r.intent.value for r in drive.of("TIMER")] == ["CREATE", "CREATED", "CANCEL", "CANCELED"]
    drive.check()


def test_a_job_error_in_an_inner_service_task_is_caught_by_the_body(drive: Driver) -> None:
    """ErrorEventTest#shouldTriggerEvent on a multi-instance task: the throwing job is deleted
    without a CANCEL record, the other inner instances' jobs are cancelled."""
    drive.deploy(looped_task({"error": "boom"}))
    instance = drive.create("p", {"items": [1, 2, 3]})
    jobs = drive.activate("work")
    drive.throw_error(jobs[1].key, "boom")
    cancelled = [r.key for r in drive.of("JOB", "CANCELED")]
    assert sorted(cancelled) == sorted([jobs[0].key, jobs[2].key])
    (occurred,) = drive.of("WORKFLOW_INSTANCE", "EVENT_OCCURRED")
    assert occurred.value.bpmn_element_type == "MULTI_INSTANCE_BODY"
    assert drive.lifecycle("after-event")[-1] == "ELEMENT_COMPLETED"
    assert drive.completed(instance)
    drive.check()
