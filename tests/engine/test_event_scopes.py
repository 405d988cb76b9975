"""Event sub-processes, message boundary events and the event-based gateway, through gRPC
(SEMANTICS §1.3; Zeebe's InterruptingEventSubprocessTest, NonInterruptingEventSubprocessTest,
MultipleEventSubprocessTest, MessageCorrelationTest, EventbasedGatewayTest)."""

from __future__ import annotations

import json

import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.grpc_driver import Driver


@pytest.fixture
def drive(zeebe: ZeebeHarness) -> Driver:
    return Driver(zeebe)


def with_event_sub_processes(*, message_interrupting: bool, timer_interrupting: bool) -> Process:
    """MultipleEventSubprocessTest#twoEventSubprocWithTasksModel."""
    p = Process("p")
    p.start("start").task("task", "type").end("end_proc")
    p.event_sub_process("event_sub_proc_timer").start(
        "event_sub_start_timer", timer=("duration", "PT60S"), interrupting=timer_interrupting
    ).task("event_sub_task_timer", "timerTask").end("event_sub_end_timer")
    p.event_sub_process("event_sub_proc_msg").start(
        "event_sub_start_msg", message=("ping", "key"), interrupting=message_interrupting
    ).task("event_sub_task_msg", "msgTask").end("event_sub_end_msg")
    return p


