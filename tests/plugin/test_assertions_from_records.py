"""Instance and job assertions over hand-built logs in Zeebe's record format.

The engine cannot yet raise incidents, create timers or open message subscriptions; these tests
show that the assertions and their messages already read such records as Zeebe 0.26 exports them.
"""

from __future__ import annotations

import re

import pytest

from pytest_zeebe.engine.intents import JobIntent
from pytest_zeebe.testing.assert_instance import WorkflowInstanceAssert, json_equal
from pytest_zeebe.testing.assert_results import JobAssert
from pytest_zeebe.testing.explain import MAX_MESSAGE
from pytest_zeebe.testing.records import RecordQuery
from pytest_zeebe.testing.results import ActivatedJob
from tests.plugin.zeebe_records import (
    INSTANCE,
    START,
    CountingLog,
    IncidentIntent,
    RecordBuilder,
    StubSource,
    SubscriptionIntent,
    TimerIntent,
)

COLLECT, WAIT, TIMER_EVENT, SUB, INNER = 12, 20, 30, 40, 41


def _waiting_everywhere() -> RecordBuilder:
    """An instance with a failed job and its incident, a message catch and a timer catch."""
    build = RecordBuilder()
    build.variable(1, "orderId", '"A-42"')
    build.lifecycle(INSTANCE, "order", "PROCESS", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
    build.lifecycle(10, "start", "START_EVENT", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "ELEMENT_COMPLETED")
    build.flow(11, "to-collect")
    build.lifecycle(COLLECT, "collect", "SERVICE_TASK", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
    build.job(13, JobIntent.CREATED, COLLECT)
    build.at(1_000).batch([13], COLLECT, worker="payments")
    build.at(2_000).job(13, JobIntent.FAILED, COLLECT, retries=0, error_message="card declined")
    build.incident(14, IncidentIntent.CREATED, COLLECT, "JOB_NO_RETRIES", job_key=13, error_message="card declined")
    build.lifecycle(WAIT, "paid", "INTERMEDIATE_CATCH_EVENT", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
    build.subscription(SubscriptionIntent.OPENED, WAIT, "payment-received", "A-42")
    build.lifecycle(TIMER_EVENT, "reminder", "INTERMEDIATE_CATCH_EVENT", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
    build.timer(31, TimerIntent.CREATED, TIMER_EVENT, START + 3_600_000, "reminder")
    build.lifecycle(SUB, "handling", "SUB_PROCESS", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
    build.lifecycle(INNER, "pack", "SERVICE_TASK", "ELEMENT_ACTIVATING", flow_scope=SUB)
    build.variable(2, "local", "true", scope=SUB)
    return build


def _assert(build: RecordBuilder) -> WorkflowInstanceAssert:
    return WorkflowInstanceAssert(INSTANCE, RecordQuery(StubSource(CountingLog(build.records))))


def _failure(call: object) -> str:
    assert callable(call)
    with pytest.raises(AssertionError) as failure:
        call()
    text = str(failure.value)
    assert len(text) < 5000
    return text


def test_waiting_reads_jobs_incidents_subscriptions_and_timers() -> None:
    instance = _assert(_waiting_everywhere())
    instance.is_started().is_active().is_not_completed()
    instance.is_waiting_at("collect", "paid", "reminder", "handling", "pack")
    instance.is_waiting_exactly_at("collect", "paid", "reminder", "pack")
    instance.is_not_waiting_at("start").has_passed("start", "to-collect").has_not_passed("collect")
    instance.has_incident("JOB_NO_RETRIES", element="collect").has_incident()
    instance.has_variable("orderId").has_variable("local", scope="handling").has_variables(orderId="A-42")

    text = _failure(lambda: instance.is_waiting_at("ship"))
    assert text.splitlines()[0] == (
        f"Expected workflow instance {INSTANCE} (order) to be waiting at [ship], but it is waiting at "
        "[collect (job payment, FAILED, retries 0; incident JOB_NO_RETRIES), "
        "paid (message 'payment-received', correlation key 'A-42'), "
        "reminder (timer reminder due 2021-01-01 01:00:00.000), "
        "pack (ELEMENT_ACTIVATING)]."
    )
    assert "Open incidents:\n  14 JOB_NO_RETRIES at collect: 'card declined'" in text
    assert "  handling (element instance 40): local = true" in text
    assert '  order (root scope): orderId = "A-42"' in text


def test_incident_assertions_explain_what_is_open() -> None:
    build = _waiting_everywhere()
    instance = _assert(build)
    text = _failure(instance.has_no_incidents)
    assert text.startswith(
        f"Expected workflow instance {INSTANCE} (order) to have no open incidents, "
        "but it has 1: [JOB_NO_RETRIES at collect]."
    )
    text = _failure(lambda: instance.has_incident("IO_MAPPING_ERROR", element="collect"))
    assert text.startswith(
        f"Expected workflow instance {INSTANCE} (order) to have an open incident IO_MAPPING_ERROR at collect, "
        "but its open incidents are [JOB_NO_RETRIES at collect]."
    )
    build.at(5_000).incident(14, IncidentIntent.RESOLVED, COLLECT, "JOB_NO_RETRIES", job_key=13)
    instance.has_no_incidents()  # a resolved incident is no failure
    assert "collect (job payment, retries 0)" in _failure(lambda: instance.is_waiting_at("ship"))


def test_finished_elements_stop_waiting() -> None:
    build = _waiting_everywhere()
    build.at(9_000).subscription(SubscriptionIntent.CLOSED, WAIT, "payment-received", "A-42")
    build.lifecycle(WAIT, "paid", "INTERMEDIATE_CATCH_EVENT", "ELEMENT_COMPLETING", "ELEMENT_COMPLETED")
    build.timer(31, TimerIntent.CANCELED, TIMER_EVENT, START + 3_600_000, "reminder")
    build.lifecycle(TIMER_EVENT, "reminder", "INTERMEDIATE_CATCH_EVENT", "ELEMENT_TERMINATING", "ELEMENT_TERMINATED")
    instance = _assert(build).has_passed("paid").has_not_passed("reminder").is_not_waiting_at("paid", "reminder")
    text = _failure(lambda: instance.is_waiting_exactly_at("collect"))
    assert text.splitlines()[0].endswith("(also waiting at [pack]).")
    assert "  2021-01-01 00:00:02.000  reminder  " in text and "terminated at 2021-01-01 00:00:09.000" in text


def test_terminated_and_completed_instances() -> None:
    build = _waiting_everywhere()
    build.at(60_000).lifecycle(INSTANCE, "order", "PROCESS", "ELEMENT_TERMINATING", "ELEMENT_TERMINATED")
    instance = _assert(build).is_terminated().is_not_completed()
    text = _failure(instance.is_completed)
    assert (
        text.splitlines()[0] == f"Expected workflow instance {INSTANCE} (order) to be completed, but it is terminated."
    )
    assert "State: terminated at 2021-01-01 00:01:00.000 (version 1)." in text
    assert _failure(instance.is_active).splitlines()[0].endswith("to be active, but it is terminated.")


def test_an_unknown_instance_is_named_with_the_ones_there_are() -> None:
    records = RecordQuery(StubSource(CountingLog(_waiting_everywhere().records)))
    text = _failure(WorkflowInstanceAssert(12345, records).is_started)
    assert text == (
        "Expected workflow instance 12345 to exist, but the record log has no instance with this key "
        f"(is it a job or element instance key?). Instances in the log: [{INSTANCE}]."
    )


def test_job_outcomes_from_the_log() -> None:
    build = _waiting_everywhere()
    job = ActivatedJob(13, "payment", INSTANCE, "order", 1, 1, "collect", COLLECT, {"method": "card"}, "w", 3, 0, {})
    records = RecordQuery(StubSource(CountingLog(build.records)))
    check = JobAssert(job, lambda: records)
    check.is_failed().has_retries(0).has_type("payment").has_headers(method="card").has_element_id("collect")
    text = _failure(check.is_completed)
    assert text.splitlines()[0] == (
        "Expected job 13 (payment at collect) to be completed, but its last outcome is FAILED (state FAILED, "
        "retries 0, error 'card declined'; events: CREATED 00:00:00.000, ACTIVATED 00:00:01.000, FAILED 00:00:02.000)."
    )
    build.at(3_000).job(13, JobIntent.RETRIES_UPDATED, COLLECT, retries=2)
    build.job(13, JobIntent.ERROR_THROWN, COLLECT, retries=2, error_code="NO_STOCK", error_message="")
    check.has_thrown_error("NO_STOCK").has_retries(2)
    assert "to have thrown the error 'OTHER', but its last outcome is ERROR_THROWN" in _failure(
        lambda: check.has_thrown_error("OTHER")
    )
    assert _failure(check.is_timed_out).startswith("Expected job 13 (payment at collect) to be timed out")


def test_a_long_story_still_fits_in_one_screenful() -> None:
    build = RecordBuilder()
    build.lifecycle(INSTANCE, "order", "PROCESS", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
    for step in range(400):
        key = 1000 + step * 10
        name = f"step-{step:03d}-with-a-rather-long-element-identifier"
        build.at(step * 1000).lifecycle(key, name, "SERVICE_TASK", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
        build.variable(key + 1, f"variable_{step:03d}", '"' + "x" * 500 + '"')
        build.variable(key + 2, "local", "1", scope=key)
        build.incident(key + 3, IncidentIntent.CREATED, key, "IO_MAPPING_ERROR", error_message="y" * 1000)
    instance = _assert(build)
    for check in (instance.is_completed, lambda: instance.has_passed(*(f"e{i}" for i in range(500)))):
        text = _failure(check)
        assert len(text) <= MAX_MESSAGE
        assert "… 370 more element instances …" in text or "(cut to stay readable)" in text


def test_variables_compare_as_json() -> None:
    assert json_equal(1, 1.0) and json_equal({"a": [1, "x"]}, {"a": (1, "x")})
    assert not json_equal(True, 1) and not json_equal(1, True) and not json_equal(0, False)
    assert not json_equal({"a": 1}, {"a": 1, "b": 2}) and not json_equal([1], [1, 2])


def test_passing_in_order_and_counting() -> None:
    build = RecordBuilder()
    build.lifecycle(INSTANCE, "order", "PROCESS", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
    for index, element in enumerate(["a", "b", "a", "c"]):
        build.lifecycle(100 + index, element, "SERVICE_TASK", "ELEMENT_ACTIVATED", "ELEMENT_COMPLETED")
    instance = _assert(build).has_passed_in_order("a", "b", "c").has_passed_in_order("b", "a").has_passed_times("a", 2)
    text = _failure(lambda: instance.has_passed_in_order("c", "b"))
    assert text.splitlines()[0] == (
        f"Expected workflow instance {INSTANCE} (order) to have passed [c, b] in this order, "
        "but it passed them in the order [b, c]."
    )
    text = _failure(lambda: instance.has_passed_times("a", 1))
    assert re.match(r"Expected .* to have passed 'a' once, but it passed it 2 times\.", text)
    text = _failure(lambda: instance.has_not_passed("c", "d"))
    assert text.splitlines()[0].endswith("not to have passed [c, d], but it passed [c (once)].")
