"""Timers on the virtual clock, through gRPC (SEMANTICS §7; Zeebe's TimerCatchEventTest,
TimerStartEventTest, TimerIncidentTest, BoundaryEventTest)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.grpc_driver import Driver

HOUR = 3_600_000


@pytest.fixture
def drive(zeebe: ZeebeHarness) -> Driver:
    return Driver(zeebe)


def waiting(timer: tuple[str, str]) -> Process:
    p = Process("p")
    p.start().catch("wait", timer=timer).end()
    return p


def test_an_intermediate_timer_fires_at_its_due_date(drive: Driver) -> None:
    """TimerCatchEventTest#shouldCreateTimer, #shouldTriggerTimer, #shouldCompleteTimerEvent."""
    drive.deploy(waiting(("duration", "PT10S")))
    start = drive.now
    instance = drive.create("p")
    wait = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="wait")[0].key
    (created,) = drive.of("TIMER", "CREATED")
    assert created.to_dict()["value"] == {
        "elementInstanceKey": wait,
        "workflowInstanceKey": instance,
        "dueDate": start + 10_000,
        "targetElementId": "wait",
        "repetitions": 1,
        "workflowKey": drive.of("DEPLOYMENT", "CREATED")[0].value.deployed_workflows[0].workflow_key,
    }
    assert drive.zeebe.clock.next_due() == datetime(2021, 1, 1, 0, 0, 10, tzinfo=UTC)
    drive.advance(milliseconds=9_999)
    assert not drive.completed(instance)
    drive.advance(milliseconds=1)
    assert drive.lifecycle("wait") == [
        "ELEMENT_ACTIVATING",
        "ELEMENT_ACTIVATED",
        "EVENT_OCCURRED",
        "ELEMENT_COMPLETING",
        "ELEMENT_COMPLETED",
    ]
    timers = [(r.record_type.value, r.intent.value, r.key, r.timestamp) for r in drive.of("TIMER")]
    assert timers == [
        ("COMMAND", "CREATE", -1, start),
        ("EVENT", "CREATED", created.key, start),
        ("COMMAND", "TRIGGER", created.key, start + 10_000),
        ("EVENT", "TRIGGERED", created.key, start + 10_000),
    ]
    trail = drive.trail("TIMER", "WORKFLOW_INSTANCE")
    assert trail[trail.index(("TIMER", "TRIGGER", "wait")) :][:4] == [
        ("TIMER", "TRIGGER", "wait"),
        ("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "wait"),
        ("TIMER", "TRIGGERED", "wait"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "wait"),
    ]
    assert drive.completed(instance) and drive.engine.next_due() is None
    drive.check()


@pytest.mark.parametrize("duration", ["PT0S", "-PT1H"])
def test_a_timer_due_now_or_earlier_fires_at_once(drive: Driver, duration: str) -> None:
    """TimerCatchEventTest#shouldTriggerTimerWithZeroDuration, #shouldTriggerTimerWithNegativeDuration."""
    drive.deploy(waiting(("duration", duration)))
    instance = drive.create("p")
    assert drive.completed(instance)
    assert {r.timestamp for r in drive.records} == {drive.now}
    drive.check()


@pytest.mark.parametrize(
    ("timer", "variables", "due"),
    [
        (("duration", '=duration("PT5M")'), {}, 300_000),
        (("duration", "=wait"), {"wait": "P1D"}, 86_400_000),
        (("duration", '=duration("P1M")'), {}, 31 * 86_400_000),
        (("date", '=date and time("2021-01-01T02:00:00+01:00")'), {}, HOUR),
        (("date", "=at"), {"at": "2021-01-01T00:00:01.5Z"}, 1_500),
        (("date", "2021-01-02T00:00:00Z"), {}, 86_400_000),
    ],
)
def test_timer_values_come_from_feel(
    drive: Driver, timer: tuple[str, str], variables: dict[str, str], due: int
) -> None:
    """TimerCatchEventTest#shouldCreateTimerFromFeelExpression: durations, periods, date-times, strings."""
    drive.deploy(waiting(timer))
    start = drive.now
    drive.create("p", variables)
    assert drive.of("TIMER", "CREATED")[0].value.due_date == start + due
    drive.check()


def test_a_date_in_the_past_fires_at_once(drive: Driver) -> None:
    drive.deploy(waiting(("date", "2020-06-01T00:00:00Z")))
    instance = drive.create("p")
    assert drive.completed(instance)
    drive.check()


def test_durations_beyond_32_bits_of_milliseconds_fire_on_time(drive: Driver) -> None:
    """No 32-bit limits: 100 days is 8.64e9 ms."""
    drive.deploy(waiting(("duration", "PT2400H")))
    start = drive.now
    instance = drive.create("p")
    drive.advance(days=100)
    assert drive.completed(instance)
    assert drive.of("TIMER", "TRIGGERED")[0].timestamp == start + 100 * 86_400_000
    drive.check()


@pytest.mark.parametrize(
    ("timer", "variables", "message"),
    [
        (("duration", "=missing"), {}, "failed to evaluate expression 'missing': no variable found for name 'missing'"),
        (
            ("duration", "=wait"),
            {"wait": "not_a_duration_expression"},
            "Invalid duration format 'not_a_duration_expression' for expression 'wait'",
        ),
        (
            ("duration", "=wait"),
            {"wait": 5},
            "Expected result of the expression 'wait' to be one of '[DURATION, PERIOD, STRING]', but was 'NUMBER'",
        ),
        (("date", "=at"), {"at": "tomorrow"}, "Invalid date-time format 'tomorrow' for expression 'at'"),
        (  # TimerIncidentTest#shouldCreateIncidentIfDurationVariableNotFound
            ("duration", "=duration(timer_duration)"),
            {},
            "failed to evaluate expression 'duration(timer_duration)': no variable found for name 'timer_duration'",
        ),
    ],
)
def test_invalid_timer_values_are_incidents(
    drive: Driver, timer: tuple[str, str], variables: dict[str, object], message: str
) -> None:
    """TimerIncidentTest: EXTRACT_VALUE_ERROR on the catch event, its own scope."""
    drive.deploy(waiting(timer))
    drive.create("p", variables)
    wait = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="wait")[0].key
    (incident,) = drive.incidents()
    assert (incident.error_type, incident.error_message) == ("EXTRACT_VALUE_ERROR", message)
    assert (incident.element_instance_key, incident.variable_scope_key) == (wait, wait)
    assert drive.of("TIMER") == []
    drive.check()


