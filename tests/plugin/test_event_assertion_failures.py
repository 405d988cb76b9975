"""Failure messages of the message, incident, job-state and instance-event assertions, and of
assertions on the past (`at`), as a user sees them in pytest's report."""

from __future__ import annotations

from pathlib import Path

import pytest

CLAIM = Path(__file__).resolve().parents[2] / "examples" / "claim.bpmn"

HEADER = """
import pytest
from datetime import timedelta
from pytest_zeebe import assert_that

pytestmark = pytest.mark.zeebe_deploy("claim.bpmn")

def large_claim(zeebe):
    zeebe.worker("assess-claim").complete(amount=5_000)
    return zeebe.create_instance("claim-handling", {"claimId": "C-1"})
"""


@pytest.fixture
def claims(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makefile(".bpmn", claim=CLAIM.read_text())
    return pytester


def _literal(line: str) -> str:
    """`line` for fnmatch: brackets match themselves (a leading `E *` stays a wildcard)."""
    return line.replace("[", "[[]")


def _run(claims: pytest.Pytester, body: str, **outcomes: int) -> pytest.RunResult:
    claims.makepyfile(HEADER + body)
    result = claims.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(**outcomes)
    return result


def test_passing_event_assertions(claims: pytest.Pytester) -> None:
    _run(
        claims,
        """
def test_messages(zeebe):
    claim = large_claim(zeebe)
    assert_that(claim).is_waiting_for_messages("documents-received").has_correlated_message("documents-received", 0)
    early = zeebe.publish_message("documents-received", "C-2", time_to_live=timedelta(minutes=1))
    zeebe.clock.advance(timedelta(minutes=2))
    assert_that(early).is_not_correlated().has_expired()
    documents = zeebe.publish_message("documents-received", "C-1", message_id="m-1")
    assert_that(documents).is_correlated().is_correlated(claim.key).has_expired()  # TTL 0: deleted at once
    assert_that(claim).has_correlated_message("documents-received").is_waiting_for_job("pay-out")
    (job,) = zeebe.jobs(type="pay-out")
    assert job.state == "ACTIVATABLE" and job.variables == {"claimId": "C-1", "amount": 5000}
    assert_that(job).has_type("pay-out").has_element_id("pay-out").has_retries(3).has_variables(amount=5000)
    zeebe.fail_job(job, 0, "bank down")
    (incident,) = zeebe.incidents()
    assert_that(incident).has_error_type("JOB_NO_RETRIES").has_error_message("bank down").has_job(job).is_unresolved()
    assert_that(zeebe.jobs()[0]).is_failed()
""",
        passed=1,
    )


def test_waiting_for_messages_and_jobs_fail_with_what_it_waits_for(claims: pytest.Pytester) -> None:
    result = _run(
        claims,
        """
def test_messages(zeebe):
    assert_that(large_claim(zeebe)).is_waiting_for_messages("payment", "documents-received")

def test_job(zeebe):
    assert_that(large_claim(zeebe)).is_waiting_for_job("pay-out")

def test_correlated(zeebe):
    assert_that(large_claim(zeebe)).has_correlated_message("documents-received")
""",
        failed=3,
    )
    waiting = (
        "it is waiting at [await-documents (timer documents-overdue due 2021-01-08 00:00:00.000; "
        "message 'documents-received')]."
    )
    result.stdout.fnmatch_lines(
        [
            _literal(line)
            for line in [
                "E *AssertionError: Expected workflow instance 2251799813685251 (claim-handling) to be waiting for the "
                "messages [payment, documents-received], but it waits for no [payment]; its open message "
                f"subscriptions are [documents-received]; {waiting}",
                "E *AssertionError: Expected workflow instance 2251799813685251 (claim-handling) to be waiting for a "
                f"job of type 'pay-out', but its open jobs are none; {waiting}",
                "E *AssertionError: Expected workflow instance 2251799813685251 (claim-handling) to have correlated "
                "the message 'documents-received' once, but it was correlated 0 times; it waits for "
                "[documents-received].",
            ]
        ],
        consecutive=False,
    )


def test_message_and_incident_failures_tell_their_story(claims: pytest.Pytester) -> None:
    result = _run(
        claims,
        """
def test_message(zeebe):
    large_claim(zeebe)
    message = zeebe.publish_message("documents-received", "C-9", time_to_live=60_000)
    assert_that(message).is_correlated()

def test_started(zeebe):
    message = zeebe.publish_message("documents-received", "C-1")
    assert_that(message).has_started_instance("claim-handling")

def test_incident(zeebe):
    zeebe.worker("assess-claim").fail(retries=0, message="no assessor")
    zeebe.create_instance("claim-handling", {"claimId": "C-1"})
    (incident,) = zeebe.incidents()
    assert_that(incident).has_error_type("JOB_NO_RETRIES").is_resolved()
""",
        failed=3,
    )
    result.stdout.fnmatch_lines(
        [
            _literal(line)
            for line in [
                "E *AssertionError: Expected message 22517998136852* ('documents-received', correlation key 'C-9') "
                "to be correlated, but it was not correlated to any waiting instance (waiting for "
                "'documents-received': [workflow instance 2251799813685251 (correlation key 'C-1')]); started no "
                "instance; still buffered or never buffered (no expiry yet).",
                "E *AssertionError: Expected message 22517998136852* ('documents-received', correlation key 'C-1') "
                "to have started an instance of 'claim-handling', but it was not correlated to any waiting instance "
                "(no instance waits for 'documents-received'); started no instance; expired (its time to live ended).",
                "E *AssertionError: Expected incident 22517998136852* (JOB_NO_RETRIES at assess-claim of workflow "
                "instance 2251799813685251) to be resolved, but it is still open. Its message: 'no assessor'.",
                "E *State: active since 2021-01-01 00:00:00.000 (version 1).",
                "E *Open incidents:",
                "E *  22517998136852* JOB_NO_RETRIES at assess-claim: 'no assessor'",
            ]
        ],
        consecutive=False,
    )


def test_at_asserts_the_past_and_says_when(claims: pytest.Pytester) -> None:
    result = _run(
        claims,
        """
def test_past(zeebe):
    claim = large_claim(zeebe)
    start = zeebe.clock.now()
    zeebe.clock.advance(timedelta(days=8))
    assert_that(claim).is_completed().has_passed("claim-rejected")
    assert_that(claim).at(start).is_waiting_at("await-documents").is_active()
    created = zeebe.records.workflow_instance(element_id="claim-received", intent="ELEMENT_ACTIVATING").first()
    assert_that(claim).at(created.position).is_waiting_exactly_at("claim-received")
    with pytest.raises(ValueError, match="no record has position 9999 on partition 1"):
        assert_that(claim).at(9999)
    assert_that(claim).at(start + timedelta(days=7)).is_completed()

def test_past_failure(zeebe):
    claim = large_claim(zeebe)
    start = zeebe.clock.now()
    zeebe.clock.advance(timedelta(days=8))
    assert_that(claim).at(start).is_completed()
""",
        passed=1,
        failed=1,
    )
    result.stdout.fnmatch_lines(
        [
            _literal(line)
            for line in [
                "E *AssertionError: At 2021-01-01 00:00:00.000: Expected workflow instance 2251799813685251 "
                "(claim-handling) to be completed, but it is waiting at [await-documents (timer documents-overdue due "
                "2021-01-08 00:00:00.000; message 'documents-received')].",
            ]
        ]
    )
