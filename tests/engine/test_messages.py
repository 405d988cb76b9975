"""PublishMessage and message correlation, through gRPC (SEMANTICS §6; Zeebe's PublishMessageTest,
MessageCorrelationTest, MessageCatchElementTest, MessageIncidentTest)."""

from __future__ import annotations

import math

import grpc
import pytest

from pytest_zeebe.engine.keys import subscription_partition_id
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.grpc_driver import Driver


@pytest.fixture
def drive(zeebe: ZeebeHarness) -> Driver:
    return Driver(zeebe)


def receiving(process_id: str = "p", key: str = "orderId", outputs: dict[str, str] | None = None) -> Process:
    p = Process(process_id)
    p.start().receive("receive", ("paid", key), outputs=outputs).end()
    return p


def test_publish_answers_with_the_message_key_and_writes_published(drive: Driver) -> None:
    """PublishMessageTest#shouldPublishMessage: PUBLISH → PUBLISHED with a new key (the response's)."""
    key = drive.publish("paid", "o-1", ttl=1_000, message_id="m-1", variables={"x": 1})
    published = drive.of("MESSAGE", "PUBLISHED")
    assert [r.key for r in published] == [key]
    assert published[0].to_dict()["value"] == {
        "name": "paid",
        "correlationKey": "o-1",
        "timeToLive": 1000,
        "variables": {"x": 1},
        "messageId": "m-1",
    }
    assert drive.trail("MESSAGE") == [("MESSAGE", "PUBLISH", "paid"), ("MESSAGE", "PUBLISHED", "paid")]
    drive.check()


def test_publish_refuses_variables_that_are_not_an_object(drive: Driver) -> None:
    """MessageRecord's `variables` is a DocumentProperty, as CreateWorkflowInstance's (SEMANTICS §4):
    INVALID_ARGUMENT with its text, and nothing reaches the log."""
    request = drive.messages.PublishMessageRequest(name="paid", correlationKey="o-1", variables="[1]")
    with pytest.raises(grpc.RpcError) as raised:
        drive.stub.PublishMessage(request)
    assert raised.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert raised.value.details() == (
        "Property 'variables' is invalid: Expected document to be a root level object, but was 'ARRAY'"
    )
    assert drive.of("MESSAGE") == []
    drive.check()


@pytest.mark.parametrize("ttl", [0, -5])
def test_a_message_without_time_to_live_is_deleted_at_once(drive: Driver, ttl: int) -> None:
    """PublishMessageTest#shouldDeleteMessageImmediatelyWithZeroTTL, #shouldPublishMessageWithNegativeTTL."""
    key = drive.publish("paid", "o-1", ttl=ttl, message_id="m-1")
    assert [(r.intent.value, r.key) for r in drive.of("MESSAGE")] == [
        ("PUBLISH", -1),
        ("PUBLISHED", key),
        ("DELETED", key),
    ]
    drive.publish("paid", "o-1", ttl=ttl, message_id="m-1")  # the id was never reserved
    assert drive.engine.next_due() is None
    drive.check()


def test_message_ids_are_unique_while_buffered(drive: Driver) -> None:
    """PublishMessageTest#shouldRejectToPublishSameMessageWithId, #shouldPublishSameMessageWithEmptyId."""
    drive.publish("paid", "o-1", ttl=1_000, message_id="m-1")
    code, details = drive.rejected(drive.publish, "paid", "o-1", ttl=1_000, message_id="m-1")
    assert code is grpc.StatusCode.ALREADY_EXISTS
    assert details == (
        "Command 'PUBLISH' rejected with code 'ALREADY_EXISTS': Expected to publish a new message with id 'm-1', "
        "but a message with that id was already published"
    )
    drive.publish("paid", "o-2", ttl=1_000, message_id="m-1")  # another correlation key
    drive.publish("other", "o-1", ttl=1_000, message_id="m-1")  # another name
    drive.publish("paid", "o-1", ttl=1_000)
    drive.publish("paid", "o-1", ttl=1_000)  # an empty id is never checked
    drive.advance(milliseconds=1_000)
    drive.publish("paid", "o-1", ttl=1_000, message_id="m-1")  # the first one expired
    drive.check()