def test_a_cycle_of_an_invalid_duration_is_an_incident_on_the_task(drive: Driver) -> None:
    """TimerIncidentTest#shouldCreateIncidentIfCycleExpressionCannotBeEvaluated: FEEL's `duration()` of
    a bad text is null, which `cycle()` refuses; the incident is the task's (its boundary timer)."""
    p = Process("p")
    p.start().task("task", "boundary_timer_test").end()
    p.boundary("boundary-event-1", "task", timer=("cycle", "=cycle(duration(timer_duration))"), interrupting=False).end(
        "boundary-timer-end-event"
    )
    drive.deploy(p)
    drive.create("p", {"timer_duration": "not_a_duration_expression"})
    task = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="task")[0].key
    (incident,) = drive.incidents()
    assert (incident.error_type, incident.element_instance_key, incident.error_message) == (
        "EXTRACT_VALUE_ERROR",
        task,
        "failed to evaluate expression 'cycle(duration(timer_duration))': cycle function expected an interval "
        "(duration) parameter, but found 'ValNull'",
    )
    drive.check()


def test_resolving_a_timer_incident_arms_the_timer(drive: Driver) -> None:
    """TimerIncidentTest#shouldResolveIncident."""
    drive.deploy(waiting(("duration", "=wait")))
    instance = drive.create("p")
    (incident,) = drive.incidents()
    drive.set_variables(incident.variable_scope_key, {"wait": "PT1S"})
    drive.resolve(drive.incident_key())
    assert drive.lifecycle("wait") == ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED"]
    drive.advance(seconds=1)
    assert drive.completed(instance)
    drive.check()


def test_a_non_interrupting_cycle_fires_once_per_interval(drive: Driver) -> None:
    """A boundary `R3/PT1H` and a 5-hour advance: three activations at 1 h, 2 h and 3 h
    (TimerCatchEventTest#shouldRecreateTimerForTheSpecifiedAmountOfRepetitions)."""
    p = Process("p")
    p.start().task("task", "work").end()
    p.boundary("reminder", "task", timer=("cycle", "R3/PT1H"), interrupting=False).end("reminded")
    drive.deploy(p)
    start = drive.now
    drive.create("p")
    drive.advance(hours=5)
    activations = [
        r.timestamp - start for r in drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="reminder")
    ]
    assert activations == [HOUR, 2 * HOUR, 3 * HOUR]
    assert [r.value.repetitions for r in drive.of("TIMER", "CREATED")] == [3, 2, 1]
    assert [r.value.due_date - start for r in drive.of("TIMER", "CREATED")] == [HOUR, 2 * HOUR, 3 * HOUR]
    assert drive.lifecycle("task") == ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED"] + ["EVENT_OCCURRED"] * 3
    assert drive.lifecycle("reminded").count("ELEMENT_COMPLETED") == 3
    drive.check()


