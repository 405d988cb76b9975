"""Example: a claim workflow with a gateway, a message, a timer and a worker that fails, tested
with mock workers, the virtual clock, assertions and a rewind. Start here.

`claim.bpmn`: a claim is assessed (job `assess-claim`); a claim over 1,000 waits for the
customer's documents (message `documents-received`, correlated by `claimId`) for at most seven
days (a timer), then is paid out (job `pay-out`); an `account-closed` error from the pay-out
ends with a manual payout.

Run with:  pip install -e . && pytest examples
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from pytest_zeebe import assert_that

pytestmark = pytest.mark.zeebe_deploy("claim.bpmn")  # next to this file, deployed before each test


def test_a_small_claim_is_paid_out_at_once(zeebe):
    zeebe.worker("assess-claim").complete(amount=250)
    payments = zeebe.worker("pay-out").complete(paid=True)

    result = zeebe.create_instance_with_result("claim-handling", {"claimId": "C-1"})

    assert result.variables == {"claimId": "C-1", "amount": 250, "paid": True}
    assert_that(result).is_completed().has_passed("small-claim", "claim-settled").has_not_passed("await-documents")
    (payment,) = payments.invocations
    assert payment.job.worker == "pytest-zeebe-mock-worker" and payment.action == "complete"


def test_a_large_claim_waits_for_documents_and_then_for_the_deadline(zeebe):
    zeebe.worker("assess-claim").complete(amount=5_000)
    zeebe.worker("pay-out").after(timedelta(hours=1)).complete(paid=True)  # a slow bank
    claim = zeebe.create_instance("claim-handling", {"claimId": "C-2"})
    assert_that(claim).is_waiting_at("await-documents").is_waiting_for_messages("documents-received")

    before_documents = zeebe.snapshot()

    # Branch 1: the documents come on day 3; the payout takes an hour.
    zeebe.clock.advance(timedelta(days=3))
    documents = zeebe.publish_message("documents-received", "C-2", {"documents": ["invoice.pdf"]})
    assert_that(documents).is_correlated(claim)
    assert_that(claim).is_waiting_for_job("pay-out").has_correlated_message("documents-received")
    assert zeebe.clock.next_due() == zeebe.clock.now() + timedelta(hours=1)
    zeebe.clock.advance(timedelta(hours=2))
    assert_that(claim).is_completed().has_passed("documents-in", "claim-settled").has_variables(paid=True)

    # Branch 2, from the same start: no documents; after seven days the claim is rejected.
    zeebe.restore(before_documents)
    zeebe.clock.advance(timedelta(days=7))
    assert_that(claim).is_completed().has_passed("documents-overdue", "claim-rejected").has_not_passed("pay-out")

    # And what it looked like on day 6, rebuilt from the record log:
    day_six = zeebe.clock.now() - timedelta(days=1)
    assert_that(claim).at(day_six).is_active().is_waiting_at("await-documents")


def test_a_bank_that_keeps_failing_raises_an_incident(zeebe):
    zeebe.worker("assess-claim").complete(amount=100)
    zeebe.worker("pay-out").fail(message="bank unavailable")  # one retry less each time
    claim = zeebe.create_instance("claim-handling", {"claimId": "C-3"})

    (incident,) = zeebe.incidents(workflow_instance_key=claim.key)
    assert_that(incident).has_error_type("JOB_NO_RETRIES").has_error_message("bank unavailable")
    assert len(zeebe.worker("pay-out").invocations) == 3

    # The bank is back: give the job a retry and resolve the incident.
    zeebe.worker("pay-out").complete(paid=True)
    zeebe.update_job_retries(incident.job_key, 1)
    zeebe.resolve_incident(incident)
    assert_that(incident).is_resolved()
    assert_that(claim).is_completed().has_no_incidents().has_variables(paid=True)


def test_a_closed_account_is_paid_out_by_hand(zeebe):
    zeebe.worker("assess-claim").complete(amount=100)
    zeebe.worker("pay-out").throw_error("account-closed", "the account was closed in May")
    result = zeebe.create_instance_with_result("claim-handling", {"claimId": "C-4"})
    assert_that(result).has_passed("account-closed", "manual-payout").has_not_passed("claim-settled")