def test_an_interrupting_event_sub_process_takes_the_scope_over(drive: Driver) -> None:
    """InterruptingEventSubprocessTest#shouldTriggerEventSubprocess, #shouldInterruptAndCompleteParent;
    #shouldCloseEventSubscriptions: the scope's other subscriptions close."""
    drive.deploy(with_event_sub_processes(message_interrupting=True, timer_interrupting=False))
    instance = drive.create("p", {"key": "123"})
    drive.publish("ping", "123", variables={"payload": 7})
    (occurred,) = drive.of("WORKFLOW_INSTANCE", "EVENT_OCCURRED")
    assert (occurred.value.element_id, occurred.value.flow_scope_key, occurred.value.version) == (
        "event_sub_start_msg",
        instance,
        1,
    )
    trail = drive.trail("WORKFLOW_INSTANCE", "TIMER", "JOB")
    assert trail[trail.index(("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "event_sub_start_msg")) :][:9] == [
        ("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "event_sub_start_msg"),
        ("TIMER", "CANCEL", "event_sub_start_timer"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATING", "task"),
        ("TIMER", "CANCELED", "event_sub_start_timer"),
        ("JOB", "CANCEL", "task"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATED", "task"),
        ("JOB", "CANCELED", "task"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "event_sub_proc_msg"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "event_sub_proc_msg"),
    ]
    (job,) = drive.activate("msgTask")
    assert json.loads(job.variables) == {"payload": 7, "key": "123"}
    assert drive.of("VARIABLE", name="payload")[0].value.scope_key == instance
    drive.complete(job.key)
    assert drive.completed(instance)
    assert drive.lifecycle("end_proc") == []
    assert drive.of("MESSAGE_SUBSCRIPTION", "CLOSE") == []  # it closed on correlation
    state = drive.engine.state
    assert not state.message_subscriptions.subscriptions and not state.instance_subscriptions.subscriptions
    drive.check()


def test_an_interrupting_event_sub_process_interrupts_a_token_waiting_at_a_join(drive: Driver) -> None:
    """InterruptingEventSubprocessTest#shouldInterruptExecutionWaitingOnParallelGateway: one branch
    waits at the join (its flow taken), the other's task is terminated, the event sub-process runs
    and completes the process; the join never activates. Zeebe's test checks a subsequence of these
    records (EVENT_OCCURRED, task TERMINATED, sub-process ACTIVATED and COMPLETED, process COMPLETED);
    the records between follow from BpmnEventSubscriptionBehavior#triggerEventSubProcess."""
    p = Process("p")
    p.start("start_proc").parallel("fork").task("task-1", "task-1").parallel("join").end("end_proc")
    p.after("fork").task("task-2", "task-2").flow("task-2", "join")
    p.event_sub_process("esp").start("esp-start", message=("ping", "key")).end("esp-end")
    drive.deploy(p)
    instance = drive.create("p", {"key": "123"})
    (job,) = drive.activate("task-1")
    drive.complete(job.key)
    assert drive.lifecycle("task-1-join") == ["SEQUENCE_FLOW_TAKEN"]
    drive.publish("ping", "123")
    kinds = [
        (r.value.bpmn_element_type, r.intent.value, r.value.element_id)
        for r in drive.records
        if r.value_type.value == "WORKFLOW_INSTANCE"
    ]
    tail = kinds[kinds.index(("START_EVENT", "EVENT_OCCURRED", "esp-start")) :]
    assert tail == [
        ("START_EVENT", "EVENT_OCCURRED", "esp-start"),
        ("SERVICE_TASK", "ELEMENT_TERMINATING", "task-2"),
        ("SERVICE_TASK", "ELEMENT_TERMINATED", "task-2"),
        ("SUB_PROCESS", "ELEMENT_ACTIVATING", "esp"),
        ("SUB_PROCESS", "ELEMENT_ACTIVATED", "esp"),
        ("START_EVENT", "ELEMENT_ACTIVATING", "esp-start"),
        ("START_EVENT", "ELEMENT_ACTIVATED", "esp-start"),
        ("START_EVENT", "ELEMENT_COMPLETING", "esp-start"),
        ("START_EVENT", "ELEMENT_COMPLETED", "esp-start"),
        ("SEQUENCE_FLOW", "SEQUENCE_FLOW_TAKEN", "esp-start-esp-end"),
        ("END_EVENT", "ELEMENT_ACTIVATING", "esp-end"),
        ("END_EVENT", "ELEMENT_ACTIVATED", "esp-end"),
        ("END_EVENT", "ELEMENT_COMPLETING", "esp-end"),
        ("END_EVENT", "ELEMENT_COMPLETED", "esp-end"),
        ("SUB_PROCESS", "ELEMENT_COMPLETING", "esp"),
        ("SUB_PROCESS", "ELEMENT_COMPLETED", "esp"),
        ("PROCESS", "ELEMENT_COMPLETING", "p"),
        ("PROCESS", "ELEMENT_COMPLETED", "p"),
    ]
    assert drive.lifecycle("join") == [] and drive.completed(instance)
    drive.check()


def test_an_interrupting_event_sub_process_triggers_once(drive: Driver) -> None:
    """MultipleEventSubprocessTest#shouldOnlyInterruptOnce."""
    drive.deploy(with_event_sub_processes(message_interrupting=True, timer_interrupting=True))
    instance = drive.create("p", {"key": 123})
    drive.advance(seconds=60)
    drive.publish("ping", "123")
    (job,) = drive.activate("timerTask")
    drive.complete(job.key)
    activated = [
        r.value.element_id
        for r in drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED")
        if r.value.bpmn_element_type == "SUB_PROCESS"
    ]
    assert activated == ["event_sub_proc_timer"]
    assert drive.completed(instance)
    drive.check()


def test_an_interrupting_event_sub_process_interrupts_a_running_one(drive: Driver) -> None:
    """MultipleEventSubprocessTest#shouldInterruptOtherActiveEventSubprocess."""
    drive.deploy(with_event_sub_processes(message_interrupting=True, timer_interrupting=False))
    instance = drive.create("p", {"key": "123"})
    drive.advance(seconds=60)
    assert len(drive.activate("timerTask")) == 1
    drive.publish("ping", "123")
    ordered = [(r.value.element_id, r.intent.value) for r in drive.of("WORKFLOW_INSTANCE")]
    expected = [
        ("event_sub_start_msg", "EVENT_OCCURRED"),
        ("event_sub_proc_timer", "ELEMENT_TERMINATING"),
        ("event_sub_task_timer", "ELEMENT_TERMINATED"),
        ("event_sub_proc_timer", "ELEMENT_TERMINATED"),
        ("event_sub_proc_msg", "ELEMENT_ACTIVATED"),
    ]
    positions = [ordered.index(step) for step in expected]
    assert positions == sorted(positions)
    (job,) = drive.activate("msgTask")
    drive.complete(job.key)
    assert drive.completed(instance)
    drive.check()


def test_a_non_interrupting_event_sub_process_runs_many_times_and_holds_the_scope(drive: Driver) -> None:
    """MultipleEventSubprocessTest#shouldCorrelateTwoMessagesIfNonInterrupting, #shouldKeepWorkflowInstanceActive."""
    drive.deploy(with_event_sub_processes(message_interrupting=False, timer_interrupting=False))
    instance = drive.create("p", {"key": "123"})
    drive.publish("ping", "123")
    drive.publish("ping", "123")
    assert len(drive.of("MESSAGE_SUBSCRIPTION", "CORRELATED")) == 2
    assert len(drive.activate("msgTask")) == 2
    (task,) = drive.activate("type")
    drive.complete(task.key)
    assert drive.lifecycle("end_proc")[-1] == "ELEMENT_COMPLETED"
    assert not drive.completed(instance)
    for job in drive.of("JOB", "CREATED", type="msgTask"):
        drive.complete(job.key)
    assert drive.completed(instance)
    drive.check()


def test_an_event_sub_process_sees_and_changes_its_scope_s_variables(drive: Driver) -> None:
    """SEMANTICS §1.3: the local variables of the scope
    (InterruptingEventSubprocessTest#shouldHaveScopeVariableIfInterrupting)."""
    p = Process("p")
    p.start().sub_process("sub", inputs={"local": "1"}).end()
    sub = p.scope("sub")
    sub.start("sub-start").task("task", "work").end("sub-done")
    sub.event_sub_process("esp").start("esp-start", timer=("duration", "PT1M"), interrupting=False).task(
        "esp-task", "esp"
    ).end("esp-end")
    drive.deploy(p)
    drive.create("p")
    drive.advance(minutes=1)
    (job,) = drive.activate("esp")
    assert job.variables == '{"local":1}'
    drive.complete(job.key, {"local": 2})
    sub_key = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="sub")[0].key
    assert [(r.value.value, r.value.scope_key) for r in drive.of("VARIABLE", name="local")] == [
        ("1", sub_key),
        ("2", sub_key),
    ]
    drive.check()


def test_cancelling_terminates_running_event_sub_processes(drive: Driver) -> None:
    """MultipleEventSubprocessTest#shouldTerminateEventSubprocessIfScopeTerminates."""
    drive.deploy(with_event_sub_processes(message_interrupting=False, timer_interrupting=False))
    instance = drive.create("p", {"key": "123"})
    drive.advance(seconds=60)
    drive.cancel(instance)
    assert drive.lifecycle("event_sub_proc_timer")[-2:] == ["ELEMENT_TERMINATING", "ELEMENT_TERMINATED"]
    assert drive.lifecycle("p")[-1] == "ELEMENT_TERMINATED"
    assert [r.intent.value for r in drive.of("MESSAGE_SUBSCRIPTION")][-2:] == ["CLOSE", "CLOSED"]
    drive.check()


def test_message_boundary_events(drive: Driver) -> None:
    """MessageCorrelationTest#shouldCorrelateToNonInterruptingBoundaryEvent and the interrupting case:
    non-interrupting keeps the task and takes every message; interrupting terminates it first."""
    p = Process("p")
    p.start().task("task", "work").end()
    p.boundary("note", "task", message=("note", "key"), interrupting=False).end("noted")
    p.boundary("cancel", "task", message=("cancel", "key")).end("cancelled")
    drive.deploy(p)
    instance = drive.create("p", {"key": "k"})
    opened = [r.value.message_name for r in drive.of("MESSAGE_SUBSCRIPTION", "OPEN")]
    assert opened == ["cancel", "note"]  # boundary events in reverse document order
    drive.publish("note", "k")
    drive.publish("note", "k")
    assert drive.lifecycle("noted").count("ELEMENT_COMPLETED") == 2
    assert drive.lifecycle("task") == ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "EVENT_OCCURRED", "EVENT_OCCURRED"]
    drive.publish("cancel", "k")
    assert drive.lifecycle("task")[-2:] == ["ELEMENT_TERMINATING", "ELEMENT_TERMINATED"]
    closed = sorted(r.value.message_name for r in drive.of("MESSAGE_SUBSCRIPTION", "CLOSED"))
    assert closed == ["note"]  # the interrupting one closed on correlation
    assert drive.completed(instance)
    drive.check()


def test_a_receive_task_and_its_boundary_event_race(drive: Driver) -> None:
    """MessageCorrelationTest#shouldNotTriggerBoundaryEventIfReceiveTaskTriggeredFirst."""
    p = Process("p")
    p.start().receive("receive", ("done", "key")).end()
    p.boundary("timeout", "receive", message=("timeout", "key")).end("timed-out")
    drive.deploy(p)
    instance = drive.create("p", {"key": "k"})
    drive.publish("done", "k")
    drive.publish("timeout", "k", ttl=60_000)
    assert drive.lifecycle("timeout") == []
    assert drive.completed(instance)
    drive.check()


def gateway() -> Process:
    p = Process("p")
    p.start().event_gateway("split")
    p.catch("paid", message=("paid", "key")).end("end-paid")
    p.after("split").catch("timeout", timer=("duration", "PT1H")).end("end-timeout")
    return p


def test_the_first_event_of_an_event_based_gateway_wins(drive: Driver) -> None:
    """EventbasedGatewayTest#shouldContinueWhenMessageIsCorrelated: the gateway completes, its other
    subscriptions close, the catch event starts already triggered (no flow taken)."""
    drive.deploy(gateway())
    instance = drive.create("p", {"key": "k"})
    assert [r.value.target_element_id for r in drive.of("TIMER", "CREATED")] == ["timeout"]
    drive.publish("paid", "k", variables={"amount": 3})
    trail = drive.trail("WORKFLOW_INSTANCE", "TIMER")
    assert trail[trail.index(("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "split")) :][:12] == [
        ("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "split"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "split"),
        ("TIMER", "CANCEL", "timeout"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "split"),
        ("TIMER", "CANCELED", "timeout"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "paid"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "paid"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "paid"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "paid"),
        ("WORKFLOW_INSTANCE", "SEQUENCE_FLOW_TAKEN", "paid-end-paid"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "end-paid"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "end-paid"),
    ]
    assert drive.of("WORKFLOW_INSTANCE", "SEQUENCE_FLOW_TAKEN", element_id="split-paid") == []
    assert drive.variable("amount") == 3 and drive.completed(instance)
    drive.advance(hours=2)
    assert drive.lifecycle("timeout") == []
    drive.check()


def test_the_timer_of_an_event_based_gateway_can_win(drive: Driver) -> None:
    drive.deploy(gateway())
    instance = drive.create("p", {"key": "k"})
    drive.advance(hours=1)
    assert drive.lifecycle("end-timeout")[-1] == "ELEMENT_COMPLETED" and drive.completed(instance)
    assert [r.intent.value for r in drive.of("MESSAGE_SUBSCRIPTION")][-2:] == ["CLOSE", "CLOSED"]
    drive.check()


def test_equal_timers_of_an_event_based_gateway_take_one_branch(drive: Driver) -> None:
    """EventbasedGatewayTest#shouldOnlyExecuteOneBranchWithEqualTimers: both TRIGGERs are written
    before either is processed (DueDateTimerChecker#triggerTimers writes every due timer), so the
    second one finds the gateway's event scope closed and is rejected (INVALID_STATE), and no
    CANCEL is written for it (TriggerTimerProcessor removed the timer)."""
    p = Process("p")
    p.start().event_gateway("gateway")
    p.catch("timer-1", timer=("duration", "PT2S")).end("end1")
    p.after("gateway").catch("timer-2", timer=("duration", "PT2S")).end("end2")
    drive.deploy(p)
    instance = drive.create("p")
    created = {r.value.target_element_id: r.key for r in drive.of("TIMER", "CREATED")}
    first, second = sorted(created.values())
    drive.advance(seconds=2)
    timers = [(r.record_type.value, r.intent.value, r.key) for r in drive.records if r.value_type.value == "TIMER"]
    assert timers[4:] == [
        ("COMMAND", "TRIGGER", first),
        ("COMMAND", "TRIGGER", second),
        ("EVENT", "TRIGGERED", first),
        ("COMMAND_REJECTION", "TRIGGER", second),
    ]
    (rejection,) = drive.rejections("TIMER")
    assert (rejection.rejection_type.value, rejection.rejection_reason) == (
        "INVALID_STATE",
        f"Expected to trigger a timer with key '{second}', but the timer is not active anymore",
    )
    winner = next(element for element, key in created.items() if key == first)
    loser = "timer-2" if winner == "timer-1" else "timer-1"
    assert drive.lifecycle(winner)[-1] == "ELEMENT_COMPLETED" and drive.lifecycle(loser) == []
    assert drive.completed(instance)
    drive.check()


def test_simultaneous_buffered_messages_take_one_branch(drive: Driver) -> None:
    """EventbasedGatewayTest#shouldOnlyExecuteOneBranchWithSimultaneousMessages."""
    p = Process("p")
    p.start().event_gateway("split")
    p.catch("a", message=("a", "key")).end("end-a")
    p.after("split").catch("b", message=("b", "key")).end("end-b")
    drive.deploy(p)
    drive.publish("a", "k", ttl=60_000)
    drive.publish("b", "k", ttl=60_000)
    instance = drive.create("p", {"key": "k"})
    taken = [e for e in ("end-a", "end-b") if drive.lifecycle(e)]
    assert len(taken) == 1 and drive.completed(instance)
    (rejection,) = drive.rejections("WORKFLOW_INSTANCE_SUBSCRIPTION")
    assert rejection.rejection_type.value == "INVALID_STATE"
    drive.check()
