"""Message start events, through gRPC (SEMANTICS §6; Zeebe's MessageStartEventTest,
MessageStartEventSubscriptionTest)."""

from __future__ import annotations

import json

import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.grpc_driver import Driver


@pytest.fixture
def drive(zeebe: ZeebeHarness) -> Driver:
    return Driver(zeebe)


def started(process_id: str = "wf", message: str = "order", job_type: str = "work") -> Process:
    p = Process(process_id)
    p.start("start", message=(message, None)).task("task", job_type).end()
    return p


def x_values(drive: Driver) -> list[object]:
    return [json.loads(r.value.value) for r in drive.of("VARIABLE", name="x")]


def test_deploying_opens_a_subscription_per_message_start_event(drive: Driver) -> None:
    """MessageStartEventSubscriptionTest#shouldOpenMessageSubscriptionOnDeployment,
    #shouldCloseSubscriptionForOldVersions."""
    first = drive.deploy(started()).workflows[0].workflowKey
    assert drive.trail("DEPLOYMENT", "MESSAGE_START_EVENT_SUBSCRIPTION") == [
        ("DEPLOYMENT", "CREATE", ""),
        ("DEPLOYMENT", "CREATED", ""),
        ("DEPLOYMENT", "DISTRIBUTE", ""),
        ("MESSAGE_START_EVENT_SUBSCRIPTION", "OPEN", "order"),
        ("DEPLOYMENT", "DISTRIBUTED", ""),
        ("MESSAGE_START_EVENT_SUBSCRIPTION", "OPENED", "order"),
    ]
    (opened,) = drive.of("MESSAGE_START_EVENT_SUBSCRIPTION", "OPENED")
    assert opened.key == -1
    assert opened.to_dict()["value"] == {
        "workflowKey": first,
        "messageName": "order",
        "startEventId": "start",
        "bpmnProcessId": "wf",
    }
    second = drive.deploy(started(job_type="other")).workflows[0].workflowKey
    (closed,) = drive.of("MESSAGE_START_EVENT_SUBSCRIPTION", "CLOSED")
    assert closed.value.workflow_key == first
    assert drive.of("MESSAGE_START_EVENT_SUBSCRIPTION", "OPENED")[-1].value.workflow_key == second
    drive.publish("order", "")
    assert [j.type for j in drive.activate("other")] == ["other"]  # the latest version started
    assert drive.activate("work") == []
    drive.check()