def test_a_correlated_message_keeps_its_id_until_its_time_to_live_ends(drive: Driver) -> None:
    """Correlation does not remove a message (MessageState#remove runs only for DELETE), so its id
    stays reserved (PublishMessageProcessor#processRecord: MessageState#exist) until it expires."""
    drive.deploy(receiving())
    instance = drive.create("p", {"orderId": "o-1"})
    drive.publish("paid", "o-1", ttl=1_000, message_id="m-1")
    assert drive.completed(instance)
    code, details = drive.rejected(drive.publish, "paid", "o-1", ttl=1_000, message_id="m-1")
    assert code is grpc.StatusCode.ALREADY_EXISTS
    assert details.endswith(
        "Expected to publish a new message with id 'm-1', but a message with that id was already published"
    )
    drive.advance(milliseconds=999)
    assert (
        drive.rejected(drive.publish, "paid", "o-1", ttl=1_000, message_id="m-1")[0] is grpc.StatusCode.ALREADY_EXISTS
    )
    drive.advance(milliseconds=1)
    drive.publish("paid", "o-1", ttl=1_000, message_id="m-1")
    (rejection, again) = drive.rejections("MESSAGE")
    assert (rejection.intent.value, rejection.rejection_type.value, again.key) == ("PUBLISH", "ALREADY_EXISTS", -1)
    drive.check()


def test_expiry_deletes_the_message_at_its_deadline(drive: Driver) -> None:
    """PublishMessageTest#shouldDeleteMessageAfterTTL; here at `publish + ttl` exactly, not on a 60 s tick."""
    start = drive.now
    key = drive.publish("paid", "o-1", ttl=100, message_id="m-1")
    assert drive.zeebe.clock.next_due() is not None and drive.engine.next_due() == start + 100
    drive.advance(milliseconds=99)
    assert drive.of("MESSAGE", "DELETED") == []
    drive.advance(milliseconds=1)
    (delete,) = drive.of("MESSAGE", "DELETE")
    (deleted,) = drive.of("MESSAGE", "DELETED")
    assert (delete.key, deleted.key, deleted.timestamp) == (key, key, start + 100)
    assert deleted.to_dict()["value"] == {
        "name": "paid",
        "correlationKey": "o-1",
        "timeToLive": 100,
        "variables": {},
        "messageId": "m-1",
    }
    drive.check()


def test_a_message_whose_ttl_ends_at_the_advance_boundary_is_not_correlated(drive: Driver) -> None:
    """MessageCorrelationTest#shouldNotCorrelateMessageAfterTTL: correlatable only while `now < publish + ttl`."""
    drive.deploy(receiving())
    drive.publish("paid", "o-1", ttl=10_000)
    drive.advance(seconds=10)
    instance = drive.create("p", {"orderId": "o-1"})
    assert drive.lifecycle("receive")[-1] == "ELEMENT_ACTIVATED"
    assert drive.of("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATE") == []
    assert not drive.completed(instance)
    drive.check()