def test_an_interrupting_boundary_timer_terminates_its_activity_first(drive: Driver) -> None:
    """BoundaryEventTest#shouldActivateBoundaryEventWhenEventTriggered: EVENT_OCCURRED, TRIGGERED, then the
    task terminates (its job cancelled), then the boundary event runs."""
    p = Process("p")
    p.start().task("task", "work").end()
    p.boundary("timeout", "task", timer=("duration", "PT1M")).end("timed-out")
    drive.deploy(p)
    instance = drive.create("p")
    drive.advance(minutes=1)
    trail = drive.trail("WORKFLOW_INSTANCE", "TIMER", "JOB")
    assert trail[trail.index(("TIMER", "TRIGGER", "timeout")) :] == [
        ("TIMER", "TRIGGER", "timeout"),
        ("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "task"),
        ("TIMER", "TRIGGERED", "timeout"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATING", "task"),
        ("JOB", "CANCEL", "task"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATED", "task"),
        ("JOB", "CANCELED", "task"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "timeout"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "timeout"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "timeout"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "timeout"),
        ("WORKFLOW_INSTANCE", "SEQUENCE_FLOW_TAKEN", "timeout-timed-out"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "timed-out"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "timed-out"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "timed-out"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "timed-out"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "p"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "p"),
    ]
    boundary = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="timeout")[0]
    assert boundary.value.flow_scope_key == instance
    drive.check()


def test_an_interrupting_boundary_timer_terminates_a_sub_process_inside_out(drive: Driver) -> None:
    """BoundaryEventTest#shouldTerminateSubProcessBeforeTriggeringBoundaryEvent: the exact tail of
    the log, up to the boundary event's ELEMENT_COMPLETED."""
    p = Process("p")
    p.start().sub_process("sub").end()
    p.boundary("timer", "sub", timer=("duration", "PT1S")).end("endTimer")
    p.scope("sub").start("sub-start").task("task", "type").end("inner-end")
    drive.deploy(p)
    drive.create("p")
    drive.advance(minutes=1)
    records = [
        (r.value_type.value, r.intent.value, getattr(r.value, "element_id", ""))
        for r in drive.records
        if r.value_type.value in ("WORKFLOW_INSTANCE", "TIMER", "JOB")
    ]
    end = records.index(("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "timer")) + 1
    assert records[:end][-12:] == [
        ("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "sub"),
        ("TIMER", "TRIGGERED", ""),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATING", "sub"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATING", "task"),
        ("JOB", "CANCEL", "task"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATED", "task"),
        ("JOB", "CANCELED", "task"),
        ("WORKFLOW_INSTANCE", "ELEMENT_TERMINATED", "sub"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "timer"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "timer"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "timer"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "timer"),
    ]
    drive.check()


def test_completing_the_activity_cancels_its_timers(drive: Driver) -> None:
    """WorkflowInstanceStreamProcessorTest#shouldNotTriggerBoundaryEventIfTaskIsCompleted."""
    p = Process("p")
    p.start().task("task", "work").end()
    p.boundary("timeout", "task", timer=("duration", "PT1M")).end("timed-out")
    drive.deploy(p)
    instance = drive.create("p")
    (job,) = drive.activate("work")
    drive.complete(job.key)
    assert [r.intent.value for r in drive.of("TIMER")] == ["CREATE", "CREATED", "CANCEL", "CANCELED"]
    assert drive.completed(instance) and drive.engine.next_due() is None
    drive.advance(minutes=5)
    assert drive.lifecycle("timeout") == []
    drive.check()


def test_cancelling_an_instance_cancels_its_timers(drive: Driver) -> None:
    drive.deploy(waiting(("duration", "PT1H")))
    instance = drive.create("p")
    drive.cancel(instance)
    assert [r.intent.value for r in drive.of("TIMER")] == ["CREATE", "CREATED", "CANCEL", "CANCELED"]
    assert drive.lifecycle("wait")[-1] == "ELEMENT_TERMINATED"
    drive.check()


def test_a_job_time_out_and_a_timer_in_one_advance_fire_in_due_order(drive: Driver) -> None:
    """Each at its own due time, whatever order they were created in."""
    p = Process("p")
    p.start().parallel("fork").task("task", "work").end("end-task")
    p.after("fork").catch("wait", timer=("duration", "PT30S")).end("end-wait")
    drive.deploy(p)
    start = drive.now
    drive.create("p")
    drive.activate("work", timeout=10_000)
    drive.advance(minutes=1)
    fired = [
        (r.value_type.value, r.intent.value, r.timestamp - start)
        for r in drive.records
        if r.record_type.value == "COMMAND" and r.intent.value in ("TIME_OUT", "TRIGGER")
    ]
    assert fired == [("JOB", "TIME_OUT", 10_001), ("TIMER", "TRIGGER", 30_000)]
    drive.check()


def test_a_timer_start_event_creates_instances(drive: Driver) -> None:
    """TimerStartEventTest#shouldTriggerAndCreateWorkflowInstance,
    #shouldCreateMultipleWorkflowInstancesWithRepeatingTimer."""
    p = Process("p")
    p.start("tick", timer=("cycle", "R2/PT1M")).task("task", "work").end()
    deployed = drive.deploy(p)
    workflow_key = deployed.workflows[0].workflowKey
    assert drive.trail("DEPLOYMENT", "TIMER")[:3] == [
        ("DEPLOYMENT", "CREATE", ""),
        ("TIMER", "CREATE", "tick"),
        ("DEPLOYMENT", "CREATED", ""),
    ]
    (created,) = drive.of("TIMER", "CREATED")
    assert (created.value.element_instance_key, created.value.workflow_instance_key) == (-1, -1)
    start = drive.now
    drive.advance(minutes=5)
    instances = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="p")
    assert [r.timestamp - start for r in instances] == [60_000, 120_000]
    trail = drive.trail("WORKFLOW_INSTANCE", "TIMER")
    assert trail[trail.index(("TIMER", "TRIGGER", "tick")) :][:8] == [
        ("TIMER", "TRIGGER", "tick"),
        ("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "tick"),
        ("TIMER", "TRIGGERED", "tick"),
        ("TIMER", "CREATE", "tick"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "p"),
        ("TIMER", "CREATED", "tick"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "p"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "tick"),
    ]
    occurred = drive.of("WORKFLOW_INSTANCE", "EVENT_OCCURRED", element_id="tick")[0]
    assert occurred.value.workflow_key == workflow_key
    assert occurred.value.workflow_instance_key == instances[0].key
    start_event = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="tick")[0].value
    assert (start_event.bpmn_process_id, start_event.version, start_event.flow_scope_key) == (
        "p",
        1,
        instances[0].key,
    )
    assert len(drive.activate("work")) == 2
    drive.check()


def test_a_new_version_replaces_the_start_timers_of_the_previous_one(drive: Driver) -> None:
    """TimerStartEventTest#shouldUpdateWorkflow, #shouldReplaceTimerStartWithNoneStart."""
    p = Process("p")
    p.start("tick", timer=("cycle", "R/PT1M")).end()
    drive.deploy(p)
    (first,) = drive.of("TIMER", "CREATED")
    q = Process("p")
    q.start("start").end()
    drive.deploy(q)
    (cancel,) = drive.of("TIMER", "CANCEL")
    assert cancel.key == first.key and drive.of("TIMER", "CANCELED")[0].key == first.key
    assert drive.engine.next_due() is None
    drive.check()


def test_an_endless_start_cycle_stops_when_a_none_start_version_replaces_it(drive: Driver) -> None:
    """TimerStartEventTest#shouldReplaceTimerStartWithNoneStart: `R/PT1S` fires every second until
    version 2 (a none start event) cancels the re-armed timer; CreateWorkflowInstance then starts
    version 2."""
    p = Process("process")
    p.start("start_2", timer=("cycle", "R/PT1S")).end("end_2")
    first = drive.deploy(p).workflows[0].workflowKey
    drive.advance(seconds=3)
    triggered = drive.of("TIMER", "TRIGGERED")
    assert [r.value.repetitions for r in triggered] == [-1, -1, -1]
    assert len(drive.of("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", element_id="process")) == 3
    q = Process("process")
    q.start("start_4").end("end_4")
    second = drive.deploy(q).workflows[0].workflowKey
    (cancelled,) = drive.of("TIMER", "CANCELED")
    assert cancelled.value.workflow_key == first and cancelled.key == drive.of("TIMER", "CREATED")[-1].key
    drive.advance(seconds=2)
    assert len(drive.of("TIMER", "TRIGGERED")) == 3 and drive.engine.next_due() is None
    instance = drive.create("process")
    (end,) = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", element_id="end_4")
    assert (end.value.version, end.value.workflow_key, end.value.workflow_instance_key) == (2, second, instance)
    drive.check()


def test_a_start_timer_date_in_the_past_fires_at_deployment(drive: Driver) -> None:
    """TimerStartEventTest#shouldTriggerIfTimeDatePassedOnDeployment."""
    p = Process("p")
    p.start("tick", timer=("date", "2020-01-01T00:00:00Z")).task("task", "work").end()
    drive.deploy(p)
    assert len(drive.activate("work")) == 1
    drive.check()


def test_the_harness_clock(zeebe: ZeebeHarness) -> None:
    """advance/advance_to move forward in whole milliseconds; next_due names the next item."""
    clock = zeebe.clock
    assert clock.next_due() is None
    assert clock.advance(timedelta(seconds=1)) == datetime(2021, 1, 1, 0, 0, 1, tzinfo=UTC)
    target = datetime(2021, 1, 1, 2, 0, 0, 5000, tzinfo=UTC)
    assert clock.advance_to(target) == target
    with pytest.raises(ValueError, match="backwards"):
        clock.advance_to(datetime(2021, 1, 1, tzinfo=UTC))
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(timedelta(milliseconds=-1))
    with pytest.raises(ValueError, match="whole milliseconds"):
        clock.advance(timedelta(microseconds=1500))
    with pytest.raises(ValueError, match="whole milliseconds"):
        clock.advance_to(datetime(2021, 1, 1, 3, 0, 0, 1, tzinfo=UTC))
    with pytest.raises(ValueError, match="timezone-aware"):
        clock.advance_to(datetime(2021, 1, 2))
    assert clock.now() == target


def test_an_endless_zero_interval_cycle_is_stopped_with_a_clear_error(drive: Driver) -> None:
    from pytest_zeebe.engine.engine import EngineError

    p = Process("p")
    p.start().task("task", "work").end()
    p.boundary("spin", "task", timer=("cycle", "R/PT0S"), interrupting=False).end("spun")
    drive.deploy(p)
    with pytest.raises(EngineError, match="fires forever"):
        drive.engine.submit(_create("p"))


def _create(process_id: str) -> object:
    from pytest_zeebe.engine import commands

    return commands.create_instance(partition_id=1, bpmn_process_id=process_id)


@pytest.mark.parametrize(
    ("cycle", "variables", "firings"),
    [
        ('=cycle(2, duration("PT10M"))', {}, [600_000, 1_200_000]),
        ("=every", {"every": "R/PT20M"}, [1_200_000, 2_400_000, 3_600_000]),
    ],
)
def test_cycles_come_from_feel_too(drive: Driver, cycle: str, variables: dict[str, str], firings: list[int]) -> None:
    """Zeebe's `cycle()` FEEL function, or a STRING; re-evaluated each time the cycle re-arms."""
    p = Process("p")
    p.start().task("task", "work").end()
    p.boundary("tick", "task", timer=("cycle", cycle), interrupting=False).end("ticked")
    drive.deploy(p)
    start = drive.now
    drive.create("p", variables)
    drive.advance(hours=1)
    assert [r.timestamp - start for r in drive.of("TIMER", "TRIGGERED")] == firings
    drive.check()


def test_an_invalid_cycle_is_an_incident(drive: Driver) -> None:
    p = Process("p")
    p.start().task("task", "work").end()
    p.boundary("tick", "task", timer=("cycle", "=every"), interrupting=False).end("ticked")
    drive.deploy(p)
    drive.create("p", {"every": "PT1H"})
    (incident,) = drive.incidents()
    assert (incident.element_id, incident.error_message) == ("task", "Repetition spec must start with R")
    drive.check()


def test_items_due_in_the_same_millisecond_fire_in_key_order(drive: Driver) -> None:
    p = Process("p")
    p.start().parallel("fork").catch("a", timer=("duration", "PT1M")).end("end-a")
    p.after("fork").catch("b", timer=("duration", "PT1M")).end("end-b")
    p.after("fork").task("task", "work").end("end-task")
    drive.deploy(p)
    drive.create("p")
    drive.activate("work", timeout=59_999)  # times out at 60 s too (deadline + 1 ms)
    drive.advance(minutes=1)
    fired = [
        r.key for r in drive.records if r.record_type.value == "COMMAND" and r.intent.value in ("TRIGGER", "TIME_OUT")
    ]
    assert len(fired) == 3 and fired == sorted(fired)
    assert len({r.timestamp for r in drive.records if r.intent.value in ("TRIGGER", "TIME_OUT")}) == 1
    drive.check()
