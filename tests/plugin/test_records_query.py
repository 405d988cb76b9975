"""`zeebe.records` as a query: filters like RecordingExporter's, lazy, and never copying the log."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_zeebe.engine.intents import JobIntent, RecordType, ValueType, WorkflowInstanceIntent
from pytest_zeebe.testing.harness import ZeebeHarness
from pytest_zeebe.testing.record_filters import INTENTS
from pytest_zeebe.testing.records import RecordQuery
from tests.plugin.zeebe_records import (
    INSTANCE,
    CountingLog,
    IncidentIntent,
    RecordBuilder,
    StubSource,
)

ORDER = Path(__file__).resolve().parents[2] / "examples" / "order.bpmn"


def _story() -> RecordBuilder:
    build = RecordBuilder()
    build.lifecycle(INSTANCE, "order", "PROCESS", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
    build.lifecycle(10, "start", "START_EVENT", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "ELEMENT_COMPLETED")
    build.flow(11, "to-collect")
    build.lifecycle(12, "collect", "SERVICE_TASK", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
    build.job(13, JobIntent.CREATED, 12)
    build.variable(14, "total", "10")
    build.job(13, JobIntent.FAILED, 12, retries=0, error_message="card declined")
    build.incident(15, IncidentIntent.CREATED, 12, "JOB_NO_RETRIES", job_key=13)
    return build


def _query(build: RecordBuilder) -> tuple[RecordQuery, CountingLog]:
    log = CountingLog(build.records)
    return RecordQuery(StubSource(log)), log


def test_filters_read_like_recording_exporter() -> None:
    records, _ = _query(_story())
    completed = records.workflow_instance(element_id="start", intent="ELEMENT_COMPLETED")
    assert [(r.key, r.intent) for r in completed] == [(10, "ELEMENT_COMPLETED")]
    assert [r.intent for r in records.jobs(type="payment")] == ["CREATED", "FAILED"]
    assert records.jobs(intent=JobIntent.FAILED).first().value.error_message == "card declined"  # type: ignore[attr-defined]
    assert records.incidents(error_type="JOB_NO_RETRIES").last().key == 15
    assert records.variables(name="total").first().value.value == "10"  # type: ignore[attr-defined]
    assert len(records.filter(key=12)) == 2
    assert len(records.filter(workflow_instance_key=INSTANCE)) == len(records)  # every record of this story
    assert len(records.filter(value_type="WORKFLOW_INSTANCE", intent=["ELEMENT_ACTIVATING", "ELEMENT_COMPLETED"])) == 4
    assert len(records.events()) == len(records)
    assert records.rejections().to_dicts() == []
    assert len(records.timers()) == len(records.messages()) == 0


def test_enums_and_strings_are_the_same_filter() -> None:
    records, _ = _query(_story())
    by_enum = records.filter(value_type=ValueType.WORKFLOW_INSTANCE, intent=WorkflowInstanceIntent.ELEMENT_ACTIVATED)
    by_text = records.filter(value_type="WORKFLOW_INSTANCE", intent="ELEMENT_ACTIVATED")
    assert [r.key for r in by_enum] == [r.key for r in by_text] == [INSTANCE, 10, 12]
    assert len(records.filter(record_type=RecordType.EVENT)) == len(records.filter(record_type="EVENT"))


def test_filters_chain_and_name_themselves() -> None:
    records, _ = _query(_story())
    query = records.jobs(type="payment").filter(intent="FAILED")
    assert [r.key for r in query] == [13]
    assert str(query) == "records.jobs(type='payment').filter(intent='FAILED')"
    assert repr(query) == "<records.jobs(type='payment').filter(intent='FAILED'): 1 records>"
    assert records.where(lambda r: r.key > 13, "after the job").filter(value_type="INCIDENT")[0].key == 15


def test_typos_fail_instead_of_matching_nothing() -> None:
    records, _ = _query(_story())
    with pytest.raises(ValueError, match="'ELEMENT_COMPLETE' is not an intent of WORKFLOW_INSTANCE records"):
        records.workflow_instance(intent="ELEMENT_COMPLETE")
    with pytest.raises(ValueError, match=r"'COMPLETE_JOB' is not an intent of any Zeebe 0\.26 record"):
        records.filter(intent="COMPLETE_JOB")
    with pytest.raises(ValueError, match="'JOBS' is not a value_type"):
        records.filter(value_type="JOBS")
    with pytest.raises(ValueError, match="JOB records have no field 'job_type'; they have type, custom_headers"):
        list(records.jobs(job_type="payment"))
    # without a value type, a field only some records have simply narrows the stream
    assert [r.key for r in records.filter(error_type="JOB_NO_RETRIES")] == [15]


def test_a_query_is_lazy_and_reads_only_what_it_returns() -> None:
    records, log = _query(_story())
    query = records.workflow_instance(element_id="collect").filter(intent="ELEMENT_ACTIVATED")
    assert log.reads == 0
    assert records[3].key == 10 and log.reads == 1
    assert records[-1].key == 15 and log.reads == 2
    assert [r.key for r in records[1:3]] == [INSTANCE, 10] and log.reads == 4
    assert len(records) == 12 and log.reads == 4
    assert query.first().key == 12


def test_reading_after_every_step_stays_linear() -> None:
    """Each step costs a constant number of reads (the new record, and one check that the log is
    still the one scanned); a quadratic reader (the old `list(log)[i]`) would read ~n²/2 =
    2,000,000 records here."""
    story = _story().records
    log = CountingLog()
    records = RecordQuery(StubSource(log))
    jobs = records.jobs(type="payment")
    steps = 2000
    for step in range(steps):
        log.records.append(story[step % len(story)])
        assert records[-1] is log.records[-1]
        assert len(records) == step + 1
        assert len(records.jobs(type="payment")) == len(jobs)  # a fresh query with the same filter
        if jobs:
            jobs.last()
    assert log.reads <= 8 * steps


def test_a_changed_log_is_rescanned() -> None:
    build = _story()
    records, log = _query(build)
    jobs = records.jobs()
    assert len(jobs) == 2
    log.records[5:] = build.records[9:]  # a rolled-back step: same length class, other records
    assert [r.intent for r in jobs] == ["FAILED"]
    fresh = CountingLog(build.records[:3])
    records._source.log = fresh  # type: ignore[misc]  # what a reset does: a new log object
    assert len(jobs) == 0
    assert len(records) == 3


def test_out_of_range_and_empty_queries_say_what_they_looked_for() -> None:
    records, _ = _query(_story())
    with pytest.raises(LookupError, match=r"no record matches records.timers\(\)"):
        records.timers().first()
    with pytest.raises(LookupError, match=r"no record matches records.messages\(name='paid'\)"):
        records.messages(name="paid").last()
    with pytest.raises(IndexError):
        records.jobs()[2]
    assert not records.rejections()


def test_the_intent_table_knows_every_intent_the_engine_has() -> None:
    from pytest_zeebe.engine import intents

    for enum in intents.Intent.__subclasses__():
        if enum.__module__ != intents.__name__:
            continue  # hand-built test records define their own
        prefix = enum.__name__.removesuffix("Intent")
        value_type = "".join(f"_{c}" if c.isupper() else c for c in prefix).lstrip("_").upper()
        assert {member.value for member in enum} <= INTENTS[value_type], enum


def test_records_of_a_real_run(zeebe: ZeebeHarness) -> None:
    zeebe.deploy(ORDER)
    order = zeebe.create_instance("order-fulfilment", {"orderId": "A-1"})
    for job_type in ("charge-card", "ship-parcel"):
        (job,) = zeebe.activate_jobs(job_type)
        zeebe.complete_job(job.key)
    ship = zeebe.records.workflow_instance(element_id="ship-parcel", intent="ELEMENT_COMPLETED")
    assert len(ship) == 1 and ship[0].value.workflow_instance_key == order.key  # type: ignore[attr-defined]
    assert [r.intent for r in zeebe.records.jobs(type="charge-card").events()] == ["CREATED", "COMPLETED"]
    assert len(zeebe.records.job_batches(intent="ACTIVATED")) == 2
    assert zeebe.records.variables(name="orderId").first().to_dict()["value"] == {
        "name": "orderId",
        "value": '"A-1"',
        "scopeKey": order.key,
        "workflowInstanceKey": order.key,
        "workflowKey": order.workflow_key,
    }
    assert zeebe.records.deployments().commands()[0].to_dict()["intent"] == "CREATE"
    assert len(zeebe.records.of_instance(order.key)) > 30
    assert zeebe.records.to_dicts()[0]["valueType"] == "DEPLOYMENT"
