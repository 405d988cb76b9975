"""The fixture's commands beyond the quick start, its state queries, and snapshot/restore."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from pytest_zeebe import assert_that
from pytest_zeebe.errors import CommandRejectedError
from pytest_zeebe.testing.harness import ZeebeHarness
from pytest_zeebe.testing.results import Incident

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def claims(zeebe: ZeebeHarness) -> ZeebeHarness:
    zeebe.deploy(EXAMPLES / "claim.bpmn")
    return zeebe


def _large_claim(zeebe: ZeebeHarness, claim_id: str = "C-1") -> int:
    zeebe.worker("assess-claim").complete(amount=5_000)
    return zeebe.create_instance("claim-handling", {"claimId": claim_id}).key


def test_publish_message_with_ttl_and_id(claims: ZeebeHarness) -> None:
    zeebe = claims
    message = zeebe.publish_message("documents-received", "C-1", {"pages": 3}, time_to_live=timedelta(hours=1))
    assert (message.name, message.correlation_key) == ("documents-received", "C-1")
    zeebe.publish_message("documents-received", "C-1", message_id="m", time_to_live=60_000)
    with pytest.raises(CommandRejectedError) as error:
        zeebe.publish_message("documents-received", "C-1", message_id="m", time_to_live=60_000)
    assert error.value.rejection_type == "ALREADY_EXISTS"
    claim = _large_claim(zeebe)  # the buffered message is waiting for it
    assert_that(message).is_correlated(claim)
    assert_that(claim).has_variables(pages=3).is_waiting_for_job("pay-out")


def test_cancel_set_variables_and_job_commands(claims: ZeebeHarness) -> None:
    zeebe = claims
    claim = _large_claim(zeebe)
    key = zeebe.set_variables(claim, {"note": "urgent"})
    assert key > 0 and zeebe.records.variable_documents(intent="UPDATED").first().key == key
    (element,) = zeebe.records.workflow_instance(element_id="await-documents", intent="ELEMENT_ACTIVATED")
    zeebe.set_variables(element.key, {"local": True}, local=True)
    assert_that(claim).has_variables(note="urgent").has_variable("local", scope="await-documents")
    zeebe.publish_message("documents-received", "C-1")
    (job,) = zeebe.activate_jobs("pay-out")
    zeebe.fail_job(job, 2, "bank busy")
    assert [(j.state, j.retries, j.error_message) for j in zeebe.jobs()] == [("ACTIVATABLE", 2, "bank busy")]
    zeebe.update_job_retries(job.key, 5)
    assert zeebe.jobs(type="pay-out")[0].retries == 5
    assert zeebe.jobs(type="assess-claim") == []
    (job,) = zeebe.activate_jobs("pay-out")
    zeebe.throw_error(job, "unknown-code", "no catch for this")
    (incident,) = zeebe.incidents(error_type="UNHANDLED_ERROR_EVENT")
    assert isinstance(incident, Incident) and incident.job_key == job.key and incident.element_id == "pay-out"
    assert incident.error_message == "no catch for this"
    zeebe.cancel_instance(claim)
    assert_that(claim).is_terminated()
    assert zeebe.incidents() == []
    # Zeebe's ServiceTaskProcessor#cancelJob cancels ACTIVATABLE, ACTIVATED and FAILED jobs only:
    # a job whose error was thrown stays in its state.
    assert [j.state for j in zeebe.jobs()] == ["ERROR_THROWN"]
    with pytest.raises(CommandRejectedError, match="Expected to cancel a workflow instance with key"):
        zeebe.cancel_instance(claim)


def test_state_query_filters_are_checked(zeebe: ZeebeHarness) -> None:
    with pytest.raises(TypeError, match="Job has no field 'kind'; filter by key, type, state, retries"):
        zeebe.jobs(kind="x")
    with pytest.raises(TypeError, match="Incident has no field 'element'; filter by key, error_type"):
        zeebe.incidents(element="x")


def test_snapshot_and_restore_many_times(claims: ZeebeHarness) -> None:
    zeebe = claims
    claim = _large_claim(zeebe)
    snapshot = zeebe.snapshot()
    records, now = len(zeebe.records), zeebe.clock.now()
    keys = []
    for days in (3, 8, 3):  # the first and last branch do the same, and get the same keys
        zeebe.restore(snapshot)
        assert len(zeebe.records) == records and zeebe.clock.now() == now
        assert_that(claim).is_waiting_at("await-documents")
        zeebe.clock.advance(timedelta(days=days))
        keys.append(zeebe.create_instance("claim-handling", {"claimId": "C-2"}).key)
        if days == 3:
            assert_that(claim).is_active()
        else:
            assert_that(claim).is_completed().has_passed("claim-rejected")
    assert keys[0] == keys[2] != keys[1]  # keys restart where the snapshot left them; the timer took some
    zeebe.server.engine.check_replay()
    with pytest.raises(TypeError, match=r"restore[(][)] takes what zeebe.snapshot[(][)] returned, got int"):
        zeebe.restore(42)  # type: ignore[arg-type]


def test_restore_brings_back_deferred_mock_work(claims: ZeebeHarness) -> None:
    zeebe = claims
    payout = zeebe.worker("pay-out").after(timedelta(minutes=30)).complete()
    zeebe.worker("assess-claim").complete(amount=1)
    claim = zeebe.create_instance("claim-handling", {"claimId": "C-1"})
    snapshot = zeebe.snapshot()
    zeebe.clock.advance(timedelta(hours=1))
    assert_that(claim).is_completed()
    assert len(payout.invocations) == 1
    zeebe.restore(snapshot)
    assert payout.invocations == [] and zeebe.clock.next_due() == zeebe.clock.now() + timedelta(minutes=30)
    zeebe.clock.advance(timedelta(minutes=30))
    assert_that(claim).is_completed()


def test_clock_next_due_and_advance_to(claims: ZeebeHarness) -> None:
    zeebe = claims
    assert zeebe.clock.next_due() is None
    _large_claim(zeebe)
    due = zeebe.clock.next_due()
    assert due is not None and due.isoformat() == "2021-01-08T00:00:00+00:00"
    assert zeebe.clock.advance_to(due) == due
    with pytest.raises(ValueError, match="cannot move the clock backwards"):
        zeebe.clock.advance_to(due - timedelta(days=1))


def test_failure_messages_stay_short_however_long_the_test_ran(claims: ZeebeHarness) -> None:
    zeebe = claims
    claim = _large_claim(zeebe)
    for n in range(300):
        zeebe.set_variables(claim, {f"note{n}": "x" * 200})
        zeebe.publish_message("documents-received", f"other-{n}", time_to_live=60_000)
    checks = [
        lambda: assert_that(claim).is_waiting_for_messages("payment"),
        lambda: assert_that(claim).is_waiting_for_job("pay-out"),
        lambda: assert_that(claim).has_correlated_message("documents-received"),
        lambda: assert_that(claim).has_called_workflow("billing"),
        lambda: assert_that(zeebe.publish_message("documents-received", "nobody")).is_correlated(),
    ]
    for check in checks:
        with pytest.raises(AssertionError) as error:
            check()
        assert len(str(error.value)) < 5000
        assert "documents-received" in str(error.value)