def test_a_message_creates_an_instance(drive: Driver) -> None:
    """MessageStartEventTest#shouldCorrelateMessageToStartEvent, #shouldCreateNewInstanceWithMessageVariables."""
    drive.deploy(started())
    drive.publish("order", "c-1", variables={"x": 1})
    (process,) = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="wf")
    trail = drive.trail("MESSAGE", "WORKFLOW_INSTANCE")
    assert trail[trail.index(("MESSAGE", "PUBLISH", "order")) :][:9] == [
        ("MESSAGE", "PUBLISH", "order"),
        ("MESSAGE", "PUBLISHED", "order"),
        ("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "start"),
        ("MESSAGE", "DELETED", "order"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "wf"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "wf"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "start"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "start"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "start"),
    ]
    (occurred,) = drive.of("WORKFLOW_INSTANCE", "EVENT_OCCURRED")
    assert occurred.value.workflow_instance_key == process.key
    assert process.value.flow_scope_key == -1 and process.value.version == 1
    assert x_values(drive) == [1]
    assert drive.of("VARIABLE", name="x")[0].value.scope_key == process.key
    (job,) = drive.activate("work")
    assert json.loads(job.variables) == {"x": 1}
    drive.check()


def test_without_a_correlation_key_every_message_creates_an_instance(drive: Driver) -> None:
    """MessageStartEventTest#shouldCreateMultipleInstancesIfCorrelationKeyIsEmpty."""
    drive.deploy(started())
    for n in range(3):
        drive.publish("order", "", ttl=60_000, variables={"x": n})
    assert len(drive.activate("work")) == 3
    drive.check()


def test_buffered_messages_with_one_key_start_instances_one_after_another(drive: Driver) -> None:
    """MessageStartEventTest#shouldCreateOnlyOneInstancePerCorrelationKey,
    #shouldCreateNewInstanceForBufferedMessageAfterCompletion: three messages, key "c-1"."""
    drive.deploy(started())
    for n in (1, 2, 3):
        drive.publish("order", "c-1", ttl=60_000, variables={"x": n})
    for expected in ([1], [1, 2], [1, 2, 3]):
        assert x_values(drive) == expected
        (job,) = drive.activate("work")
        drive.complete(job.key)
    assert drive.activate("work") == []
    instances = drive.of("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", element_id="wf")
    assert len(instances) == 3
    trail = drive.trail("WORKFLOW_INSTANCE")
    first_end = trail.index(("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "wf"))
    assert trail[first_end + 1 : first_end + 3] == [
        ("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "start"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "wf"),
    ]
    drive.publish("order", "c-1", variables={"x": 4})  # the lock was released
    assert len(drive.activate("work")) == 1
    drive.check()


def test_a_terminated_instance_lets_the_next_buffered_message_in(drive: Driver) -> None:
    """MessageStartEventTest#shouldCreateNewInstanceForBufferedMessageAfterTermination."""
    drive.deploy(started())
    drive.publish("order", "c-1", ttl=60_000, variables={"x": 1})
    drive.publish("order", "c-1", ttl=60_000, variables={"x": 2})
    first = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="wf")[0].key
    drive.cancel(first)
    assert x_values(drive) == [1, 2]
    drive.check()


def test_a_different_key_starts_its_own_instance(drive: Driver) -> None:
    drive.deploy(started())
    drive.publish("order", "c-1", ttl=60_000)
    drive.publish("order", "c-2", ttl=60_000)
    drive.publish("order", "c-1", ttl=60_000)
    assert len(drive.activate("work")) == 2
    drive.check()


def test_an_expired_buffered_message_starts_nothing(drive: Driver) -> None:
    """MessageStartEventTest#shouldNotCreateNewInstanceForBufferedMessageAfterTTL."""
    drive.deploy(started())
    drive.publish("order", "c-1", ttl=60_000, variables={"x": 1})
    drive.publish("order", "c-1", ttl=1_000, variables={"x": 2})
    drive.advance(seconds=1)
    (job,) = drive.activate("work")
    drive.complete(job.key)
    assert x_values(drive) == [1]
    drive.publish("order", "c-1", variables={"x": 3})
    assert x_values(drive) == [1, 3]
    drive.check()


def test_messages_published_before_the_deployment_start_nothing(drive: Driver) -> None:
    drive.publish("order", "c-1", ttl=60_000)
    drive.publish("order", "", ttl=60_000)
    drive.deploy(started())
    assert drive.activate("work") == []
    drive.check()


def test_the_starting_message_does_not_also_reach_the_instance_it_created(drive: Driver) -> None:
    """MessageStartEventTest#shouldNotCorrelateSameMessageToCreatedInstance."""
    p = Process("wf")
    p.start("start", message=("order", None)).catch("catch", message=("order", "key")).end()
    drive.deploy(p)
    drive.publish("order", "c-1", ttl=60_000, variables={"key": "c-1", "x": 1})
    assert drive.of("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATE") == []
    second = drive.publish("order", "c-1", ttl=60_000, variables={"x": 2})
    assert x_values(drive) == [1, 2]
    (correlated,) = drive.of("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATED")
    assert correlated.value.message_key == second
    assert len(drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="wf")) == 1
    drive.check()


def test_a_none_start_event_still_starts_client_instances(drive: Driver) -> None:
    """CreateWorkflowInstanceTest#shouldActivateOnlyNoneStartEvent."""
    p = Process("wf")
    p.start("none").task("task", "work").end()
    p.start("by-message", message=("order", None)).flow("by-message", "task")
    drive.deploy(p)
    drive.create("wf")
    drive.publish("order", "")
    assert [r.value.element_id for r in drive.of("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED")] == ["none", "by-message"]
    drive.check()


def test_a_message_start_event_applies_its_output_mappings(drive: Driver) -> None:
    """MessageStartEventTest#shouldApplyOutputMappings: `x` stays on the start event, `y` reaches the process."""
    p = Process("wf")
    p.start("start", message=("order", None), outputs={"y": "x"}).end()
    drive.deploy(p)
    drive.publish("order", "k-1", variables={"x": 1})
    (process,) = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", element_id="wf")
    (start,) = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", element_id="start")
    created = [(r.value.name, r.value.value, r.value.scope_key) for r in drive.of("VARIABLE", "CREATED")]
    assert created == [("x", "1", start.key), ("y", "1", process.key)]
    drive.check()


def two_start_events() -> Process:
    """MessageStartEventTest's MULTIPLE_START_EVENTS: two message start events, one task."""
    p = Process("wf")
    p.start("start1", message=("a", None)).task("task", "work").end()
    p.start("start2", message=("b", None)).flow("start2", "task")
    return p


def test_one_instance_per_correlation_key_across_start_events(drive: Driver) -> None:
    """MessageStartEventTest#shouldCreateOnlyOneInstancePerCorrelationKeyWithMultipleStartEvents."""
    drive.deploy(two_start_events())
    drive.publish("a", "k-1", ttl=60_000, variables={"x": 1})
    drive.publish("b", "k-1", ttl=60_000, variables={"x": 2})
    drive.publish("a", "k-2", ttl=60_000, variables={"x": 3})
    assert x_values(drive) == [1, 3]
    drive.check()


def test_buffered_messages_of_several_start_events_start_instances_in_publication_order(drive: Driver) -> None:
    """MessageStartEventTest#shouldCreateNewInstanceForBufferedMessageWithMultipleStartEvents: the
    first published buffered message across all start events comes next
    (BpmnBufferedMessageStartEventBehavior#findNextMessageToCorrelate)."""
    drive.deploy(two_start_events())
    for name, x in (("a", 1), ("b", 2), ("a", 3), ("b", 4)):
        drive.publish(name, "k-1", ttl=60_000, variables={"x": x})
    for _ in range(4):
        (job,) = drive.activate("work")
        drive.complete(job.key)
    assert x_values(drive) == [1, 2, 3, 4]
    started_by = [r.value.element_id for r in drive.of("WORKFLOW_INSTANCE", "EVENT_OCCURRED")]
    assert started_by == ["start1", "start2", "start1", "start2"]
    assert drive.activate("work") == []
    drive.check()