def test_a_receive_task_waits_for_its_message(drive: Driver) -> None:
    """MessageCatchElementTest (receive task): records of both sides of the subscription, in order.

    Zeebe sends the subscription commands between partitions after the step that sends them; here
    they follow that step's records (docs/events.md).
    """
    drive.deploy(receiving())
    instance = drive.create("p", {"orderId": "o-1"})
    receive = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="receive")[0].key
    message = drive.publish("paid", "o-1", ttl=60_000, variables={"amount": 12})
    trail = drive.trail("WORKFLOW_INSTANCE", "MESSAGE", "MESSAGE_SUBSCRIPTION", "WORKFLOW_INSTANCE_SUBSCRIPTION")
    assert trail[trail.index(("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "receive")) :] == [
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "receive"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "receive"),
        ("MESSAGE_SUBSCRIPTION", "OPEN", "paid"),
        ("MESSAGE_SUBSCRIPTION", "OPENED", "paid"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "OPEN", "paid"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "OPENED", "paid"),
        ("MESSAGE", "PUBLISH", "paid"),
        ("MESSAGE", "PUBLISHED", "paid"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATE", "paid"),
        ("WORKFLOW_INSTANCE", "EVENT_OCCURRED", "receive"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATED", "paid"),
        ("MESSAGE_SUBSCRIPTION", "CORRELATE", "paid"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "receive"),
        ("MESSAGE_SUBSCRIPTION", "CORRELATED", "paid"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "receive"),
        ("WORKFLOW_INSTANCE", "SEQUENCE_FLOW_TAKEN", "receive-end"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", "end"),
        ("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED", "end"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "end"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "end"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETING", "p"),
        ("WORKFLOW_INSTANCE", "ELEMENT_COMPLETED", "p"),
    ]
    (opened,) = drive.of("MESSAGE_SUBSCRIPTION", "OPENED")
    assert opened.key == -1
    assert opened.to_dict()["value"] == {
        "workflowInstanceKey": instance,
        "elementInstanceKey": receive,
        "bpmnProcessId": "p",
        "messageKey": -1,
        "messageName": "paid",
        "correlationKey": "o-1",
    }
    (correlated,) = drive.of("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATED")
    assert correlated.to_dict()["value"] == {
        "workflowInstanceKey": instance,
        "elementInstanceKey": receive,
        "bpmnProcessId": "p",
        "messageKey": message,
        "messageName": "paid",
        "variables": {"amount": 12},
        "correlationKey": "o-1",
    }
    assert drive.variable("amount") == 12
    assert drive.of("VARIABLE", name="amount")[0].value.scope_key == instance
    drive.check()


def test_a_buffered_message_correlates_when_the_subscription_opens(drive: Driver) -> None:
    """MessageCorrelationTest#shouldCorrelateMessageIfPublishedBefore: the OPEN takes the buffered message.

    The CORRELATE goes back *instead of* the acknowledgement, so no WORKFLOW_INSTANCE_SUBSCRIPTION
    OPEN/OPENED is written: MessageCorrelator replaces OpenMessageSubscriptionProcessor's side effect
    ("send the correlate instead of acknowledge command"; a processor's side effect replaces the
    previous one, TypedRecordProcessor#processRecord).
    """
    drive.deploy(receiving())
    drive.publish("paid", "o-1", ttl=60_000, variables={"n": 1})
    instance = drive.create("p", {"orderId": "o-1"})
    assert drive.trail("MESSAGE_SUBSCRIPTION", "WORKFLOW_INSTANCE_SUBSCRIPTION") == [
        ("MESSAGE_SUBSCRIPTION", "OPEN", "paid"),
        ("MESSAGE_SUBSCRIPTION", "OPENED", "paid"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATE", "paid"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATED", "paid"),
        ("MESSAGE_SUBSCRIPTION", "CORRELATE", "paid"),
        ("MESSAGE_SUBSCRIPTION", "CORRELATED", "paid"),
    ]
    assert drive.completed(instance) and drive.variable("n") == 1
    drive.check()


def test_a_non_interrupting_subscription_takes_every_buffered_message_unacknowledged(drive: Driver) -> None:
    """Two buffered messages and a non-interrupting message boundary event: the OPEN takes the first
    (no acknowledgement, OpenMessageSubscriptionProcessor/MessageCorrelator), each CORRELATE
    acknowledgement offers the next (CorrelateMessageSubscriptionProcessor#processRecord), and the
    subscription, still opening on the instance side, closes with its task."""
    p = Process("p")
    p.start().task("task", "work").end()
    p.boundary("note", "task", message=("note", "key"), interrupting=False).end("noted")
    drive.deploy(p)
    first = drive.publish("note", "k", ttl=60_000, variables={"n": 1})
    second = drive.publish("note", "k", ttl=60_000, variables={"n": 2})
    instance = drive.create("p", {"key": "k"})
    assert drive.trail("MESSAGE_SUBSCRIPTION", "WORKFLOW_INSTANCE_SUBSCRIPTION") == [
        ("MESSAGE_SUBSCRIPTION", "OPEN", "note"),
        ("MESSAGE_SUBSCRIPTION", "OPENED", "note"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATE", "note"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATED", "note"),
        ("MESSAGE_SUBSCRIPTION", "CORRELATE", "note"),
        ("MESSAGE_SUBSCRIPTION", "CORRELATED", "note"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATE", "note"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATED", "note"),
        ("MESSAGE_SUBSCRIPTION", "CORRELATE", "note"),
        ("MESSAGE_SUBSCRIPTION", "CORRELATED", "note"),
    ]
    assert [r.value.message_key for r in drive.of("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATED")] == [first, second]
    assert drive.lifecycle("noted").count("ELEMENT_COMPLETED") == 2
    (job,) = drive.activate("work")
    drive.complete(job.key)
    assert drive.trail("MESSAGE_SUBSCRIPTION", "WORKFLOW_INSTANCE_SUBSCRIPTION")[-4:] == [
        ("MESSAGE_SUBSCRIPTION", "CLOSE", "note"),
        ("MESSAGE_SUBSCRIPTION", "CLOSED", "note"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "CLOSE", "note"),
        ("WORKFLOW_INSTANCE_SUBSCRIPTION", "CLOSED", "note"),
    ]
    assert drive.completed(instance) and drive.rejections() == []
    drive.check()


def test_the_first_published_message_wins(drive: Driver) -> None:
    """MessageCorrelationTest#shouldCorrelateFirstPublishedMessage."""
    drive.deploy(receiving(outputs={"n": "n"}))
    for n in range(3):
        drive.publish("paid", "o-1", ttl=60_000, variables={"n": n})
    drive.create("p", {"orderId": "o-1"})
    assert drive.variable("n") == 0
    drive.check()


def test_a_numeric_correlation_key_is_its_integer_text(drive: Driver) -> None:
    """MessageCorrelationTest#shouldCorrelateMessageIfCorrelationKeyIsANumber (Long.toString(longValue))."""
    drive.deploy(receiving())
    instance = drive.create("p", {"orderId": 123.9})
    drive.publish("paid", "123")
    assert drive.completed(instance)
    drive.check()


def test_a_message_goes_once_to_each_process(drive: Driver) -> None:
    """MessageCorrelationTest#shouldCorrelateMessageOnlyOncePerWorkflow, #shouldCorrelateMessageToDifferentWorkflows."""
    drive.deploy(receiving("p"), receiving("q"))
    first, second = drive.create("p", {"orderId": "o-1"}), drive.create("p", {"orderId": "o-1"})
    other = drive.create("q", {"orderId": "o-1"})
    drive.publish("paid", "o-1", ttl=60_000)
    assert [drive.completed(k) for k in (first, second, other)] == [True, False, True]
    drive.publish("paid", "o-1")
    assert drive.completed(second)
    drive.check()


def test_a_buffered_message_goes_to_a_process_only_once(drive: Driver) -> None:
    """MessageCorrelationTest#shouldCorrelateMessageOnlyOnceIfPublishedBefore."""
    drive.deploy(receiving())
    drive.publish("paid", "o-1", ttl=60_000)
    first, second = drive.create("p", {"orderId": "o-1"}), drive.create("p", {"orderId": "o-1"})
    assert (drive.completed(first), drive.completed(second)) == (True, False)
    drive.check()


def test_two_catch_elements_of_one_instance_take_different_messages(drive: Driver) -> None:
    """MessageCorrelationTest#shouldCorrelateOnlyOneMessagePerCatchElement."""
    p = Process("p")
    p.start().parallel("fork").catch("a", message=("paid", "key"), outputs={"a": "n"}).end("end-a")
    p.after("fork").catch("b", message=("paid", "key"), outputs={"b": "n"}).end("end-b")
    drive.deploy(p)
    instance = drive.create("p", {"key": "k"})
    drive.publish("paid", "k", ttl=60_000, variables={"n": 1})
    drive.publish("paid", "k", ttl=60_000, variables={"n": 2})
    assert drive.completed(instance)
    assert sorted([drive.variable("a"), drive.variable("b")]) == [1, 2]
    drive.check()


def test_message_variables_merge_like_job_variables(drive: Driver) -> None:
    """A message's variables propagate from the catch element; with output mappings only those land."""
    p = Process("p")
    p.start().catch("catch", message=("paid", "key"), outputs={"total": "amount * 2"}).end()
    drive.deploy(p)
    instance = drive.create("p", {"key": "k", "amount": 0})
    drive.publish("paid", "k", variables={"amount": 21})
    root = [(r.value.name, r.value.value) for r in drive.of("VARIABLE") if r.value.scope_key == instance]
    assert root == [("key", '"k"'), ("amount", "0"), ("total", "42")]
    drive.check()


def test_a_rejected_correlation_returns_the_message_to_the_buffer(drive: Driver) -> None:
    """MessageCorrelationTest#shouldCorrelateMessageAgainAfterRejection (event-based gateway, two buffered
    messages: the gateway takes one, the other's correlation is rejected and it correlates later)."""
    p = Process("process")
    p.start().event_gateway("split")
    p.catch("element-a", message=("a", "key")).catch("element-ab", message=("b", "key")).xor("merge").end()
    p.after("split").catch("element-b", message=("b", "key")).catch("element-ba", message=("a", "key"))
    p.flow("element-ba", "merge")
    drive.publish("a", "123", ttl=60_000)
    drive.publish("b", "123", ttl=60_000)
    drive.deploy(p)
    instance = drive.create("process", {"key": "123"})
    (rejection,) = drive.rejections("WORKFLOW_INSTANCE_SUBSCRIPTION")
    assert rejection.rejection_type.value == "INVALID_STATE"
    value = rejection.value
    assert rejection.rejection_reason == (
        f"Expected to correlate a workflow instance subscription with element key '{value.element_instance_key}' "
        f"and message name '{value.message_name}', but the subscription is not active anymore"
    )
    assert [r.intent.value for r in drive.of("MESSAGE_SUBSCRIPTION", "REJECT")] == ["REJECT"]
    assert len(drive.of("MESSAGE_SUBSCRIPTION", "REJECTED")) == 1
    names = sorted(r.value.message_name for r in drive.of("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATED"))
    assert names == ["a", "b"]
    assert drive.completed(instance)
    drive.check()


def test_correlation_key_failures_are_incidents_that_resolve(drive: Driver) -> None:
    """MessageIncidentTest; EventSubscriptionIncidentTest#shouldOpenSubscriptionsWhenIncidentIsResolved."""
    drive.deploy(receiving())
    instance = drive.create("p", {"orderId": True})
    (incident,) = drive.incidents()
    receive = drive.of("WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING", element_id="receive")[0].key
    assert (incident.error_type, incident.error_message, incident.element_instance_key) == (
        "EXTRACT_VALUE_ERROR",
        "Failed to extract the correlation key for 'orderId': The value must be either a string or a number, "
        "but was BOOLEAN.",
        receive,
    )
    assert incident.variable_scope_key == receive
    assert drive.of("MESSAGE_SUBSCRIPTION") == []
    drive.set_variables(instance, {"orderId": "o-1"})
    drive.resolve(drive.incident_key())
    drive.publish("paid", "o-1")
    assert drive.completed(instance)
    drive.check()


def test_a_missing_correlation_key_variable_and_a_bad_name_are_incidents(drive: Driver) -> None:
    """MessageIncidentTest: the FEEL failure, and a name that is not a STRING."""
    drive.deploy(receiving())
    drive.create("p")
    p = Process("q")
    p.start().receive("receive", ("=nameLookup", "key")).end()
    drive.deploy(p)
    drive.create("q", {"nameLookup": 5, "key": "k"})
    messages = sorted(i.error_message for i in drive.incidents())
    assert messages == [
        "Expected result of the expression 'nameLookup' to be 'STRING', but was 'NUMBER'.",
        "failed to evaluate expression 'orderId': no variable found for name 'orderId'",
    ]
    drive.check()


def test_a_boundary_correlation_key_is_read_in_the_flow_scope(zeebe: ZeebeHarness, drive: Driver) -> None:
    """BoundaryEventTest#shouldUseScopeToExtractCorrelationKeys: the task's input mapping is not seen."""
    p = Process("p")
    p.start().task("task", "work", inputs={"key": '"inner"'}).end()
    p.boundary("msg", "task", message=("cancel", "key")).end("cancelled")
    drive.deploy(p)
    drive.create("p", {"key": "outer"})
    (opened,) = drive.of("MESSAGE_SUBSCRIPTION", "OPENED")
    assert opened.value.correlation_key == "outer"
    drive.check()


def test_messages_go_to_the_partition_of_their_correlation_key() -> None:
    """SEMANTICS §3: Java's String.hashCode over the key's UTF-8 bytes, abs(hash % partitions) + 1."""
    assert subscription_partition_id("order-123", 1) == 1
    keys = ("a", "b", "c", "order-123", "ö-ü", "x" * 40)
    assert [subscription_partition_id(k, 3) for k in keys] == [abs(math.fmod(_java_hash(k), 3)) + 1 for k in keys]
    assert subscription_partition_id("a", 3) == 2


def _java_hash(text: str) -> int:
    """Java's int arithmetic, independently: h = 31 * h + (signed byte)."""
    h = 0
    for byte in text.encode():
        h = (h * 31 + (byte if byte < 128 else byte - 256)) & 0xFFFFFFFF
    return h - 2**32 if h >= 2**31 else h


def test_with_several_partitions_each_side_lives_on_its_partition() -> None:
    """SEMANTICS §3: the message and its subscription on the correlation key's partition, the instance
    side on the instance's; the subscription commands cross partitions (MessageCorrelationMultiplePartitionsTest)."""
    from pytest_zeebe.engine.engine import Engine, EngineConfig
    from pytest_zeebe.engine.keys import decode_partition_id
    from pytest_zeebe.gateway.server import GatewayServer

    with GatewayServer(Engine(EngineConfig(partition_count=3))) as server:
        drive = Driver(ZeebeHarness(server))
        drive.deploy(receiving())
        keys = {k: subscription_partition_id(k, 3) for k in ("a", "b", "c")}
        assert sorted(set(keys.values())) == [1, 2, 3]
        instances = {k: drive.create("p", {"orderId": k}) for k in keys}
        for key, partition in keys.items():
            message = drive.publish("paid", key, ttl=60_000)
            assert decode_partition_id(message) == partition
            (opened,) = drive.of("MESSAGE_SUBSCRIPTION", "OPENED", correlation_key=key)
            assert opened.partition_id == partition
            instance = instances[key]
            (correlated,) = drive.of("WORKFLOW_INSTANCE_SUBSCRIPTION", "CORRELATED", workflow_instance_key=instance)
            assert correlated.partition_id == decode_partition_id(instance)
            assert drive.completed(instance)
        drive.check()


def test_assertions_show_what_a_catch_element_waits_for(zeebe: ZeebeHarness, drive: Driver) -> None:
    """The instance explanation lists open timers and message subscriptions, not the ones a message closed."""
    p = Process("p")
    p.start().receive("receive", ("paid", "orderId")).end()
    p.boundary("reminder", "receive", timer=("cycle", "R/PT1H"), interrupting=False).end("reminded")
    drive.deploy(p)
    instance = drive.create("p", {"orderId": "o-1"})
    with pytest.raises(AssertionError) as failure:
        zeebe.assert_that(instance).is_completed()
    assert "receive (timer reminder due 2021-01-01 01:00:00.000; message 'paid')" in str(failure.value)
    drive.publish("paid", "o-1")
    zeebe.assert_that(instance).is_completed().has_passed("receive")
    drive.check()
